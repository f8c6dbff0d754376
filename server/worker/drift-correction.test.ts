import { describe, expect, it } from 'vitest';
import type { SaeSide } from '../../engine/sae/monitor.ts';
import { DriftCorrection } from './drift-correction.ts';
import type { CorrectionSpec } from './job.ts';

const spec: CorrectionSpec = {
  monitor: 'sae',
  maxAttempts: 3,
  behaviors: [
    { name: 'a', steering: [{ hook: 'blocks.3.hook_resid_pre', vector: [1, 0], strength: -1 }] },
    { name: 'b', steering: [{ hook: 'blocks.5.hook_resid_pre', vector: [0, 1], strength: -1 }] },
  ],
};
const base = { steering: [{ hook: 'blocks.1.hook_resid_pre', vector: Float32Array.from([2, 2]), strength: 0.5 }] };

const rec = (index: number, attempt: number, behaviors: SaeSide['behaviors']) => ({
  index,
  attempt,
  side: { sae: { behaviors } satisfies SaeSide },
});
const calm = { a: { score: 0.1, drift: false }, b: { score: 0.1, drift: false } };

describe('DriftCorrection', () => {
  it('regenerates from where the drift began with the behavior’s correction added to the base hooks', () => {
    const c = new DriftCorrection(spec, base);
    expect(c.check(rec(0, 1, calm))).toBeUndefined();
    const act = c.check(rec(4, 1, { a: { score: 0.9, drift: true, start: 2 }, b: calm.b }));
    expect(act).toMatchObject({ index: 2, behavior: 'a', score: 0.9, action: 'regenerate' });
    expect(act?.hooks?.steering?.map((s) => [s.hook, s.strength])).toEqual([
      ['blocks.1.hook_resid_pre', 0.5],
      ['blocks.3.hook_resid_pre', -1],
    ]);
    expect(Array.from(act?.hooks?.steering?.[1]?.vector ?? [])).toEqual([1, 0]);
  });

  it('drops the drifted attempt’s later records, keeps the next attempt’s', () => {
    const c = new DriftCorrection(spec, base);
    c.check(rec(4, 1, { a: { score: 0.9, drift: true, start: 2 }, b: calm.b }));
    expect(c.keep(rec(5, 1, calm))).toBe(false);
    expect(c.keep(rec(2, 2, calm))).toBe(true);
  });

  it('accumulates corrections over attempts and gives up (no rewind) in the last attempt', () => {
    const c = new DriftCorrection(spec, {});
    const first = c.check(rec(3, 1, { a: { score: 0.8, drift: true, start: 1 }, b: calm.b }));
    expect(first?.hooks?.steering?.map((s) => s.hook)).toEqual(['blocks.3.hook_resid_pre']);
    const second = c.check(rec(6, 2, { a: calm.a, b: { score: 0.7, drift: true, start: 4 } }));
    expect(second?.hooks?.steering?.map((s) => s.hook)).toEqual(['blocks.3.hook_resid_pre', 'blocks.5.hook_resid_pre']);
    const last = c.check(rec(9, 3, { a: { score: 0.95, drift: true, start: 7 }, b: calm.b }));
    expect(last).toEqual({ index: 7, behavior: 'a', score: 0.95, action: 'give_up' });
    expect(c.keep(rec(10, 3, calm))).toBe(true);
    // reported once per attempt and behavior
    expect(c.check(rec(10, 3, { a: { score: 0.95, drift: true, start: 7 }, b: calm.b }))).toBeUndefined();
  });

  it('ignores behaviors it does not correct and records without SAE readings', () => {
    const c = new DriftCorrection(
      { ...spec, behaviors: [spec.behaviors[1] as CorrectionSpec['behaviors'][number]] },
      {},
    );
    expect(c.check(rec(3, 1, { a: { score: 0.9, drift: true, start: 0 }, b: calm.b }))).toBeUndefined();
    expect(c.check({ index: 4, attempt: 1 })).toBeUndefined();
  });
});
