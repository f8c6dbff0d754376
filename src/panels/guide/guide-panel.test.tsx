// @vitest-environment jsdom
// The guide panel in the page's own terms: choosing JSON Schema pre-fills the seed page's schema and the request
// carries it at once; examples fill the editor and the message; the lints and facts come from the compiler (here
// on this thread: jsdom has no Worker); on the hosted target a refusal is advice, not a block.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { requestFromDraft } from '../../api/request-from-draft.ts';
import { SEED_SCHEMA_TEXT } from '../../guide/examples.ts';
import { DEFAULT_DRAFT } from '../../store/draft.ts';
import { guideBlocker } from '../../store/guide-check.ts';
import { useStore } from '../../store/store.ts';
import { GuidePanel } from './guide-panel.tsx';

// Monaco needs a real browser (the journeys in e2e/guide.spec.ts use it): a labelled text area stands in here
vi.mock('../../lib/monaco/code-editor.tsx', () => ({
  default: (p: { value: string; label: string; onChange(v: string): void }) => (
    <textarea aria-label={p.label} value={p.value} onChange={(e) => p.onChange(e.target.value)} />
  ),
}));

afterEach(cleanup);
beforeEach(() => {
  useStore.getState().setDraft({ ...DEFAULT_DRAFT, composer: '' });
  useStore.setState({ target: 'local', guideCheck: undefined });
});

const conn = { target: 'local' as const, baseUrl: 'http://127.0.0.1:8420', apiKey: 'k' };

describe('GuidePanel', () => {
  it('choosing JSON Schema pre-fills the seed schema, and the request carries it as a policy at once', async () => {
    const user = userEvent.setup();
    render(<GuidePanel />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Constraint' }), 'JSON Schema');
    expect(useStore.getState().draft.guide.texts.json_schema).toBe(SEED_SCHEMA_TEXT);
    expect(((await screen.findByRole('textbox', { name: 'Schema' })) as HTMLTextAreaElement).value).toBe(
      SEED_SCHEMA_TEXT,
    );
    const req = requestFromDraft({ ...useStore.getState().draft, composer: 'Hi' }, conn);
    expect(req.body?.policy).toMatchObject({ constraints: { json_schema: JSON.parse(SEED_SCHEMA_TEXT) } });
    const facts = await screen.findByTestId('guide-facts', {}, { timeout: 5000 });
    expect(facts.textContent).toContain('topic, confidence');
    expect(facts.textContent).toContain('spaced');
    expect(screen.getByRole('radio', { name: 'OpenAI route with a policy' })).toHaveProperty('checked', true);
  });

  it('an example fills its editor and the message; the Generate mode says where the constraint goes', async () => {
    const user = userEvent.setup();
    render(<GuidePanel />);
    await user.click(screen.getByRole('button', { name: 'Date (regex)' }));
    const d = useStore.getState().draft;
    expect(d.guide.kind).toBe('regex');
    expect(d.composer).toMatch(/Netherfield/);
    expect(await screen.findByRole('textbox', { name: 'Regex' })).toBeTruthy();
    useStore.getState().patchDraft({ mode: 'generate' });
    expect(await screen.findByText(/goes to \/sampling\/generate/)).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Transport' })).toBeNull();
  });

  it('a refused schema blocks Run locally with the compiler’s words, and is only advice on the hosted target', async () => {
    const user = userEvent.setup();
    useStore.getState().patchDraft({
      guide: {
        ...DEFAULT_DRAFT.guide,
        kind: 'json_schema',
        texts: { ...DEFAULT_DRAFT.guide.texts, json_schema: '{"not": {}}' },
      },
    });
    const { unmount } = render(<GuidePanel />);
    const refusal = await screen.findByTestId('guide-refusal', {}, { timeout: 5000 });
    expect(refusal.className).toBe('error-box');
    expect(guideBlocker(useStore.getState())).toBe(`The schema is refused: ${refusal.textContent}`);
    unmount();
    useStore.setState({ target: 'hosted' });
    render(<GuidePanel />);
    const advice = await screen.findByTestId('guide-refusal', {}, { timeout: 5000 });
    expect(advice.className).toBe('warning-box');
    expect(guideBlocker(useStore.getState())).toBeUndefined();
    expect(within(screen.getByRole('list', { name: 'Lints' })).getAllByRole('listitem')[0]?.textContent).toMatch(
      /^warning/,
    );
    // Validate lints at once: the stored report is replaced by a new one about the same text
    const before = useStore.getState().guideCheck;
    await user.click(screen.getByRole('button', { name: 'Validate' }));
    await waitFor(() => expect(useStore.getState().guideCheck).not.toBe(before));
    expect(useStore.getState().guideCheck?.report.refusal).toBe(before?.report.refusal);
  });
});
