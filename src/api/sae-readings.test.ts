// A run's SAE record: events fold in order; a correction takes back its attempt's tokens from its index on (a give-up
// takes back nothing); the text is the kept tokens.
import { describe, expect, it } from 'vitest';
import { applySaeEvent, behaviorNames, cutBy, droppedMask, keptTokens, type SaeCorrection } from './sae-readings.ts';

const tok = (text: string, attempt: number, index: number, score = 0.5) => ({
  text,
  sae: { index, attempt, behaviors: { dialogue: { score, drift: false } } },
});
const cut = (attempt: number, index: number, action: 'regenerate' | 'give_up' = 'regenerate'): SaeCorrection => ({
  status: 'correction',
  attempt,
  index,
  behavior: 'dialogue',
  score: 0.999,
  threshold: 0.995,
  action,
  steering_vector_id: null,
  strength: -1,
  message: 'm',
});

const REPLAY = { replay: true };

describe('the SAE record', () => {
  it('folds started, corrections and the summary; the summary keeps what the start said', () => {
    let r = applySaeEvent(undefined, {
      kind: 'started',
      hook: 'h',
      behaviors: [{ name: 'dialogue', mode: 'monitor', threshold: 0.995, steeringVectorId: null }],
    });
    r = applySaeEvent(r, { kind: 'correction', correction: cut(1, 2) });
    r = applySaeEvent(r, {
      kind: 'summary',
      behaviors: [
        { name: 'dialogue', mode: 'monitor' },
        { name: 'json', mode: 'monitor', threshold: 0.01 },
      ],
      corrected: true,
      attempts: 2,
    });
    expect(r.corrections).toHaveLength(1);
    expect(r.behaviors).toEqual([
      { name: 'dialogue', mode: 'monitor', threshold: 0.995, steeringVectorId: null },
      { name: 'json', mode: 'monitor', threshold: 0.01 },
    ]);
    expect(r).toMatchObject({ hook: 'h', corrected: true, attempts: 2 });
  });

  it('keeps the prefix and the next attempt; drops the cut tail; a give-up drops nothing', () => {
    const tokens = [tok('a', 1, 0), tok('b', 1, 1), tok('X', 1, 2), tok('Y', 1, 3), tok('c', 2, 2), tok('d', 2, 3)];
    expect(
      keptTokens(tokens, REPLAY)
        .map((t) => t.text)
        .join(''),
    ).toBe('abcd');
    expect(droppedMask(tokens, REPLAY)).toEqual([false, false, true, true, false, false]);
    // tokens without readings are never dropped
    const plain: { text: string; sae?: undefined }[] = [{ text: 'plain' }, { text: 'text' }];
    expect(keptTokens(plain, REPLAY)).toHaveLength(2);
  });

  it('a later cut before an earlier one drops every attempt’s tokens from there (the server’s rule)', () => {
    // attempt 1 cut at 2 (behavior A), attempt 2 cut at 0 (behavior B: it was high before the first cut), attempt 3
    const tokens = [
      tok('a', 1, 0),
      tok('b', 1, 1),
      tok('X', 1, 2),
      tok('P', 2, 2),
      tok('Q', 2, 3),
      tok('n', 3, 0),
      tok('e', 3, 1),
      tok('w', 3, 2),
    ];
    expect(
      keptTokens(tokens, REPLAY)
        .map((t) => t.text)
        .join(''),
    ).toBe('new');
    const cs = [cut(1, 2), cut(2, 0), cut(3, 3, 'give_up')];
    expect(tokens.map((t, i) => (droppedMask(tokens, REPLAY)[i] ? cutBy(t.sae, cs) : -2))).toEqual([
      1, 1, 0, 1, 1, -2, -2, -2,
    ]);
  });

  it('a correction no token followed cuts the tail too; an OpenAI-style stream never loses text', () => {
    const tokens = ['0', '1', '2', '3', '4', '5'].map((x, i) => tok(x, 1, i));
    const text = (t: typeof REPLAY & { corrections?: SaeCorrection[] }) =>
      keptTokens(tokens, t)
        .map((x) => x.text)
        .join('');
    expect(text({ replay: true, corrections: [cut(1, 3)] })).toBe('012');
    expect(text({ replay: true, corrections: [cut(1, 3, 'give_up')] })).toBe('012345');
    // positions that go back on /v1 (a reading without a usable index) take nothing back
    const v1 = [tok('Hello', 1, 0), tok(' there', 1, 0), tok(' friend', 1, 0)];
    expect(keptTokens(v1, { replay: false, corrections: [cut(1, 0)] })).toHaveLength(3);
    expect(keptTokens(v1)).toHaveLength(3);
  });

  it('an attempt that restarts from 0 (the contract’s example) replaces the whole text', () => {
    const tokens = [tok(' I', 1, 0), tok(' will', 1, 1), tok(' Sorry', 2, 0), tok(',', 2, 1)];
    expect(
      keptTokens(tokens, REPLAY)
        .map((t) => t.text)
        .join(''),
    ).toBe(' Sorry,');
    // no frame cut them: cutBy says so
    expect(cutBy(tokens[0]?.sae, [])).toBe(-1);
  });

  it('lists behavior names: the run’s own first, then any a token carries', () => {
    const r = { behaviors: [{ name: 'json', mode: 'monitor' as const }] };
    expect(behaviorNames(r, [tok('a', 1, 0)])).toEqual(['json', 'dialogue']);
    expect(behaviorNames(undefined, [])).toEqual([]);
  });
});
