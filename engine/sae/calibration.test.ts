import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.ts';
import { sigmoid } from './behavior-probe.ts';
import { calibrateAll, calibrated, expectedCalibrationError, fitPlatt, reliability } from './calibration.ts';

/** n logits ~ N(0, spread²) with labels drawn from σ(a·z + b). */
function synthetic(seed: number, n: number, a: number, b: number, spread = 2) {
  const rng = new Rng(seed);
  const logits = Float64Array.from({ length: n }, () => spread * rng.normal());
  const labels = Uint8Array.from(logits, (z) => (rng.next() < sigmoid(a * z + b) ? 1 : 0));
  return { logits, labels };
}

describe('fitPlatt', () => {
  it('recovers known a, b on synthetic logits', () => {
    for (const [a, b] of [
      [1.5, -0.7],
      [0.4, 1.2],
      [3, 0],
    ] as const) {
      const { logits, labels } = synthetic(10 + a, 20000, a, b);
      const p = fitPlatt(logits, labels);
      expect(Math.abs(p.a - a)).toBeLessThan(0.1 * a + 0.02);
      expect(Math.abs(p.b - b)).toBeLessThan(0.08);
    }
  });

  it('is deterministic and lowers the ECE of miscalibrated scores on held-out data', () => {
    // the raw probe probability σ(z) is over-confident and biased: the truth is σ(0.4·z + 1)
    const fit = synthetic(21, 5000, 0.4, 1, 3);
    const test = synthetic(22, 5000, 0.4, 1, 3);
    const p = fitPlatt(fit.logits, fit.labels);
    expect(fitPlatt(fit.logits, fit.labels)).toEqual(p);
    const raw = expectedCalibrationError(calibrateAll({ a: 1, b: 0 }, test.logits), test.labels);
    const after = expectedCalibrationError(calibrateAll(p, test.logits), test.labels);
    expect(raw).toBeGreaterThan(0.1);
    expect(after).toBeLessThan(0.03);
    expect(after).toBeLessThan(raw / 4);
  });

  it('stays finite on separable data thanks to the smoothed targets', () => {
    const logits = [-3, -2, -1, -0.5, 0.5, 1, 2, 3];
    const labels = [0, 0, 0, 0, 1, 1, 1, 1];
    const smooth = fitPlatt(logits, labels);
    expect(Number.isFinite(smooth.a) && smooth.a > 0 && smooth.a < 20).toBe(true);
    const hard = fitPlatt(logits, labels, { smoothTargets: false });
    expect(hard.a).toBeGreaterThan(smooth.a); // heads for infinity, stopped by the iteration cap / precision
  });

  it('with one class gives a = 0 and the smoothed base rate', () => {
    const p = fitPlatt([0.3, -1, 2, 5], [1, 1, 1, 1]);
    expect(p.a).toBeCloseTo(0, 6);
    expect(calibrated(p, 123)).toBeCloseTo(5 / 6, 6);
    expect(() => fitPlatt([], [])).toThrow(/no data/);
    expect(() => fitPlatt([Number.NaN], [1])).toThrow(/finite/);
  });

  it('calibrated() is a probability in [0, 1] even for extreme logits', () => {
    const p = { a: 2, b: -1 };
    for (const z of [-1e6, -50, 0, 50, 1e6]) {
      const s = calibrated(p, z);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
    expect(calibrated(p, 0.5)).toBeCloseTo(0.5, 12);
  });
});

describe('reliability', () => {
  it('bins probabilities into 10 equal bins and computes the ECE', () => {
    const probs = [0.05, 0.05, 0.95, 0.95, 1];
    const labels = [0, 0, 1, 1, 1];
    const r = reliability(probs, labels);
    expect(r.bins).toHaveLength(10);
    expect(r.bins[0]).toEqual({ lo: 0, hi: 0.1, count: 2, meanProbability: 0.05, positiveRate: 0 });
    expect(r.bins[9]?.count).toBe(3); // p = 1 lands in the last bin
    expect(r.bins[5]?.meanProbability).toBeNull();
    // (2/5)·0.05 + (3/5)·|0.9667 − 1|
    expect(r.ece).toBeCloseTo((2 / 5) * 0.05 + (3 / 5) * (1 - (0.95 + 0.95 + 1) / 3), 12);
    expect(expectedCalibrationError([], [])).toBe(0);
    expect(expectedCalibrationError([0.3, 0.3, 0.3], [1, 0, 0], 10)).toBeCloseTo(1 / 3 - 0.3, 12);
    expect(() => reliability([1.5], [1])).toThrow(/outside/);
  });

  it('is near 0 for truly calibrated probabilities', () => {
    const { logits, labels } = synthetic(30, 20000, 1, 0);
    expect(expectedCalibrationError(calibrateAll({ a: 1, b: 0 }, logits), labels)).toBeLessThan(0.02);
  });
});
