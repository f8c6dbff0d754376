// @vitest-environment jsdom
// The SAE view of the active run: tokens coloured by their score (one behavior, or the highest), a correction marker
// with the dropped text struck through (collapsible), the keyboard reading a token's exact values and top features,
// a sparkline per behavior whose text states the numbers, and what is missing said in words.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SaeCorrection } from '../../api/sae-readings.ts';
import type { RunState, RunToken } from '../../store/runs-slice.ts';
import { useStore } from '../../store/store.ts';
import { SaeView } from './sae-view.tsx';

const tok = (
  n: number,
  text: string,
  attempt: number,
  index: number,
  d: number,
  j = 0.01,
  drift = false,
): RunToken => ({
  n,
  text,
  sae: {
    index,
    attempt,
    behaviors: { dialogue: { score: d, drift }, json: { score: j, drift: false } },
    features: [{ index: 356, value: 3.5, label: 'an opening quote' }],
  },
});
const correction: SaeCorrection = {
  status: 'correction',
  attempt: 1,
  index: 2,
  behavior: 'dialogue',
  score: 0.998,
  threshold: 0.995,
  action: 'regenerate',
  steering_vector_id: null,
  strength: -1,
  message: 'dialogue drifted',
};

const run = (over: Partial<RunState> = {}): RunState => ({
  id: 'r',
  mode: 'generate',
  request: {
    method: 'POST',
    url: 'http://x/sae/generate',
    headers: {},
    body: { prompt: 'p', include_activations: true },
    meta: { target: 'local', baseUrl: 'http://x', path: '/sae/generate' },
  },
  transportUrl: 'u',
  status: 'done',
  tokens: [
    tok(0, 'A', 1, 0, 0.2),
    tok(1, '"', 1, 1, 0.5),
    tok(2, 'X', 1, 2, 0.998, 0.01, true),
    tok(3, 'Y', 1, 3, 0.999, 0.01, true),
    tok(4, 'b', 2, 2, 0.3, 0.95),
    tok(5, 'c', 2, 3, 0.1),
  ],
  frames: [],
  startedAt: 0,
  sae: {
    hook: 'blocks.3.hook_resid_pre',
    behaviors: [
      { name: 'dialogue', mode: 'monitor', threshold: 0.995 },
      { name: 'json', mode: 'monitor', threshold: 0.0096 },
    ],
    corrections: [correction],
  },
  ...over,
});

function show(r: RunState) {
  useStore.setState({ runs: { [r.id]: r }, activeRunId: r.id });
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <SaeView />
    </QueryClientProvider>,
  );
}

beforeEach(() => useStore.setState({ runs: {}, activeRunId: undefined }));
afterEach(cleanup);

const spans = () =>
  [...screen.getByRole('textbox', { name: 'Heatmap text' }).querySelectorAll<HTMLElement>('.tok')].map((s) => [
    s.textContent,
    s.className.replace(/ ?active/, ''),
  ]);

describe('SaeView', () => {
  it('colours each token by the picked behavior or the highest score', async () => {
    const user = userEvent.setup();
    show(run());
    const region = screen.getByRole('region', { name: 'Behavior heatmap' });
    expect(region).toBeTruthy();
    expect(spans()).toEqual([
      ['A', 'tok heat-2'],
      ['"', 'tok heat-5'],
      ['X', 'tok heat-10'],
      ['Y', 'tok heat-10'],
      ['b', 'tok heat-3'],
      ['c', 'tok heat-1'],
    ]);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Colour by' }), 'Highest score');
    expect(spans()[4]).toEqual(['b', 'tok heat-10']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Colour by' }), 'json');
    expect(spans()[0]).toEqual(['A', 'tok heat-0']);
  });

  it('marks the correction and strikes the dropped text through; the marker hides and shows it', async () => {
    const user = userEvent.setup();
    show(run());
    const marker = screen.getByRole('button', { name: /Correction 1: dialogue 0\.998 > 0\.995, cut at token 2/ });
    const dropped = () => document.querySelector('del.dropped');
    expect(dropped()?.textContent).toBe('XY');
    await user.click(marker);
    expect(marker.getAttribute('aria-expanded')).toBe('false');
    expect(dropped()).toBeNull();
    await user.click(marker);
    expect(dropped()?.textContent).toBe('XY');
    expect(screen.getByText('4 tokens · 1 correction')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('done');
  });

  it('the keyboard reads a token’s exact values and top features', () => {
    show(run());
    const text = screen.getByRole('textbox', { name: 'Heatmap text' });
    act(() => text.focus());
    fireEvent.keyDown(text, { key: 'End' });
    fireEvent.keyDown(text, { key: 'ArrowLeft' });
    const readout = screen.getByTestId('sae-readout');
    expect(readout.textContent).toContain('position 2 · attempt 2');
    const row = within(readout).getByRole('row', { name: /json/ });
    expect(row.textContent).toContain('0.9500');
    expect(row.textContent).toContain('0.0096');
    expect(within(readout).getByText(/Feature 356: an opening quote \(3\.50\)/)).toBeTruthy();
    fireEvent.keyDown(text, { key: 'Home' });
    fireEvent.keyDown(text, { key: 'ArrowRight' });
    fireEvent.keyDown(text, { key: 'ArrowRight' });
    expect(readout.textContent).toContain('dropped by a correction');
  });

  it('draws a sparkline per behavior over the kept text, its numbers in words', () => {
    show(run());
    const scores = screen.getByRole('region', { name: 'Behavior scores' });
    const imgs = within(scores).getAllByRole('img');
    expect(imgs.map((i) => i.getAttribute('aria-label'))).toEqual([
      'dialogue (monitor): 4 tokens, last 0.100, highest 0.500 at token 1, threshold 0.995, no drift',
      'json (monitor): 4 tokens, last 0.010, highest 0.950 at token 2, threshold 0.010, no drift',
    ]);
  });

  it('says what is missing: no per-token scores in a whole answer, features not asked for', () => {
    show(
      run({
        tokens: [{ n: 0, text: 'whole text' }],
        request: {
          method: 'POST',
          url: 'http://x/v1/completions',
          headers: {},
          body: { stream: false, behavior_names: ['dialogue'] },
          meta: { target: 'hosted', baseUrl: 'http://x', path: '/v1/completions' },
        },
        sae: { behaviors: [], corrections: [], summary: [{ name: 'dialogue', mode: 'monitor', max_score: 0.4 }] },
      }),
    );
    expect(screen.getByText(/This answer came whole \(not streamed\)/)).toBeTruthy();
    expect(screen.getByText(/highest 0\.400/)).toBeTruthy();
  });

  it('with no run yet, says how to start', () => {
    show(run());
    cleanup();
    useStore.setState({ runs: {}, activeRunId: undefined });
    render(<SaeView />);
    expect(screen.getByText(/Pick a behavior in the Behaviors panel/)).toBeTruthy();
  });
});
