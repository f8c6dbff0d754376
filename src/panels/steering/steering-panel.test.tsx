// @vitest-environment jsdom
// The steering panel: the picker lists built-ins and the user's vectors (a free-text id with recent ones on the
// hosted target), a built-in's card shows its evidence, the Strength slider and its value field keep each other and
// the draft in step (what is typed is kept; only a valid number is committed), 0 is off, and the comparisons get the
// vector's own measure.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SteeringVectorItem } from '../../api/steering-client.ts';
import { DEFAULT_DRAFT } from '../../store/draft.ts';
import { useStore } from '../../store/store.ts';
import { SteeringPanel } from './steering-panel.tsx';

const item = (over: Partial<SteeringVectorItem>): SteeringVectorItem => ({
  id: 'x',
  model_name: 'austen-mini',
  method: 'caa',
  storage_path: null,
  public_url: null,
  created_at: null,
  api_key_id: null,
  nodes: ['blocks.5.hook_resid_pre'],
  built_in: false,
  layers: [{ key: '5', hook: 'blocks.5.hook_resid_pre', scale: 9, raw_norm: 1 }],
  d_model: 128,
  ...over,
});

const VECTORS: SteeringVectorItem[] = [
  item({
    id: 'austen-mini/exclamation',
    name: 'exclamation',
    label: 'Exclamation',
    built_in: true,
    evidence: {
      measure: '`!` per 1,000 generated characters',
      measure_spec: { kind: 'per_thousand', chars: '!' },
      auc_heldout: 0.744,
      spearman_rho: 0.94,
      n_samples: 64,
      dose: [
        { strength: -1, value: 0, fluency_cost: 0.3 },
        { strength: 0, value: 0.5, fluency_cost: 0 },
        { strength: 2, value: 215, fluency_cost: 0.97 },
      ],
      control_strength: 2,
      control_effects: [0.1, 10, 3],
    },
  }),
  item({ id: 'sv_mine', name: 'mine', label: 'My vector', separation_auc: 0.97 }),
];

function renderPanel(props: Partial<Parameters<typeof SteeringPanel>[0]> = {}) {
  const onSideBySide = vi.fn();
  const onSweep = vi.fn();
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <SteeringPanel busy={false} onSideBySide={onSideBySide} onSweep={onSweep} {...props} />
    </QueryClientProvider>,
  );
  return { onSideBySide, onSweep };
}

beforeEach(() => {
  localStorage.clear();
  useStore.setState({
    target: 'local',
    keys: { local: 'ax_local', hosted: '', custom: '' },
    draft: { ...DEFAULT_DRAFT, steering: { vectorId: '', strength: 0 } },
  });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) =>
      String(url).endsWith('/steering/vectors') ? Response.json(VECTORS) : new Response('{}', { status: 404 }),
    ),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const strengthField = () => screen.getByRole('textbox', { name: 'Strength value' });

describe('SteeringPanel', () => {
  it('lists built-ins and the user’s vectors; a built-in’s card shows its evidence and chart', async () => {
    const user = userEvent.setup();
    renderPanel();
    const picker = screen.getByRole('combobox', { name: 'Steering vector' });
    await screen.findByRole('option', { name: 'exclamation' });
    expect(within(picker).getByRole('group', { name: 'Built-in' })).toBeTruthy();
    expect(within(picker).getByRole('group', { name: 'Yours' })).toBeTruthy();
    await user.selectOptions(picker, 'austen-mini/exclamation');
    expect(useStore.getState().draft.steering.vectorId).toBe('austen-mini/exclamation');
    const card = await screen.findByTestId('vector-card');
    expect(card.textContent).toContain('0.744');
    expect(card.textContent).toContain('blocks.5.hook_resid_pre');
    expect(within(card).getByRole('img').getAttribute('aria-label')).toMatch(/from 0\.50 at strength 0 to 215/);
    // a built-in cannot be renamed or deleted
    expect(within(card).queryByRole('button', { name: 'Delete' })).toBeNull();
  });

  it('the slider and the value field keep the draft in step; a bad value is kept as typed and not committed', async () => {
    const user = userEvent.setup();
    useStore.setState({ draft: { ...useStore.getState().draft, steering: { vectorId: 'sv_mine', strength: 0 } } });
    renderPanel();
    expect(screen.getByText('Off')).toBeTruthy();
    fireEvent.change(screen.getByRole('slider', { name: 'Strength' }), { target: { value: '1.3' } });
    expect(useStore.getState().draft.steering.strength).toBe(1.3);
    expect((strengthField() as HTMLInputElement).value).toBe('1.3');
    await user.clear(strengthField());
    await user.type(strengthField(), '-0.');
    expect((strengthField() as HTMLInputElement).value).toBe('-0.');
    await user.type(strengthField(), 'x');
    expect(screen.getByText(/Not a number/)).toBeTruthy();
    // "-0." is 0: stored as 0 (never -0), the field keeps what was typed
    expect(Object.is(useStore.getState().draft.steering.strength, 0)).toBe(true);
    await user.clear(strengthField());
    await user.type(strengthField(), '250');
    expect(screen.getByText(/Between −100 and 100/)).toBeTruthy();
    // what is sent is what is shown: no hidden rounding, no exponents
    for (const typed of ['1.234', '1e-3']) {
      await user.clear(strengthField());
      await user.type(strengthField(), typed);
      expect(screen.getByText(/at most two decimals/)).toBeTruthy();
      expect(useStore.getState().draft.steering.strength).not.toBe(Number(typed));
    }
    await user.clear(strengthField());
    await user.type(strengthField(), '-1.5');
    expect(useStore.getState().draft.steering.strength).toBe(-1.5);
    expect((screen.getByRole('slider', { name: 'Strength' }) as HTMLInputElement).value).toBe('-1.5');
  });

  it('Side by side needs a strength; the comparison gets the vector’s own measure', async () => {
    const user = userEvent.setup();
    useStore.setState({
      draft: { ...useStore.getState().draft, steering: { vectorId: 'austen-mini/exclamation', strength: 0 } },
    });
    const { onSideBySide, onSweep } = renderPanel();
    await screen.findByTestId('vector-card');
    expect(screen.getByRole('button', { name: 'Side by side' })).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('button', { name: 'Sweep' }));
    expect(onSweep).toHaveBeenCalledWith({
      vectorId: 'austen-mini/exclamation',
      vectorName: 'Exclamation',
      measure: { spec: { kind: 'per_thousand', chars: '!' }, doc: '`!` per 1,000 generated characters' },
    });
    await user.type(strengthField(), '.5');
    await user.click(screen.getByRole('button', { name: 'Side by side' }));
    expect(onSideBySide).toHaveBeenCalledTimes(1);
  });

  it('on the hosted target the picker is a free-text id; used ids are suggested again', async () => {
    const user = userEvent.setup();
    useStore.setState({ target: 'hosted', keys: { local: 'ax_local', hosted: 'ax_h', custom: '' } });
    renderPanel();
    const box = screen.getByRole('combobox', { name: 'Steering vector' });
    expect(box.tagName).toBe('INPUT');
    await user.type(box, 'sv_abc123');
    expect(useStore.getState().draft.steering.vectorId).toBe('sv_abc123');
    // an id is remembered once it is used, not while typed (a typo is never suggested)
    await user.type(strengthField(), '.5');
    await user.click(screen.getByRole('button', { name: 'Side by side' }));
    cleanup();
    renderPanel();
    expect(document.querySelector('datalist option[value="sv_abc123"]')).not.toBeNull();
    // the hosted list is never asked for (it needs a dashboard login)
    expect(vi.mocked(fetch).mock.calls.map((c) => String(c[0]))).not.toContainEqual(
      expect.stringContaining('/steering/vectors'),
    );
  });
});
