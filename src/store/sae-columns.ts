// A run's per-token SAE readings as history keeps them: in columns (plain arrays of numbers, one label table), not as
// an object per token, behavior and feature. A 4,096-token run with four behaviors and eight features per token is
// ~10 arrays instead of ~50,000 objects, so filing it (its size in JSON, IndexedDB's structured clone) stays a few
// milliseconds instead of two long tasks at the end of every monitored run.
import { z } from 'zod';
import type { BehaviorReading, TokenFeature, TokenReading } from '../api/sae-readings.ts';

export interface SaeColumns {
  /** Behaviors in column order. */
  names: string[];
  /** Per token: its position (index) and attempt; -1 where the token has no reading. */
  index: number[];
  attempt: number[];
  /** Per token × behavior: the score (null where that behavior has none), and flags: 1 drift, 2 forced. */
  scores: (number | null)[];
  flags: number[];
  /** Per token: how many features it lists; then every token's features in order. */
  featureCounts: number[];
  featureIndex: number[];
  featureValue: number[];
  /** Feature index → its label (null labels left out). */
  labels: Record<string, string>;
}

export const saeColumnsSchema = z.object({
  names: z.array(z.string()),
  index: z.array(z.number()),
  attempt: z.array(z.number()),
  scores: z.array(z.number().nullable()),
  flags: z.array(z.number()),
  featureCounts: z.array(z.number()),
  featureIndex: z.array(z.number()),
  featureValue: z.array(z.number()),
  labels: z.record(z.string(), z.string()),
});

/** The readings of these tokens in columns, or undefined when none has one. */
export function toColumns(tokens: readonly { readonly sae?: TokenReading }[]): SaeColumns | undefined {
  if (!tokens.some((t) => t.sae)) return undefined;
  const names: string[] = [];
  const col = new Map<string, number>();
  for (const t of tokens)
    for (const n of Object.keys(t.sae?.behaviors ?? {}))
      if (!col.has(n)) {
        col.set(n, names.length);
        names.push(n);
      }
  const c: SaeColumns = {
    names,
    index: [],
    attempt: [],
    scores: [],
    flags: [],
    featureCounts: [],
    featureIndex: [],
    featureValue: [],
    labels: {},
  };
  for (const t of tokens) {
    const r = t.sae;
    c.index.push(r ? r.index : -1);
    c.attempt.push(r ? r.attempt : -1);
    for (const n of names) {
      const b = r?.behaviors[n];
      c.scores.push(b ? b.score : null);
      c.flags.push(b ? (b.drift ? 1 : 0) | (b.forced ? 2 : 0) : 0);
    }
    const fs = r?.features ?? [];
    c.featureCounts.push(r?.features ? fs.length : -1);
    for (const f of fs) {
      c.featureIndex.push(f.index);
      c.featureValue.push(f.value);
      if (f.label) c.labels[String(f.index)] = f.label;
    }
  }
  return c;
}

/** Each token's reading back from the columns (undefined for a token without one); undefined when they do not fit. */
export function fromColumns(c: SaeColumns, count: number): (TokenReading | undefined)[] | undefined {
  const b = c.names.length;
  if (c.index.length !== count || c.attempt.length !== count || c.scores.length !== count * b) return undefined;
  if (c.flags.length !== count * b || c.featureCounts.length !== count) return undefined;
  const out: (TokenReading | undefined)[] = [];
  let f = 0;
  for (let i = 0; i < count; i++) {
    const n = c.featureCounts[i] ?? -1;
    const index = c.index[i] ?? -1;
    if (index < 0) {
      out.push(undefined);
      f += Math.max(0, n);
      continue;
    }
    const behaviors: Record<string, BehaviorReading> = {};
    c.names.forEach((name, k) => {
      const score = c.scores[i * b + k];
      const flags = c.flags[i * b + k] ?? 0;
      if (score !== null && score !== undefined)
        behaviors[name] = { score, drift: (flags & 1) === 1, ...(flags & 2 ? { forced: true } : {}) };
    });
    let features: TokenFeature[] | undefined;
    if (n >= 0) {
      features = [];
      for (let j = 0; j < n; j++, f++) {
        const fi = c.featureIndex[f];
        const fv = c.featureValue[f];
        if (fi === undefined || fv === undefined) return undefined;
        features.push({ index: fi, value: fv, label: c.labels[String(fi)] ?? null });
      }
    }
    out.push({ index, attempt: c.attempt[i] ?? 1, behaviors, ...(features ? { features } : {}) });
  }
  return out;
}
