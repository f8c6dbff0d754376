// Small statistics for the steering measurements: mean, Spearman's ρ (average ranks for ties) and a seeded bootstrap
// standard error of a mean.
import { Rng } from '../../rng.ts';

export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length ? s / xs.length : Number.NaN;
}

/** Ranks 1..n, ties given their average rank. */
export function ranks(xs: readonly number[]): number[] {
  const idx = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
  const r = new Array<number>(xs.length).fill(0);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j < idx.length && (idx[j] as { x: number }).x === (idx[i] as { x: number }).x) j++;
    for (let k = i; k < j; k++) r[(idx[k] as { i: number }).i] = (i + 1 + j) / 2;
    i = j;
  }
  return r;
}

/** Spearman's rank correlation (Pearson on average ranks). NaN when either side is constant. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  const rx = ranks(x);
  const ry = ranks(y);
  const mx = mean(rx);
  const my = mean(ry);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    const a = (rx[i] ?? 0) - mx;
    const b = (ry[i] ?? 0) - my;
    sxy += a * b;
    sxx += a * a;
    syy += b * b;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Bootstrap standard error of the mean of `xs` (`rounds` resamples with replacement, seeded). With `groups`
 * (a group id per value), whole groups are resampled instead — a cluster bootstrap, e.g. over prompts.
 */
export function bootstrapSe(xs: readonly number[], seed: number, rounds = 2000, groups?: readonly number[]): number {
  const rng = new Rng(seed);
  const units: number[][] = [];
  if (groups) {
    const by = new Map<number, number[]>();
    xs.forEach((x, i) => {
      const g = groups[i] ?? 0;
      by.set(g, [...(by.get(g) ?? []), x]);
    });
    units.push(...by.values());
  } else units.push(...xs.map((x) => [x]));
  const stats: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let s = 0;
    let n = 0;
    for (let k = 0; k < units.length; k++) {
      const u = units[rng.int(units.length)] as number[];
      for (const v of u) s += v;
      n += u.length;
    }
    stats.push(s / n);
  }
  const m = mean(stats);
  return Math.sqrt(stats.reduce((a, v) => a + (v - m) ** 2, 0) / (stats.length - 1));
}

/** A unit vector of `dim` Gaussian numbers (Box–Muller on the seeded PRNG): a random direction. */
export function randomUnit(dim: number, seed: number): number[] {
  const rng = new Rng(seed);
  const v: number[] = [];
  while (v.length < dim) {
    const u1 = 1 - rng.next();
    const u2 = rng.next();
    const r = Math.sqrt(-2 * Math.log(u1));
    v.push(r * Math.cos(2 * Math.PI * u2), r * Math.sin(2 * Math.PI * u2));
  }
  v.length = dim;
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}
