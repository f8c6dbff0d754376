import { describe, expect, it } from 'vitest';
import { evalWindows, scoredCount } from './eval-windows.ts';
import { Rng } from './rng.ts';

const OFFSET = 1000; // ids[i] = OFFSET + i makes every window's start recoverable from its first input

interface Analysis {
  starts: number[];
  /** How many times each target index (into ids) was scored. */
  scored: Map<number, number>;
}

/** Checks the per-window invariants and returns the windows' starts and the scored target indices. */
function analyse(N: number, T: number): Analysis {
  const ids = Array.from({ length: N }, (_, i) => OFFSET + i);
  const windows = evalWindows(ids, T);
  const half = Math.floor(T / 2);
  const starts: number[] = [];
  const scored = new Map<number, number>();
  for (const w of windows) {
    expect(w.inputs.length).toBe(T);
    expect(w.targets.length).toBe(T);
    const start = (w.inputs[0] ?? 0) - OFFSET;
    starts.push(start);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(start + T).toBeLessThanOrEqual(N - 1); // the last target exists
    expect(Array.from(w.inputs)).toEqual(ids.slice(start, start + T));
    for (let i = 0; i < T; i++) {
      const t = w.targets[i] ?? -1;
      if (t === -1) continue;
      const j = start + i + 1;
      expect(t).toBe(ids[j]); // the target is the next character
      expect(i).toBeGreaterThanOrEqual(half); // at least T/2 inputs of history before the scored position
      scored.set(j, (scored.get(j) ?? 0) + 1);
    }
  }
  return { starts, scored };
}

describe('evalWindows', () => {
  const cases: [number, number][] = [];
  for (const T of [2, 3, 4, 7, 8, 16, 32]) {
    for (let N = T + 1; N <= 5 * T + 7; N++) cases.push([N, T]);
  }

  it('scores every target index from T/2+1 to N−1 exactly once, and nothing else', () => {
    for (const [N, T] of cases) {
      const { scored } = analyse(N, T);
      const half = Math.floor(T / 2);
      const want = Array.from({ length: N - 1 - half }, (_, k) => half + 1 + k);
      expect(
        [...scored.keys()].sort((a, b) => a - b),
        `N=${N} T=${T}`,
      ).toEqual(want);
      expect(
        [...scored.values()].every((c) => c === 1),
        `N=${N} T=${T}`,
      ).toBe(true);
      expect(scored.size).toBe(scoredCount(N, T));
    }
  });

  it('uses stride T/2 plus one end-aligned window only when the stride leaves targets over', () => {
    for (const [N, T] of cases) {
      const half = Math.floor(T / 2);
      const { starts } = analyse(N, T);
      const strided = Math.floor((N - 1 - T) / half) + 1;
      const needsLast = (N - 1 - T) % half !== 0;
      expect(starts.slice(0, strided), `N=${N} T=${T}`).toEqual(Array.from({ length: strided }, (_, k) => k * half));
      expect(starts.length, `N=${N} T=${T}`).toBe(strided + (needsLast ? 1 : 0));
      if (needsLast) expect(starts[starts.length - 1]).toBe(N - 1 - T);
    }
  });

  it('concrete layouts for T = 8', () => {
    // N = 17: windows at 0, 4, 8 cover targets up to 16 = N − 1, no extra window
    expect(analyse(17, 8).starts).toEqual([0, 4, 8]);
    // N = 19: windows at 0, 4, 8 reach target 16; an end-aligned window at 10 scores 17 and 18
    const { starts, scored } = analyse(19, 8);
    expect(starts).toEqual([0, 4, 8, 10]);
    expect(scored.size).toBe(14);
    // N = T + 1: a single window scoring targets T/2+1 .. T
    const one = evalWindows(
      Array.from({ length: 9 }, (_, i) => i),
      8,
    );
    expect(one.length).toBe(1);
    expect(Array.from(one[0]?.targets ?? [])).toEqual([-1, -1, -1, -1, 5, 6, 7, 8]);
  });

  it('copies real token ids into inputs and targets', () => {
    const rng = new Rng(3);
    const T = 16;
    const N = 123;
    const ids = Array.from({ length: N }, () => rng.int(96));
    const windows = evalWindows(ids, T);
    const { starts } = analyse(N, T); // same layout, read off the recoverable ids
    expect(windows.length).toBe(starts.length);
    let nScored = 0;
    windows.forEach((w, k) => {
      const s = starts[k] ?? 0;
      expect(Array.from(w.inputs)).toEqual(ids.slice(s, s + T));
      for (let i = 0; i < T; i++) {
        const t = w.targets[i] ?? -1;
        if (t !== -1) {
          expect(t).toBe(ids[s + i + 1]);
          nScored++;
        }
      }
    });
    expect(nScored).toBe(scoredCount(N, T));
  });

  it('throws for a text shorter than one window', () => {
    expect(() => evalWindows([], 8)).toThrow(/0 tokens is shorter than one window of 9/);
    expect(() => evalWindows([1, 2, 3, 4, 5, 6, 7, 8], 8)).toThrow(/8 tokens is shorter than one window of 9/);
    expect(() => evalWindows([1, 2, 3, 4, 5, 6, 7, 8, 9], 8)).not.toThrow();
  });
});

describe('scoredCount', () => {
  it('is N − 1 − floor(T/2)', () => {
    expect(scoredCount(9, 8)).toBe(4);
    expect(scoredCount(100, 8)).toBe(95);
    expect(scoredCount(100, 7)).toBe(96);
  });
});

describe('degenerate contexts', () => {
  it('refuses a context shorter than 2 instead of looping forever', () => {
    expect(() => evalWindows([1, 2, 3], 1)).toThrow(/at least 2/);
  });
});
