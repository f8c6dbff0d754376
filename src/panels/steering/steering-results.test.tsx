// @vitest-environment jsdom
// The comparison view: the steered text marked from where it leaves the unsteered one, each cell's own measure,
// coherence against the unsteered cell with "breaks down" past the threshold, Stop for the cells still running.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunState } from '../../store/runs-slice.ts';
import { useStore } from '../../store/store.ts';
import { BREAKDOWN_NATS, commonPrefix, SteeringResults } from './steering-results.tsx';

const run = (id: string, text: string, status: RunState['status'] = 'done'): RunState => ({
  id,
  mode: 'chat',
  request: { method: 'POST', url: 'u', headers: {}, meta: { target: 'local', baseUrl: '', path: '' } },
  transportUrl: 'u',
  status,
  tokens: [...text].map((t, n) => ({ text: t, n })),
  frames: [],
  startedAt: 0,
});

beforeEach(() => {
  useStore.setState({
    runs: { a: run('a', 'She said it was fine.'), b: run('b', 'She said! Oh! Fine!', 'running') },
    steeringView: {
      kind: 'side',
      id: 'g',
      vectorId: 'austen-mini/exclamation',
      vectorName: 'exclamation',
      seed: 7,
      context: 'Hello.',
      measure: { spec: { kind: 'per_thousand', chars: '!' }, doc: '`!` per 1,000' },
      cells: [
        { runId: 'a', factor: 0, label: 'Strength 0', coherence: { state: 'done', meanLogprob: -0.8, chars: 21 } },
        {
          runId: 'b',
          factor: 1,
          label: 'Strength 2',
          coherence: { state: 'done', meanLogprob: -0.8 - BREAKDOWN_NATS - 0.5, chars: 19 },
        },
      ],
    },
  });
});
afterEach(cleanup);

describe('SteeringResults', () => {
  it('marks where the steered text parts from the unsteered one, with measure and coherence per cell', () => {
    render(<SteeringResults onStop={() => {}} />);
    const steered = screen.getByRole('article', { name: 'Strength 2' });
    expect(within(steered).getByText('! Oh! Fine!').tagName).toBe('MARK');
    expect(within(steered).getByTestId('measure').getAttribute('data-value')).toBe(String((1000 * 3) / 19));
    expect(within(steered).getByTestId('coherence').textContent).toMatch(/-1\.50 vs unsteered\) — breaks down/);
    const plain = screen.getByRole('article', { name: 'Strength 0' });
    expect(plain.querySelector('mark')).toBeNull();
    expect(within(plain).getByTestId('coherence').textContent).not.toMatch(/breaks down/);
  });

  it('Stop names the comparison’s runs; Close clears the view', async () => {
    const user = userEvent.setup();
    const onStop = vi.fn();
    render(<SteeringResults onStop={onStop} />);
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(onStop).toHaveBeenCalledWith('g', ['a', 'b']);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(useStore.getState().steeringView).toBeUndefined();
  });
});

describe('commonPrefix', () => {
  it('is the length the two texts share from the start', () => {
    expect(commonPrefix('abc', 'abd')).toBe(2);
    expect(commonPrefix('', 'x')).toBe(0);
    expect(commonPrefix('same', 'same')).toBe(4);
  });
});
