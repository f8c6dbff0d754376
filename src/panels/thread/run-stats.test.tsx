// @vitest-environment jsdom
// The run's stats announce its start and its end to a screen reader — once each, never per token.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunState } from '../../store/runs-slice.ts';
import { RunStats } from './run-stats.tsx';

afterEach(cleanup);

const run = (status: RunState['status'], texts: string[]): RunState => ({
  id: 'r',
  mode: 'chat',
  request: {
    method: 'POST',
    url: 'u',
    headers: {},
    meta: { target: 'local', baseUrl: '', path: '/v1/chat/completions' },
  },
  transportUrl: 'u',
  status,
  tokens: texts.map((text, n) => ({ n, text })),
  frames: [],
  startedAt: 0,
});

describe('RunStats', () => {
  it('says "Running…" while tokens arrive, then how the run ended', () => {
    const { rerender } = render(<RunStats run={run('running', ['a'])} />);
    expect(screen.getByRole('status').textContent).toBe('Running…');
    rerender(<RunStats run={run('running', ['a', 'bc'])} />);
    expect(screen.getByRole('status').textContent).toBe('Running…');
    rerender(<RunStats run={run('done', ['a', 'bc'])} />);
    expect(screen.getByRole('status').textContent).toBe('Run done: 3 characters.');
  });
});
