// The SAE view's pure parts: the colour buckets, the drift spans (a span starts DRIFT_RUN − 1 tokens before the
// server's first drift mark), the stretches of kept and dropped text, the sparkline series.
import { describe, expect, it } from 'vitest';
import type { SaeCorrection } from '../../api/sae-readings.ts';
import { driftSpans } from './drift-spans.ts';
import { heatBucket, shownScore } from './heat-scale.ts';
import { cutsOf, seriesOf } from './sae-series.ts';
import { segments } from './segments.ts';

const reading = (attempt: number, index: number, scores: Record<string, number>, drift = false) => ({
  sae: {
    attempt,
    index,
    behaviors: Object.fromEntries(Object.entries(scores).map(([k, score]) => [k, { score, drift }])),
  },
});
const cut = (attempt: number, index: number): SaeCorrection => ({
  status: 'correction',
  attempt,
  index,
  behavior: 'dialogue',
  score: 1,
  threshold: 0.9,
  action: 'regenerate',
  steering_vector_id: null,
  strength: -1,
  message: '',
});

describe('the heat scale', () => {
  it('buckets a score into 0…10, none and non-finite in 0', () => {
    expect([0, 0.05, 0.1, 0.5, 0.99, 1, 7].map(heatBucket)).toEqual([0, 0, 1, 5, 10, 10, 10]);
    expect(heatBucket(undefined)).toBe(0);
    expect(heatBucket(Number.NaN)).toBe(0);
  });

  it('colours by one behavior, or by the highest score', () => {
    const r = reading(1, 0, { a: 0.2, b: 0.7 }).sae;
    expect(shownScore(r, { kind: 'behavior', name: 'a' })).toBe(0.2);
    expect(shownScore(r, { kind: 'behavior', name: 'c' })).toBeUndefined();
    expect(shownScore(r, { kind: 'max' })).toBe(0.7);
    expect(shownScore(undefined, { kind: 'max' })).toBeUndefined();
  });
});

describe('drift spans', () => {
  it('start DRIFT_RUN − 1 tokens before the first mark, never before the last span', () => {
    const f = false;
    const t = true;
    expect(driftSpans([f, f, f, t, t, f, f, f, f, t])).toEqual([
      { from: 1, to: 5 },
      { from: 7, to: 10 },
    ]);
    expect(driftSpans([t, f, t])).toEqual([
      { from: 0, to: 1 },
      { from: 1, to: 3 },
    ]);
    expect(driftSpans([])).toEqual([]);
  });
});

describe('segments', () => {
  it('cuts the arrival order into kept and dropped stretches, each with the correction that cut it', () => {
    const tokens = [
      reading(1, 0, {}),
      reading(1, 1, {}),
      reading(1, 2, {}),
      reading(2, 1, {}),
      reading(2, 2, {}),
      reading(3, 2, {}),
    ];
    const dropped = [false, true, true, false, true, false];
    expect(segments(tokens, dropped, [cut(1, 1), cut(2, 2)])).toEqual([
      { from: 0, to: 1 },
      { from: 1, to: 3, dropped: true, correction: 0 },
      { from: 3, to: 4 },
      { from: 4, to: 5, dropped: true, correction: 1 },
      { from: 5, to: 6 },
    ]);
    // dropped without a frame saying why
    expect(segments(tokens.slice(0, 2), [true, false], [])).toEqual([
      { from: 0, to: 1, dropped: true },
      { from: 1, to: 2 },
    ]);
    expect(segments([], [], [])).toEqual([]);
    expect(segments([{}, {}], [false, false], [])).toEqual([{ from: 0, to: 2 }]);
  });
});

describe('series', () => {
  it('one per behavior over the kept tokens, with its threshold, mode and drift spans', () => {
    const kept = [reading(1, 0, { d: 0.1 }), reading(1, 1, { d: 0.99 }, true), {}];
    const sae = {
      behaviors: [{ name: 'd', mode: 'monitor' as const, threshold: 0.9 }],
      corrections: [cut(1, 1), { ...cut(2, 1), action: 'give_up' as const }],
    };
    const [s] = seriesOf(['d'], kept, sae);
    expect(s).toEqual({
      name: 'd',
      mode: 'monitor',
      threshold: 0.9,
      scores: [0.1, 0.99, undefined],
      spans: [{ from: 0, to: 2 }],
    });
    expect(cutsOf(sae)).toEqual([1]);
  });
});
