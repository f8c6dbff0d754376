// One step of generation, from the model's logits to a token:
//   model logits → the model's own distribution (the step's only log-softmax of the raw logits: reported logprob,
//   alternatives, observers) → logit processors → logit_bias and penalties → filters in registry order → draw.
// Buffers are allocated once per generation.
import { logSoftmaxInto } from '../log-softmax.ts';
import type { Rng } from '../rng.ts';
import type { SamplingParams } from '../sampler.ts';
import { applyBiasAndPenalties } from '../sampling/bias-penalties.ts';
import { chooseToken } from '../sampling/draw.ts';
import { FilterState, type SamplingFilter } from '../sampling/filter.ts';
import { type TokenLogprob, topOf } from '../sampling/top-logprobs.ts';
import type { PenaltyCounts } from './penalty-counts.ts';
import { onlyEndOfText, type ProcessorChain, type ProcessorState } from './processors.ts';

export class StepPipeline {
  /** The model's own log-distribution of the current step. */
  readonly logprobs: Float64Array;
  private readonly work: Float32Array;
  private readonly filterState: FilterState;

  constructor(
    vocabSize: number,
    private readonly eos: number,
    private readonly sampling: SamplingParams,
    private readonly processors: ProcessorChain,
    private readonly penalties: PenaltyCounts,
    private readonly filters: readonly SamplingFilter[],
    private readonly rng: Rng,
  ) {
    this.logprobs = new Float64Array(vocabSize);
    this.work = new Float32Array(vocabSize);
    this.filterState = new FilterState(vocabSize);
  }

  /** Chooses the next token from the model's logits (`logits` is not modified). End-of-text when nothing else is allowed. */
  next(logits: Float32Array, state: ProcessorState): number {
    logSoftmaxInto(this.logprobs, logits);
    const work = this.work;
    work.set(logits);
    if (this.processors.active) {
      this.processors.process(work, state);
      if (onlyEndOfText(work, this.eos)) return this.eos;
    }
    applyBiasAndPenalties(work, this.sampling, this.penalties);
    return chooseToken(work, this.sampling, this.rng, this.filterState, this.filters);
  }

  /** Log-probability of `token` under the model's own distribution of this step. */
  logprob(token: number): number {
    return this.logprobs[token] ?? Number.NEGATIVE_INFINITY;
  }

  /** The n most likely tokens of the model's own distribution of this step. */
  top(n: number): TokenLogprob[] {
    return topOf(this.logprobs, n);
  }
}
