// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useStore } from '../../store/store.ts';
import { CompletionView } from './completion-view.tsx';

afterEach(cleanup);

const run = (texts: string[], status: 'running' | 'done' | 'stopped' = 'done') =>
  act(() =>
    useStore.getState().addRun({
      id: 'r1',
      mode: 'completion',
      request: {
        method: 'POST',
        url: 'http://127.0.0.1:8420/v1/completions',
        headers: {},
        meta: { target: 'local', baseUrl: 'http://127.0.0.1:8420', path: '/v1/completions' },
      },
      transportUrl: 'http://127.0.0.1:8420/v1/completions',
      status,
      tokens: texts.map((text, i) => ({
        n: i,
        text,
        logprob: -0.1 * (i + 1),
        top: [
          { token: text, logprob: -0.1 * (i + 1) },
          { token: 'z', logprob: -3 },
        ],
      })),
      frames: [],
      startedAt: 0,
      firstTokenAt: 5,
      endedAt: 50,
    }),
  );

describe('CompletionView', () => {
  it('renders model output as text, never as HTML', () => {
    render(<CompletionView onContinue={() => {}} onRerun={() => {}} busy={false} />);
    run(['<', 'img src=x onerror="alert(1)"', '>', '<script>x()</script>']);
    const out = screen.getByTestId('output');
    expect(out.querySelector('img')).toBeNull();
    expect(out.querySelector('script')).toBeNull();
    expect(out.textContent).toContain('<img src=x onerror="alert(1)">');
  });

  it('marks a stopped run and shows a token’s logprob and alternatives from the keyboard', () => {
    render(<CompletionView onContinue={() => {}} onRerun={() => {}} busy={false} />);
    run(['a', 'b', 'c'], 'stopped');
    const out = screen.getByRole('textbox', { name: 'Output' });
    expect(out.textContent).toContain('[stopped]');
    fireEvent.focus(out);
    fireEvent.keyDown(out, { key: 'ArrowRight' });
    const details = screen.getByTestId('token-details');
    expect(details.textContent).toContain('-0.200');
    expect(details.textContent).toContain('z');
    // Home and End jump to the first and the last token
    fireEvent.keyDown(out, { key: 'End' });
    expect(screen.getByTestId('token-details').textContent).toContain('-0.300');
    fireEvent.keyDown(out, { key: 'Home' });
    expect(screen.getByTestId('token-details').textContent).toContain('-0.100');
    expect(screen.getByRole('button', { name: 'Continue' })).toBeEnabled();
  });
});
