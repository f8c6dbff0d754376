// A built-in steering vector's behavioural measure as data, so the browser can score generated text with the very
// measure the vector was judged by (the strength sweep scores each cell with it). The engine's catalog
// (engine/steering/builtin/measures.ts) holds the same measures as functions; a test holds the two equal.
import { z } from 'zod';

export const measureSpecSchema = z.discriminatedUnion('kind', [
  /** The fraction of generated characters that are one of `chars` (0–1). */
  z.object({ kind: z.literal('char_fraction'), chars: z.string().min(1).max(64) }),
  /** Occurrences of the characters `chars` per 1,000 generated characters. */
  z.object({ kind: z.literal('per_thousand'), chars: z.string().min(1).max(64) }),
]);
export type MeasureSpec = z.infer<typeof measureSpecSchema>;

/** The measure of `generated` (the model's text only, not the prompt); 0 for empty text. */
export function measureValue(spec: MeasureSpec, generated: string): number {
  if (generated.length === 0) return 0;
  const set = new Set(spec.chars);
  let n = 0;
  for (const c of generated) if (set.has(c)) n++;
  return spec.kind === 'char_fraction' ? n / generated.length : (1000 * n) / generated.length;
}

/** The measure's unit, for labels. */
export const measureUnit = (spec: MeasureSpec): string =>
  spec.kind === 'char_fraction' ? 'fraction of characters' : 'per 1,000 characters';
