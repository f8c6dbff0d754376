// @vitest-environment jsdom
// The JSON tree: keys and typed values, arrays with indexes, containers open to depth 2 and toggled by their
// summaries, empty containers as leaves, text never read as HTML.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonTree } from './json-tree.tsx';

afterEach(cleanup);

const VALUE = {
  title: 'Pride "and" Prejudice\n',
  year: 1813,
  ok: true,
  missing: null,
  characters: [
    { name: 'Elizabeth', traits: { wit: 9 } },
    { name: 'Darcy', traits: {} },
  ],
  empty: [],
};

const summaryOf = (el: HTMLElement) => {
  const d = el.closest('details');
  const s = d?.querySelector(':scope > summary');
  if (!d || !(s instanceof HTMLElement)) throw new Error('no details');
  return { details: d, summary: s };
};

describe('JsonTree', () => {
  it('is a group named by its label, with keys and values styled by type', () => {
    render(<JsonTree value={VALUE} label="Parsed output" />);
    const group = screen.getByRole('group', { name: 'Parsed output' });
    expect(within(group).getByText('title')).toHaveClass('json-key');
    expect(within(group).getByText('"Pride \\"and\\" Prejudice\\n"')).toHaveClass('json-string');
    expect(within(group).getByText('1813')).toHaveClass('json-number');
    expect(within(group).getByText('true')).toHaveClass('json-boolean');
    expect(within(group).getByText('null')).toHaveClass('json-null');
    expect(within(group).getByText('[]')).toHaveClass('json-punct');
    expect(within(group).getByText('6 keys')).toBeInTheDocument();
  });

  it('shows arrays with their indexes and item counts', () => {
    render(<JsonTree value={VALUE} label="out" />);
    expect(screen.getByText('2 items')).toBeInTheDocument();
    const indexes = screen.getAllByText(/^[01]$/).filter((e) => e.classList.contains('json-index'));
    expect(indexes.map((e) => e.textContent)).toEqual(['0', '1']);
    const first = summaryOf(indexes[0] as HTMLElement);
    expect(within(first.details).getByText('"Elizabeth"')).toBeInTheDocument();
  });

  it('opens the root and its children; deeper containers start closed and toggle', () => {
    render(<JsonTree value={VALUE} label="out" />);
    const root = summaryOf(screen.getByText('6 keys'));
    expect(root.details.open).toBe(true);
    const characters = summaryOf(screen.getByText('characters'));
    expect(characters.details.open).toBe(true);
    const item = summaryOf(screen.getAllByText('0').find((e) => e.classList.contains('json-index')) as HTMLElement);
    expect(item.details.open).toBe(false);
    expect(screen.getByText('"Elizabeth"')).not.toBeVisible();
    fireEvent.click(item.summary);
    expect(item.details.open).toBe(true);
    expect(screen.getByText('"Elizabeth"')).toBeVisible();
    fireEvent.click(characters.summary);
    expect(characters.details.open).toBe(false);
    expect(screen.getByText('"Elizabeth"')).not.toBeVisible();
  });

  it('shows a scalar at the top level, and an empty object as a leaf', () => {
    const { rerender } = render(<JsonTree value="just text" label="out" />);
    expect(screen.getByRole('group', { name: 'out' })).toHaveTextContent('"just text"');
    rerender(<JsonTree value={{}} label="out" />);
    expect(screen.getByText('{}')).toHaveClass('json-punct');
    expect(document.querySelector('details')).toBeNull();
  });

  it('renders text, never HTML', () => {
    render(<JsonTree value={{ '<b>k</b>': '<img src=x onerror=alert(1)>' }} label="out" />);
    expect(document.querySelector('img, b')).toBeNull();
    expect(screen.getByText('<b>k</b>')).toBeInTheDocument();
  });
});
