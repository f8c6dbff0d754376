// Contrastive activation addition (CAA / DiffMean): the difference of the mean residuals of two labelled sets at
// one hook, stored as a unit direction scaled by the hook's mean residual norm (see vector.ts), and the detection
// measure that goes with it (AUC of the projection on the direction).
import type { GPT } from '../../model.ts';
import { encode } from '../../tokenizer.ts';
import type { SteeringVectorData } from '../vector.ts';
import type { ContrastExample } from './sets.ts';

/**
 * Runs each example once (from an empty cache), capturing `hooks`, and returns per hook each example's mean residual
 * over its averaged positions (from..end of its text).
 */
export function spanResiduals(
  model: GPT,
  examples: readonly ContrastExample[],
  hooks: readonly string[],
): Map<string, Float32Array[]> {
  const C = model.cfg.dModel;
  const means = new Map<string, Float32Array[]>(hooks.map((h) => [h, []]));
  const session = model.newSession();
  for (const ex of examples) {
    const ids = encode(ex.text);
    if (ids.length !== ex.text.length) throw new Error('contrast text must be one token per character');
    const n = ids.length - ex.from;
    if (ex.from < 0 || n <= 0 || ids.length > model.cfg.ctx) throw new Error(`bad example ${ex.source}`);
    session.reset();
    session.hooks = {
      captureAt: hooks,
      capture: (hook, resid) => {
        const m = new Float64Array(C);
        for (let t = ex.from; t < ids.length; t++)
          for (let c = 0; c < C; c++) m[c] = (m[c] ?? 0) + (resid[t * C + c] ?? 0);
        means.get(hook)?.push(Float32Array.from(m, (v) => v / n));
      },
    };
    session.feed(ids);
  }
  session.hooks = {};
  return means;
}

export function meanOf(rows: readonly Float32Array[], dim: number): Float64Array {
  const m = new Float64Array(dim);
  for (const r of rows) for (let c = 0; c < dim; c++) m[c] = (m[c] ?? 0) + (r[c] ?? 0);
  for (let c = 0; c < dim; c++) m[c] = (m[c] ?? 0) / Math.max(1, rows.length);
  return m;
}

/** mean(pos) − mean(neg), its norm, and the unit direction. */
export function diffMeans(
  pos: readonly Float32Array[],
  neg: readonly Float32Array[],
  dim: number,
): { direction: Float64Array; rawNorm: number } {
  if (pos.length === 0 || neg.length === 0) throw new Error('difference of means needs examples on both sides');
  const a = meanOf(pos, dim);
  const b = meanOf(neg, dim);
  const d = a.map((v, i) => v - (b[i] ?? 0));
  const rawNorm = Math.hypot(...d);
  return { direction: d.map((v) => v / rawNorm), rawNorm };
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

/** Area under the ROC curve of scores separating pos (high) from neg (Mann–Whitney, ties count one half). */
export function auc(pos: readonly number[], neg: readonly number[]): number {
  const all = [...pos.map((s) => ({ s, p: 1 })), ...neg.map((s) => ({ s, p: 0 }))].sort((x, y) => x.s - y.s);
  let rankSumPos = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && (all[j] as { s: number }).s === (all[i] as { s: number }).s) j++;
    const rank = (i + 1 + j) / 2; // mean of ranks i+1..j
    for (let k = i; k < j; k++) if ((all[k] as { p: number }).p) rankSumPos += rank;
    i = j;
  }
  const n1 = pos.length;
  const n0 = neg.length;
  return (rankSumPos - (n1 * (n1 + 1)) / 2) / (n1 * n0);
}

/** Detection AUC of the projection of each example's span mean on `direction`. */
export function projectionAuc(
  pos: readonly Float32Array[],
  neg: readonly Float32Array[],
  direction: ArrayLike<number>,
): number {
  return auc(
    pos.map((r) => dot(r, direction)),
    neg.map((r) => dot(r, direction)),
  );
}

/** The stored vector: one hook, a unit direction, the hook's mean residual norm as its scale. */
export function vectorData(
  o: { name: string; label: string; model: string; hook: string },
  direction: ArrayLike<number>,
  rawNorm: number,
  scale: number,
): SteeringVectorData {
  return {
    id: `${o.model}/${o.name}`,
    name: o.name,
    label: o.label,
    method: 'caa',
    model: o.model,
    layers: [
      {
        hook: o.hook,
        direction: Array.from(direction, (v) => round(v, 7)),
        scale: round(scale, 5),
        rawNorm: round(rawNorm, 5),
      },
    ],
  };
}

const round = (v: number, digits: number) => Number(v.toPrecision(digits));
