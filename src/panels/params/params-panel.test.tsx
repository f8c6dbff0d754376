// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DRAFT } from '../../store/draft.ts';
import { runBlocker } from '../../store/params-check.ts';
import { useStore } from '../../store/store.ts';
import { ParamsPanel } from './params-panel.tsx';

afterEach(cleanup);
beforeEach(() => useStore.getState().setDraft({ ...DEFAULT_DRAFT, composer: 'Hello' }));

const box = (name: string) => screen.getByRole('spinbutton', { name }) as HTMLInputElement;

describe('ParamsPanel number fields', () => {
  it('keep every intermediate state as typed, and set the value once it is valid', async () => {
    const user = userEvent.setup();
    render(<ParamsPanel />);
    const t = box('Temperature');
    await user.clear(t);
    await user.type(t, '0.5');
    expect(t.value).toBe('0.5'); // "0." is not rewritten to "0" on the way
    expect(useStore.getState().draft.params.temperature).toBe(0.5);

    const max = box('Max tokens');
    await user.clear(max);
    await user.type(max, '400');
    await user.type(max, '{Backspace}');
    expect(max.value).toBe('40');
    await user.type(max, '{Backspace}{Backspace}');
    expect(max.value).toBe(''); // empty while typing is allowed, and explained
    expect(screen.getByText('Max tokens is required')).toBeTruthy();
    await user.type(max, '4000');
    expect(max.value).toBe('4000');
    expect(useStore.getState().draft.params.max_tokens).toBe(4000);
  });

  it('explain an out-of-range value on the field, keep it, and block Run with the reason', async () => {
    const user = userEvent.setup();
    render(<ParamsPanel />);
    const max = box('Max tokens');
    await user.clear(max);
    await user.type(max, '0');
    expect(max.value).toBe('0');
    expect(max.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('Max tokens must be at least 1');
    expect(runBlocker(useStore.getState().draft)).toMatch(/Max tokens must be at least 1/);

    const temp = box('Temperature');
    await user.clear(temp); // clearing Temperature does not silently send 0
    expect(runBlocker(useStore.getState().draft)).toMatch(/Temperature is required/);
  });

  it('explain a fifth stop sequence rather than drop it, and keep a trailing comma while typing', async () => {
    const user = userEvent.setup();
    render(<ParamsPanel />);
    const stop = screen.getByLabelText('Stop sequences') as HTMLInputElement;
    await user.type(stop, 'a,');
    expect(stop.value).toBe('a,');
    expect(useStore.getState().draft.params.stop).toEqual(['a']);
    await user.type(stop, ' b, c, d, e');
    expect(stop.value).toBe('a, b, c, d, e');
    expect(screen.getByRole('alert').textContent).toBe('Stop sequences are at most 4 (you have 5): remove 1');
    expect(useStore.getState().draft.params.stop).toEqual(['a', 'b', 'c', 'd']);
  });
});
