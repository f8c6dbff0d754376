// The Run bar's guide blocker: only a refusal of the very constraint being edited, only on the local target.
import { describe, expect, it } from 'vitest';
import { DEFAULT_GUIDE, type DraftGuide } from '../api/guide-from-draft.ts';
import { guideBlocker, guideCheckKey } from './guide-check.ts';

const guide: DraftGuide = {
  ...DEFAULT_GUIDE,
  kind: 'json_schema',
  texts: { ...DEFAULT_GUIDE.texts, json_schema: '{"not":{}}' },
};
const draft = { guide, params: { max_tokens: 50 }, mode: 'chat' as const };
const key = guideCheckKey(guide, 50, 'chat') ?? '';
const refused = { key, report: { lints: [], refusal: 'json_schema: `not` is not supported' } };

describe('guideBlocker', () => {
  it('blocks Run on the local target with the compiler’s words', () => {
    expect(guideBlocker({ target: 'local', guideCheck: refused, draft })).toBe(
      'The schema is refused: json_schema: `not` is not supported',
    );
  });

  it('never blocks on the hosted or custom targets (their runtime may accept it)', () => {
    expect(guideBlocker({ target: 'hosted', guideCheck: refused, draft })).toBeUndefined();
    expect(guideBlocker({ target: 'custom', guideCheck: refused, draft })).toBeUndefined();
  });

  it('ignores a report about another text, another max tokens, or a clean one', () => {
    const edited = { ...guide, texts: { ...guide.texts, json_schema: '{}' } };
    expect(guideBlocker({ target: 'local', guideCheck: refused, draft: { ...draft, guide: edited } })).toBeUndefined();
    expect(
      guideBlocker({ target: 'local', guideCheck: refused, draft: { ...draft, params: { max_tokens: 9 } } }),
    ).toBeUndefined();
    expect(guideBlocker({ target: 'local', guideCheck: { key, report: { lints: [] } }, draft })).toBeUndefined();
    expect(guideBlocker({ target: 'local', guideCheck: undefined, draft })).toBeUndefined();
    // the route changes the field a refusal names: a report about the other route does not count
    const direct = { ...guide, transport: 'direct' as const };
    expect(guideBlocker({ target: 'local', guideCheck: refused, draft: { ...draft, guide: direct } })).toBeUndefined();
    expect(
      guideBlocker({ target: 'local', guideCheck: refused, draft: { ...draft, mode: 'generate' } }),
    ).toBeUndefined();
    // an edited body (raw mode) is sent as it is
    expect(guideBlocker({ target: 'local', guideCheck: refused, draft: { ...draft, rawBody: '{}' } })).toBeUndefined();
  });

  it('has nothing to say about None or a policy', () => {
    expect(guideCheckKey({ ...guide, kind: 'none' }, 50, 'chat')).toBeUndefined();
    expect(guideCheckKey({ ...guide, kind: 'policy' }, 50, 'chat')).toBeUndefined();
  });
});
