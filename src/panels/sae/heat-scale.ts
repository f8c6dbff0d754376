// The heatmap's colour scale: a score in [0, 1] falls in one of 11 buckets of reversed viridis (pale yellow → deep
// purple; a perceptually ordered scale that stays readable with every common colour-vision deficiency), the lowest
// bucket uncoloured. Each bucket's text colour is chosen in the CSS for at least 4.5:1 contrast in both themes.
import type { TokenReading } from '../../api/sae-readings.ts';

export const HEAT_BUCKETS = 11;

/** Colours of the buckets 1…10 (bucket 0 has none), for the legend; the CSS holds the same values. */
export const HEAT_COLOURS = [
  '#fdf5b0',
  '#fde725',
  '#b5de2b',
  '#6ece58',
  '#35b779',
  '#1f9e89',
  '#26828e',
  '#31688e',
  '#3e4989',
  '#440154',
] as const;

/** The bucket of a score (0 for none or below 1/11). */
export function heatBucket(score: number | undefined): number {
  if (score === undefined || !Number.isFinite(score)) return 0;
  return Math.max(0, Math.min(HEAT_BUCKETS - 1, Math.floor(score * HEAT_BUCKETS)));
}

/** What the heatmap colours by: one behavior, or the highest score of any. */
export type ColourBy = { readonly kind: 'behavior'; readonly name: string } | { readonly kind: 'max' };

/** The score a token is coloured by (undefined when it has no reading for it). */
export function shownScore(r: TokenReading | undefined, by: ColourBy): number | undefined {
  if (!r) return undefined;
  if (by.kind === 'behavior') return r.behaviors[by.name]?.score;
  let max: number | undefined;
  for (const b of Object.values(r.behaviors)) max = max === undefined ? b.score : Math.max(max, b.score);
  return max;
}

export const colourByKey = (by: ColourBy): string => (by.kind === 'max' ? 'max' : `b:${by.name}`);
