import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.ts';
import { calibrateThreshold, DriftDetector, driftLevel, driftStart, triggerRate } from './drift.ts';

describe('driftStart', () => {
  it('needs a run of 3 strictly above the threshold: runs of exactly 2 do not trigger, 3 do', () => {
    expect(driftStart([0.9, 0.9, 0.1, 0.9, 0.9, 0.2], 0.5)).toBe(-1);
    expect(driftStart([0.1, 0.9, 0.9, 0.9], 0.5)).toBe(1);
    expect(driftStart([0.1, 0.9, 0.9, 0.1, 0.6, 0.7, 0.8, 0.9, 0.9], 0.5)).toBe(4); // the first run's first index
    expect(driftStart([0.5, 0.5, 0.5], 0.5)).toBe(-1); // equal is not above
    expect(driftStart([0.9, Number.NaN, 0.9, 0.9], 0.5)).toBe(-1); // NaN is not above
    expect(driftStart([], 0.5)).toBe(-1);
    expect(driftStart([0.1, 0.9], 0.5, 1)).toBe(1);
    expect(() => driftStart([1], 0.5, 0)).toThrow(/run/);
  });
});

describe('DriftDetector', () => {
  it('agrees with driftStart on every prefix of random sequences', () => {
    const rng = new Rng(40);
    for (let trial = 0; trial < 300; trial++) {
      const run = 1 + rng.int(4);
      const threshold = rng.next();
      const bias = rng.next();
      const scores = Array.from({ length: rng.int(40) }, () => (rng.next() < bias ? 0.5 + rng.next() / 2 : rng.next()));
      const det = new DriftDetector(threshold, run);
      for (let t = 0; t < scores.length; t++) {
        const state = det.push(scores[t] as number);
        const batch = driftStart(scores.slice(0, t + 1), threshold, run);
        expect(state.drift).toBe(batch >= 0);
        if (batch >= 0) expect(state.start).toBe(batch);
        else expect(state.start).toBeUndefined();
      }
      expect(det.count).toBe(scores.length);
    }
  });

  it('latches at the first run, offsets by firstIndex, and resets', () => {
    const det = new DriftDetector(0.5, 3, 10);
    expect(det.push(0.9)).toEqual({ drift: false });
    expect(det.push(0.9)).toEqual({ drift: false });
    expect(det.push(0.9)).toEqual({ drift: true, start: 10 });
    expect(det.push(0.1)).toEqual({ drift: true, start: 10 });
    det.reset(4);
    expect(det.state).toEqual({ drift: false });
    for (const s of [0.1, 0.6, 0.6, 0.6]) det.push(s);
    expect(det.state).toEqual({ drift: true, start: 5 });
  });
});

/** max over windows of the window min, by brute force. */
function bruteLevel(s: number[], run: number): number {
  let best = Number.NEGATIVE_INFINITY;
  for (let i = 0; i + run <= s.length; i++) {
    let m = Number.POSITIVE_INFINITY;
    for (let j = i; j < i + run; j++)
      m = Math.min(m, Number.isNaN(s[j] as number) ? Number.NEGATIVE_INFINITY : (s[j] as number));
    best = Math.max(best, m);
  }
  return best;
}

function negatives(seed: number, count: number, length: number): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => {
    // mostly low scores with occasional bursts
    const burst = rng.next();
    return Array.from({ length }, () => (rng.next() < 0.1 * burst ? 0.3 + 0.7 * rng.next() : 0.3 * rng.next()));
  });
}

describe('driftLevel', () => {
  it('equals the brute-force max of window minima, and drift ⇔ level > threshold', () => {
    const rng = new Rng(41);
    for (let trial = 0; trial < 300; trial++) {
      const run = 1 + rng.int(5);
      const s = Array.from({ length: rng.int(25) }, () =>
        rng.next() < 0.03 ? Number.NaN : Math.round(rng.next() * 10) / 10,
      );
      const level = driftLevel(s, run);
      expect(level).toBe(bruteLevel(s, run));
      const tau = Math.round(rng.next() * 10) / 10;
      expect(driftStart(s, tau, run) >= 0).toBe(level > tau);
    }
    expect(driftLevel([0.9, 0.9], 3)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('calibrateThreshold', () => {
  it('meets the target trigger rate on its sequences and is the smallest such threshold', () => {
    for (const [seed, rate, run] of [
      [50, 0.05, 3],
      [51, 0.1, 3],
      [52, 0.01, 2],
      [53, 0.29, 4],
    ] as const) {
      const seqs = negatives(seed, 200, 200);
      const tau = calibrateThreshold(seqs, rate, run);
      expect(tau).toBeGreaterThan(0);
      expect(tau).toBeLessThanOrEqual(1);
      expect(triggerRate(seqs, tau, run)).toBeLessThanOrEqual(rate);
      expect(triggerRate(seqs, tau - 1e-9, run)).toBeGreaterThan(rate);
    }
  });

  it('defaults to 5 % with run 3', () => {
    const seqs = negatives(54, 100, 200);
    const tau = calibrateThreshold(seqs);
    expect(triggerRate(seqs, tau)).toBeLessThanOrEqual(0.05);
    expect(triggerRate(seqs, tau - 1e-9)).toBeGreaterThan(0.05);
  });

  it('handles edge cases: empty and short sequences, all-zero scores, rates 0 and 1, no sequences', () => {
    expect(calibrateThreshold([[], [], []])).toBe(0);
    expect(triggerRate([[], [], []], 0)).toBe(0);
    expect(calibrateThreshold([[0.9, 0.9], [1]], 0.05, 3)).toBe(0); // too short to drift
    const zeros = [new Array(200).fill(0), new Array(50).fill(0)];
    expect(calibrateThreshold(zeros)).toBe(0);
    expect(triggerRate(zeros, 0)).toBe(0);
    const seqs = negatives(55, 40, 50);
    const max = Math.max(...seqs.map((s) => driftLevel(s)));
    expect(calibrateThreshold(seqs, 0)).toBe(max);
    expect(triggerRate(seqs, max)).toBe(0);
    expect(calibrateThreshold(seqs, 1)).toBe(0);
    expect(triggerRate([], 0.5)).toBe(0);
    expect(() => calibrateThreshold([])).toThrow(/no negative/);
    expect(() => calibrateThreshold([[0.1]], 1.5)).toThrow(/maxTriggerRate/);
  });
});
