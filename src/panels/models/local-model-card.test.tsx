// @vitest-environment jsdom
// A sample prompt never loses what the user wrote: it says it replaced it, and Undo brings it back.
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DRAFT } from '../../store/draft.ts';
import { useStore } from '../../store/store.ts';
import { LocalModelCard } from './local-model-card.tsx';

beforeEach(() => useStore.setState({ draft: { ...DEFAULT_DRAFT, mode: 'completion' } }));
afterEach(cleanup);

describe('LocalModelCard samples', () => {
  it('fill an untouched prompt silently', async () => {
    render(<LocalModelCard description="d" />);
    await userEvent.click(screen.getByRole('button', { name: 'A letter' }));
    expect(useStore.getState().draft.prompt).toMatch(/^My dear Elizabeth/);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('say when they replace the user’s text, and Undo brings it back', async () => {
    useStore.setState({ draft: { ...DEFAULT_DRAFT, mode: 'chat', composer: 'my own words' } });
    render(<LocalModelCard description="d" />);
    await userEvent.click(screen.getByRole('button', { name: 'Chat (it has no chat training)' }));
    expect(useStore.getState().draft.composer).toBe('What do you think of Mr. Darcy?');
    expect(screen.getByRole('status').textContent).toContain('The sample replaced your message.');
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(useStore.getState().draft.composer).toBe('my own words');
    expect(screen.queryByRole('status')).toBeNull();
  });
});
