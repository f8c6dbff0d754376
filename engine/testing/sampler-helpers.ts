import { Rng } from '../rng.ts';
import { type PenaltyContext, type SamplingParams, sample } from '../sampler.ts';

export const NO_CTX: PenaltyContext = { seen: new Set(), generated: new Map() };

export const f32 = (xs: readonly number[]) => Float32Array.from(xs);
/** Logits whose softmax is exactly (up to f32 rounding) the given distribution. */
export const fromProbs = (ps: readonly number[]) => Float32Array.from(ps, (p) => Math.log(p));

export function argmax(x: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if ((x[i] ?? 0) > (x[best] ?? 0)) best = i;
  return best;
}

export function softmax(x: ArrayLike<number>): number[] {
  const arr = Array.from(x);
  const m = Math.max(...arr);
  const e = arr.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export function entropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i] ?? 0;
    if (v > 0) h -= v * Math.log(v);
  }
  return h;
}

/** Indices with non-zero probability, sorted. */
export const support = (p: ArrayLike<number>) =>
  Array.from(p)
    .map((v, i) => [v, i] as const)
    .filter(([v]) => v > 0)
    .map(([, i]) => i);

export const sum = (p: ArrayLike<number>) => Array.from(p).reduce((a, b) => a + b, 0);

export function randomLogits(rng: Rng, V: number, scale = 3): Float32Array {
  return Float32Array.from({ length: V }, () => rng.normal() * scale);
}

/** Tokens sorted by descending logit. */
export const ranking = (x: ArrayLike<number>) =>
  Array.from(x)
    .map((v, i) => [v, i] as const)
    .sort((a, b) => b[0] - a[0])
    .map(([, i]) => i);

export function counts(logits: Float32Array, p: SamplingParams, n: number, seed: number, ctx = NO_CTX): number[] {
  const rng = new Rng(seed);
  const c = new Array<number>(logits.length).fill(0);
  for (let i = 0; i < n; i++) {
    const t = sample(logits, p, ctx, rng).token;
    c[t] = (c[t] ?? 0) + 1;
  }
  return c;
}
