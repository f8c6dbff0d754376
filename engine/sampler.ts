// Next-token selection, one step: logit_bias → penalties (repetition, presence, frequency) → the filter registry
// (temperature → top-k → top-p → min-p → typical-p, see sampling/filters.ts) → a draw with the seeded PRNG.
// Temperature 0 or method 'greedy' selects the argmax of the biased, penalised logits.
// The stages live in sampling/; generate() runs them through its step pipeline (step/pipeline.ts).

import { logSoftmax } from './log-softmax.ts';
import type { Rng } from './rng.ts';
import { applyBiasAndPenalties } from './sampling/bias-penalties.ts';
import { chooseToken } from './sampling/draw.ts';
import { FilterState, type SamplingFilter } from './sampling/filter.ts';
import { SAMPLING_FILTERS } from './sampling/filters.ts';
import { topOf } from './sampling/top-logprobs.ts';

export { logSoftmax, logSoftmaxCalls, logSoftmaxInto } from './log-softmax.ts';
export { applyBiasAndPenalties } from './sampling/bias-penalties.ts';
export { FilterState, type SamplingFilter } from './sampling/filter.ts';
export { SAMPLING_FILTERS } from './sampling/filters.ts';

export type SamplingMethod = 'greedy' | 'sample';

export interface SamplingParams {
  /** 'greedy' = argmax; 'sample' = draw from the filtered distribution. Default 'sample'. */
  readonly method?: SamplingMethod;
  /** Divides the logits; 0 means greedy. Default 1. */
  readonly temperature?: number;
  /** Keep the k most likely tokens (0 or undefined = off). */
  readonly topK?: number;
  /** Keep the smallest set of most likely tokens whose probability reaches p (1 or undefined = off). */
  readonly topP?: number;
  /** Drop tokens less likely than minP × the most likely one (0 or undefined = off). */
  readonly minP?: number;
  /** Locally typical sampling: keep the tokens closest to the expected surprise, up to mass p (1 = off). */
  readonly typicalP?: number;
  /** CTRL-style: logits of tokens already in the context are divided (if > 0) or multiplied by this. 1 = off. */
  readonly repetitionPenalty?: number;
  /** OpenAI-style: subtract this from the logit of every token generated at least once. */
  readonly presencePenalty?: number;
  /** OpenAI-style: subtract this × the number of times the token was generated. */
  readonly frequencyPenalty?: number;
  /** Added to the logits of the given token ids (-100 bans a token, +100 forces it where allowed). */
  readonly logitBias?: ReadonlyMap<number, number>;
}

/** Token counts the penalties look at. */
export interface PenaltyContext {
  /** Tokens of the prompt and of the output so far (repetition penalty). */
  readonly seen: ReadonlySet<number>;
  /** How often each token was generated so far (presence and frequency penalties). */
  readonly generated: ReadonlyMap<number, number>;
}

export interface Choice {
  readonly token: number;
  /** Log-probability of the token under the model's unprocessed distribution. */
  readonly logprob: number;
}

/**
 * The filtered distribution after the filters (temperature and the truncation filters, in registry order):
 * probabilities that sum to 1, with zeros for the removed tokens. `logits` are the biased, penalised logits.
 */
export function filteredDistribution(
  logits: Float32Array,
  p: SamplingParams,
  filters: readonly SamplingFilter[] = SAMPLING_FILTERS,
): Float64Array {
  const state = new FilterState(logits.length);
  state.logits = logits;
  for (const f of filters) f.apply(state, p);
  return state.probs;
}

/** Picks the next token. `logits` is not modified. */
export function sample(
  logits: Float32Array,
  p: SamplingParams,
  ctx: PenaltyContext,
  rng: Rng,
  filters: readonly SamplingFilter[] = SAMPLING_FILTERS,
): Choice {
  const raw = logSoftmax(logits);
  const work = Float32Array.from(logits);
  applyBiasAndPenalties(work, p, ctx);
  const token = chooseToken(work, p, rng, new FilterState(work.length), filters);
  return { token, logprob: raw[token] ?? Number.NEGATIVE_INFINITY };
}

/** The n most likely tokens of the model's unprocessed distribution, with their log-probabilities. */
export function topLogprobs(logits: Float32Array, n: number): { token: number; logprob: number }[] {
  return topOf(logSoftmax(logits), n);
}
