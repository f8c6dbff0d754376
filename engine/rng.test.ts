import { describe, expect, it } from 'vitest';
import { Rng, type RngState } from './rng.ts';

/** An independent xoshiro128** in BigInt arithmetic (reference: https://prng.di.unimi.it/xoshiro128starstar.c). */
function referenceXoshiro(state: RngState, n: number): number[] {
  const M = 0xffffffffn;
  const s = state.map((x) => BigInt(x));
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const [s0 = 0n, s1 = 0n, s2 = 0n, s3 = 0n] = s;
    out.push(Number((rotl((s1 * 5n) & M, 7n) * 9n) & M));
    const t = (s1 << 9n) & M;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    s[1] = s1 ^ n2;
    s[0] = s0 ^ n3;
    s[2] = n2 ^ t;
    s[3] = rotl(n3, 11n);
  }
  return out;
}

const draws = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.nextU32());

describe('Rng', () => {
  it('implements xoshiro128** (known first output and an independent reference)', () => {
    const rng = new Rng([1, 2, 3, 4]);
    const got = draws(rng, 64);
    expect(got[0]).toBe(11520); // rotl(2 * 5, 7) * 9
    expect(got).toEqual(referenceXoshiro([1, 2, 3, 4], 64));
    const seeded = new Rng(42);
    expect(draws(new Rng(42), 64)).toEqual(referenceXoshiro(seeded.state, 64));
  });

  it('gives the same sequence for the same seed', () => {
    for (const seed of [0, 1, 42, 2 ** 31, 0xffffffff]) {
      expect(draws(new Rng(seed), 200)).toEqual(draws(new Rng(seed), 200));
    }
  });

  it('gives different sequences for different seeds', () => {
    const seqs = [0, 1, 2, 3, 42, 1000].map((s) => draws(new Rng(s), 16).join(','));
    expect(new Set(seqs).size).toBe(seqs.length);
    // and not merely shifted copies of each other: the first values differ too
    expect(new Set([0, 1, 2, 3, 42, 1000].map((s) => new Rng(s).nextU32())).size).toBe(6);
  });

  it('never seeds an all-zero state', () => {
    for (let seed = 0; seed < 50; seed++) {
      const st = new Rng(seed).state;
      expect(st.some((x) => x !== 0)).toBe(true);
    }
  });

  it('produces unsigned 32-bit integers', () => {
    const xs = draws(new Rng(3), 5000);
    expect(xs.filter((x) => !Number.isInteger(x) || x < 0 || x >= 2 ** 32)).toEqual([]);
    expect(xs.some((x) => x >= 2 ** 31)).toBe(true); // the top bit is used (unsigned, not signed)
  });

  it('state save/restore continues the identical stream', () => {
    const a = new Rng(99);
    draws(a, 37);
    a.normal();
    const saved = a.state;
    const restOfA = [...draws(a, 100), a.next(), a.int(10), a.normal()];
    const b = new Rng(saved);
    const restOfB = [...draws(b, 100), b.next(), b.int(10), b.normal()];
    expect(restOfB).toEqual(restOfA);
  });

  it('state is a snapshot (later draws do not change a saved state)', () => {
    const a = new Rng(5);
    const saved = a.state;
    const copy = [...saved];
    draws(a, 10);
    expect([...saved]).toEqual(copy);
    expect([...a.state]).not.toEqual(copy);
  });

  it('next() is in [0, 1) with mean ≈ 1/2', () => {
    const rng = new Rng(11);
    let sum = 0;
    const n = 20000;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.next();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
  });

  it('int(n) stays in [0, n) and is roughly uniform (chi-square)', () => {
    const rng = new Rng(2024);
    for (const n of [1, 2, 7, 10, 97]) {
      const counts = new Array<number>(n).fill(0);
      const draws = 2000 * n;
      let bad = 0;
      for (let i = 0; i < draws; i++) {
        const k = rng.int(n);
        if (!Number.isInteger(k) || k < 0 || k >= n) bad++;
        else counts[k] = (counts[k] ?? 0) + 1;
      }
      expect(bad).toBe(0);
      const expected = draws / n;
      const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
      // dof = n - 1; mean dof, sd sqrt(2 dof): allow a very loose bound so the test is not flaky but catches bias
      const dof = n - 1;
      expect(chi2).toBeLessThanOrEqual(dof + 6 * Math.sqrt(2 * Math.max(dof, 1)) + 10);
      expect(counts.every((c) => c > 0)).toBe(true);
    }
  });

  it('normal() has mean ≈ 0 and sd ≈ 1 over 20k draws, and is finite', () => {
    const rng = new Rng(77);
    const n = 20000;
    let sum = 0;
    let sumSq = 0;
    let within1 = 0;
    let nonFinite = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.normal();
      if (!Number.isFinite(x)) nonFinite++;
      sum += x;
      sumSq += x * x;
      if (Math.abs(x) < 1) within1++;
    }
    expect(nonFinite).toBe(0);
    const mean = sum / n;
    const sd = Math.sqrt(sumSq / n - mean * mean);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(sd - 1)).toBeLessThan(0.05);
    expect(Math.abs(within1 / n - 0.6827)).toBeLessThan(0.02); // the shape is Gaussian, not just the moments
  });
});
