// logit_bias, then the repetition penalty (tokens seen in the context), then presence and frequency penalties
// (tokens generated so far), applied in place to one step's logits.
import type { PenaltyContext, SamplingParams } from '../sampler.ts';

export function applyBiasAndPenalties(logits: Float32Array, p: SamplingParams, ctx: PenaltyContext): void {
  if (p.logitBias)
    for (const [id, b] of p.logitBias) if (id >= 0 && id < logits.length) logits[id] = (logits[id] ?? 0) + b;
  const rep = p.repetitionPenalty ?? 1;
  if (rep !== 1) {
    for (const id of ctx.seen) {
      const l = logits[id];
      if (l === undefined) continue;
      logits[id] = l > 0 ? l / rep : l * rep;
    }
  }
  const pres = p.presencePenalty ?? 0;
  const freq = p.frequencyPenalty ?? 0;
  if (pres !== 0 || freq !== 0) {
    for (const [id, n] of ctx.generated) {
      if (n > 0 && id < logits.length) logits[id] = (logits[id] ?? 0) - pres - freq * n;
    }
  }
}
