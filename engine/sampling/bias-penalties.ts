// logit_bias, then the repetition penalty (tokens seen in the context), then presence and frequency penalties
// (tokens generated so far), applied in place to one step's logits.
//
// The repetition penalty works in log space: a seen token's logit drops by ln(penalty), i.e. its probability is
// divided by the penalty before renormalising. Unlike CTRL's sign rule (divide positive logits, multiply negative
// ones), this does not depend on where the logits happen to sit (softmax ignores a shift), and it stays finite
// for any penalty OpenAI-style clients send, down to 1e-39.
import type { PenaltyContext, SamplingParams } from '../sampler.ts';

export function applyBiasAndPenalties(logits: Float32Array, p: SamplingParams, ctx: PenaltyContext): void {
  if (p.logitBias)
    for (const [id, b] of p.logitBias) if (id >= 0 && id < logits.length) logits[id] = (logits[id] ?? 0) + b;
  const rep = p.repetitionPenalty ?? 1;
  if (rep !== 1 && rep > 0) {
    const drop = Math.log(rep);
    for (const id of ctx.seen) {
      const l = logits[id];
      if (l === undefined) continue;
      logits[id] = l - drop;
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
