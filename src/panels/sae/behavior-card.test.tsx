// @vitest-environment jsdom
// The behavior card as a user meets it: a built-in's evidence in words (held-out AUC, false-trigger rate, threshold,
// hook, correction vector — inline or an id) and no actions; the user's own with its cross-validated separation,
// Rename (a refused name said on the Name field) and Delete asked once more, each refreshing the list.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Behavior } from '../../api/behaviors-client.ts';
import { useStore } from '../../store/store.ts';
import { BehaviorCard } from './behavior-card.tsx';

const DIALOGUE: Behavior = {
  id: 'austen-mini/dialogue',
  behavior_name: 'dialogue',
  description: 'Per generated character, the probability that it is quoted speech.',
  steering_vector_id: null,
  model_id: 'austen-mini',
  hook_name: 'blocks.3.hook_resid_pre',
  sae_release: 'austen-mini-sae',
  created_at: '2026-11-30T06:21:49.388Z',
  built_in: true,
  threshold: 0.9950138231504877,
  separation_auc: 0.9249,
  false_trigger_rate: 0.04918,
};

const OWN: Behavior = {
  ...DIALOGUE,
  id: 'bh_7c93f73089959b69834be7b3',
  behavior_name: 'casual',
  description: null,
  steering_vector_id: 'sv_472e47a8ff12575fcd331a1b',
  built_in: false,
  threshold: 0.7389,
  separation_auc: 0.8398,
  false_trigger_rate: null,
};

function renderCard(behavior: Behavior, onDeleted = vi.fn()) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const invalidate = vi.spyOn(qc, 'invalidateQueries');
  render(
    <QueryClientProvider client={qc}>
      <BehaviorCard behavior={behavior} onDeleted={onDeleted} />
    </QueryClientProvider>,
  );
  return { invalidate, onDeleted, card: screen.getByTestId('behavior-card') };
}

/** The card's facts as {term: description}. */
function facts(card: HTMLElement): Record<string, string> {
  const dts = [...card.querySelectorAll('dt')];
  return Object.fromEntries(dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent ?? '']));
}

const refusal = (status: number, message: string, param: string) =>
  Response.json({ error: { message, type: 'invalid_request_error', param, code: 'conflict' } }, { status });

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
beforeEach(() => {
  useStore.setState({ target: 'local', keys: { local: 'k', hosted: '', custom: '' } });
});

describe('BehaviorCard', () => {
  it('shows a built-in’s evidence in words, its inline vector, and no actions', () => {
    const { card } = renderCard(DIALOGUE);
    expect(within(card).getByText('dialogue')).toBeTruthy();
    expect(within(card).getByText('built-in')).toBeTruthy();
    expect(facts(card)).toEqual({
      Detects: DIALOGUE.description,
      'Held-out AUC': '0.92 (strong)',
      'False-trigger rate': '4.9 % of held-out generations without it drift',
      Threshold: '0.995 (drift: above it for 3 tokens in a row)',
      Hook: 'blocks.3.hook_resid_pre',
      'Correction vector': 'inline vector',
    });
    expect(within(card).queryByRole('button')).toBeNull();
    expect(within(card).queryByRole('textbox')).toBeNull();
  });

  it('words a weak built-in as weak and names its correction vector', () => {
    const { card } = renderCard({
      ...DIALOGUE,
      behavior_name: 'exclamation',
      separation_auc: 0.6902,
      steering_vector_id: 'austen-mini/exclamation',
    });
    expect(facts(card)['Held-out AUC']).toBe('0.69 (weak)');
    expect(facts(card)['Correction vector']).toBe('austen-mini/exclamation');
  });

  it('shows the user’s own separation; Rename sends the new name and refreshes the list', async () => {
    const user = userEvent.setup();
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockImplementation(async () => Response.json({ ...OWN, behavior_name: 'chatty' }));
    const { card, invalidate } = renderCard(OWN);
    expect(within(card).getByText('yours')).toBeTruthy();
    expect(facts(card)).toMatchObject({
      Detects: 'No description',
      'Separation AUC': '0.84 (moderate), cross-validated on its own examples',
      'Correction vector': OWN.steering_vector_id,
    });
    expect(facts(card)['Held-out AUC']).toBeUndefined();
    const name = within(card).getByRole('textbox', { name: 'Name' });
    const rename = within(card).getByRole('button', { name: 'Rename' });
    expect(rename).toHaveProperty('disabled', true);
    await user.clear(name);
    expect(within(card).getByText('Name: give the behavior a name')).toBeTruthy();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(rename).toHaveProperty('disabled', true);
    await user.type(name, ' chatty ');
    await user.click(rename);
    const [url, init] = fetchSpy.mock.calls[0] ?? [];
    expect(url).toBe(`${location.origin}/behaviors/${OWN.id}/rename`);
    expect(init?.method).toBe('PATCH');
    expect(JSON.parse(String(init?.body))).toEqual({ behavior_name: 'chatty' });
    await waitFor(() => expect(invalidate).toHaveBeenCalledWith({ queryKey: ['behaviors'] }));
  });

  it('says a name in use on the Name field', async () => {
    const user = userEvent.setup();
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      refusal(409, "behavior_name: a behavior named 'dialogue' already exists", 'behavior_name'),
    );
    const { card } = renderCard(OWN);
    const name = within(card).getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'dialogue');
    await user.click(within(card).getByRole('button', { name: 'Rename' }));
    const error = await within(card).findByText("Name: a behavior named 'dialogue' already exists");
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name.getAttribute('aria-describedby')).toBe(error.id);
    await user.type(name, 's');
    expect(within(card).queryByText(/already exists/)).toBeNull();
  });

  it('Delete asks once more; Cancel keeps it; Delete behavior deletes it and reports the id', async () => {
    const user = userEvent.setup();
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockImplementation(async () => Response.json({ deleted: true, behavior_id: OWN.id }));
    const { card, onDeleted, invalidate } = renderCard(OWN);
    await user.click(within(card).getByRole('button', { name: 'Delete' }));
    expect(within(card).getByText(/Delete casual\? This cannot be undone/)).toBeTruthy();
    await user.click(within(card).getByRole('button', { name: 'Cancel' }));
    expect(fetchSpy).not.toHaveBeenCalled();
    await user.click(within(card).getByRole('button', { name: 'Delete' }));
    await user.click(within(card).getByRole('button', { name: 'Delete behavior' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledWith(OWN.id));
    const [url, init] = fetchSpy.mock.calls[0] ?? [];
    expect(url).toBe(`${location.origin}/behaviors/${OWN.id}`);
    expect(init?.method).toBe('DELETE');
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['behaviors'] });
  });

  it('a failed delete is said in words and the card stays', async () => {
    const user = userEvent.setup();
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      Response.json(
        { error: { message: "behavior_id: no behavior with id 'bh_x'", type: 'not_found', param: 'behavior_id' } },
        { status: 404 },
      ),
    );
    const { card, onDeleted } = renderCard(OWN);
    await user.click(within(card).getByRole('button', { name: 'Delete' }));
    await user.click(within(card).getByRole('button', { name: 'Delete behavior' }));
    expect((await within(card).findByRole('alert')).textContent).toBe("behavior_id: no behavior with id 'bh_x'");
    expect(onDeleted).not.toHaveBeenCalled();
    expect(within(card).getByRole('button', { name: 'Delete' })).toBeTruthy();
  });
});
