// The last stage of a step: the argmax (greedy) or one seeded draw from the filtered distribution.
import type { Rng } from '../rng.ts';
import type { SamplingParams } from '../sampler.ts';
import type { FilterState, SamplingFilter } from './filter.ts';

/** The first index of the largest value. */
export function argmax(x: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < x.length; i++)
    if ((x[i] ?? Number.NEGATIVE_INFINITY) > (x[best] ?? Number.NEGATIVE_INFINITY)) best = i;
  return best;
}

/** Draws one token from probabilities that sum to 1, consuming one number of `rng`. */
export function drawFrom(probs: ArrayLike<number>, rng: Rng): number {
  const r = rng.next();
  let cum = 0;
  let last = 0;
  for (let i = 0; i < probs.length; i++) {
    const pi = probs[i] ?? 0;
    if (pi <= 0) continue;
    last = i;
    cum += pi;
    if (r < cum) return i;
  }
  return last; // rounding: r landed past the last cumulative sum
}

/** Below this temperature, sampling is the argmax (dividing logits by 5e-324 would give infinities, not text). */
export const GREEDY_BELOW_TEMPERATURE = 1e-4;

export const isGreedy = (p: SamplingParams): boolean =>
  p.method === 'greedy' || (p.temperature ?? 1) < GREEDY_BELOW_TEMPERATURE;

/**
 * Picks the next token from biased, penalised logits: the argmax when greedy (no filter runs, no randomness is
 * used), otherwise the filters in order and one draw.
 */
export function chooseToken(
  logits: Float32Array,
  p: SamplingParams,
  rng: Rng,
  state: FilterState,
  filters: readonly SamplingFilter[],
): number {
  if (isGreedy(p)) return argmax(logits);
  state.logits = logits;
  for (const f of filters) f.apply(state, p);
  return drawFrom(state.probs, rng);
}
