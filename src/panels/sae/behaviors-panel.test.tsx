// @vitest-environment jsdom
// The Behaviors panel: chips from GET /behaviors (toggle buttons named after each behavior), Monitor/Forced per picked
// chip, a card per picked behavior, "Top features", names typed by hand on the hosted target (its list needs a
// login), and the route each mode takes, in words.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Behavior } from '../../api/behaviors-client.ts';
import { DEFAULT_DRAFT } from '../../store/draft.ts';
import { useStore } from '../../store/store.ts';
import { BehaviorsPanel } from './behaviors-panel.tsx';

const behavior = (name: string, over: Partial<Behavior> = {}): Behavior => ({
  id: `austen-mini/${name}`,
  behavior_name: name,
  description: `Detects ${name}.`,
  steering_vector_id: null,
  model_id: 'austen-mini',
  hook_name: 'blocks.3.hook_resid_pre',
  sae_release: 'austen-mini-sae',
  created_at: null,
  built_in: true,
  threshold: 0.995,
  separation_auc: 0.925,
  false_trigger_rate: 0.049,
  ...over,
});

let fetched: string[] = [];

function renderPanel() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <BehaviorsPanel />
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  localStorage.clear();
  fetched = [];
  useStore.setState({
    target: 'local',
    keys: { local: 'ax_local', hosted: '', custom: '' },
    draft: { ...DEFAULT_DRAFT, mode: 'generate' },
  });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      fetched.push(String(url));
      return String(url).endsWith('/behaviors')
        ? Response.json({ behaviors: [behavior('dialogue'), behavior('json')] })
        : new Response('{}', { status: 404 });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('BehaviorsPanel', () => {
  it('picks a behavior, sets its mode, shows its card and says where the run goes', async () => {
    const user = userEvent.setup();
    renderPanel();
    const group = await screen.findByRole('group', { name: 'Behaviors' });
    const dialogue = await within(group).findByRole('button', { name: 'dialogue' });
    expect(dialogue.getAttribute('aria-pressed')).toBe('false');
    await user.click(dialogue);
    expect(dialogue.getAttribute('aria-pressed')).toBe('true');
    expect(useStore.getState().draft.behaviors.picked).toEqual([{ name: 'dialogue', mode: 'monitor' }]);
    const modes = screen.getByRole('group', { name: 'dialogue mode' });
    await user.click(within(modes).getByRole('button', { name: 'Forced' }));
    expect(useStore.getState().draft.behaviors.picked).toEqual([{ name: 'dialogue', mode: 'forced' }]);
    expect(within(modes).getByRole('button', { name: 'Forced' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText(/Generate runs go to \/sae\/generate/)).toBeTruthy();
    await user.click(screen.getByText('About dialogue'));
    expect(await screen.findByText('Detects dialogue.')).toBeTruthy();
    await user.click(dialogue);
    expect(useStore.getState().draft.behaviors.picked).toEqual([]);
    expect(screen.queryByRole('group', { name: 'dialogue mode' })).toBeNull();
  });

  it('Top features switches include_activations; Chat says a stream reports without correcting', async () => {
    const user = userEvent.setup();
    useStore.setState({
      draft: {
        ...DEFAULT_DRAFT,
        mode: 'chat',
        behaviors: { picked: [{ name: 'json', mode: 'monitor' }], features: true },
      },
    });
    renderPanel();
    await user.click(screen.getByRole('checkbox', { name: 'Top features' }));
    expect(useStore.getState().draft.behaviors.features).toBe(false);
    expect(screen.getByText(/drift is reported, not corrected/)).toBeTruthy();
  });

  it('on the hosted target names are typed by hand (the list is never asked for)', async () => {
    const user = userEvent.setup();
    useStore.setState({ target: 'hosted' });
    renderPanel();
    expect(screen.getByText(/hosted behavior list needs a dashboard login/)).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: 'Behavior name' }), 'toxicity{Enter}');
    await user.type(screen.getByRole('textbox', { name: 'Behavior name' }), ' toxicity ');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(useStore.getState().draft.behaviors.picked).toEqual([{ name: 'toxicity', mode: 'monitor' }]);
    const chip = within(screen.getByRole('group', { name: 'Behaviors' })).getByRole('button', { name: 'toxicity' });
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    expect(fetched.some((u) => u.endsWith('/behaviors'))).toBe(false);
  });
});
