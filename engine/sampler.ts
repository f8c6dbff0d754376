// Next-token selection. One fixed order, applied to a copy of the logits:
//   logit_bias → penalties (repetition, presence, frequency) → temperature → top-k → top-p → min-p → typical-p
//   → sample from what is left (seeded PRNG).
// Temperature 0 or method 'greedy' selects the argmax of the biased, penalised logits.
import type { Rng } from './rng.ts';

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

export function logSoftmax(logits: ArrayLike<number>): Float64Array {
  let mx = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < logits.length; i++) mx = Math.max(mx, logits[i] ?? Number.NEGATIVE_INFINITY);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp((logits[i] ?? 0) - mx);
  const lse = mx + Math.log(sum);
  return Float64Array.from({ length: logits.length }, (_, i) => (logits[i] ?? 0) - lse);
}

/** Applies logit_bias and the penalties in place. */
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

function argmax(x: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < x.length; i++)
    if ((x[i] ?? Number.NEGATIVE_INFINITY) > (x[best] ?? Number.NEGATIVE_INFINITY)) best = i;
  return best;
}

/**
 * The filtered distribution after temperature and the truncation filters: probabilities that sum to 1,
 * with zeros for the removed tokens. `logits` are the biased, penalised logits.
 */
export function filteredDistribution(logits: Float32Array, p: SamplingParams): Float64Array {
  const V = logits.length;
  const t = p.temperature ?? 1;
  const scaled = Float64Array.from(logits, (l) => l / t);
  const lp = logSoftmax(scaled);
  const probs = Float64Array.from(lp, Math.exp);
  const order = Array.from({ length: V }, (_, i) => i).sort((a, b) => (probs[b] ?? 0) - (probs[a] ?? 0));
  const keep = new Uint8Array(V);
  for (const i of order) if ((probs[i] ?? 0) > 0) keep[i] = 1;
  const renorm = () => {
    let s = 0;
    for (let i = 0; i < V; i++) if (keep[i]) s += probs[i] ?? 0;
    for (let i = 0; i < V; i++) probs[i] = keep[i] ? (probs[i] ?? 0) / s : 0;
  };
  const topK = p.topK ?? 0;
  if (topK > 0) {
    for (const i of order.slice(topK)) keep[i] = 0;
  }
  renorm(); // top-p works on what top-k left
  const topP = p.topP ?? 1;
  if (topP < 1) {
    let cum = 0;
    let done = false;
    for (const i of order) {
      if (!keep[i]) continue;
      if (done) keep[i] = 0;
      cum += probs[i] ?? 0;
      if (cum >= topP) done = true;
    }
  }
  renorm();
  const minP = p.minP ?? 0;
  if (minP > 0) {
    const top = probs[order[0] ?? 0] ?? 0;
    for (let i = 0; i < V; i++) if ((probs[i] ?? 0) < minP * top) keep[i] = 0;
    renorm();
  }
  const typ = p.typicalP ?? 1;
  if (typ < 1) {
    let entropy = 0;
    for (let i = 0; i < V; i++) if ((probs[i] ?? 0) > 0) entropy -= (probs[i] ?? 0) * Math.log(probs[i] ?? 1);
    const cand = order.filter((i) => keep[i] && (probs[i] ?? 0) > 0);
    cand.sort((a, b) => Math.abs(-Math.log(probs[a] ?? 1) - entropy) - Math.abs(-Math.log(probs[b] ?? 1) - entropy));
    let cum = 0;
    keep.fill(0);
    for (const i of cand) {
      keep[i] = 1;
      cum += probs[i] ?? 0;
      if (cum >= typ) break;
    }
    renorm();
  }
  return probs;
}

/** Picks the next token. `logits` is not modified. */
export function sample(logits: Float32Array, p: SamplingParams, ctx: PenaltyContext, rng: Rng): Choice {
  const raw = logSoftmax(logits);
  const work = Float32Array.from(logits);
  applyBiasAndPenalties(work, p, ctx);
  let token: number;
  if (p.method === 'greedy' || (p.temperature ?? 1) <= 0) {
    token = argmax(work);
  } else {
    const probs = filteredDistribution(work, p);
    const r = rng.next();
    let cum = 0;
    token = -1;
    let last = 0;
    for (let i = 0; i < probs.length; i++) {
      const pi = probs[i] ?? 0;
      if (pi <= 0) continue;
      last = i;
      cum += pi;
      if (r < cum) {
        token = i;
        break;
      }
    }
    if (token < 0) token = last; // rounding: r landed past the last cumulative sum
  }
  return { token, logprob: raw[token] ?? Number.NEGATIVE_INFINITY };
}

/** The n most likely tokens of the model's unprocessed distribution, with their log-probabilities. */
export function topLogprobs(logits: Float32Array, n: number): { token: number; logprob: number }[] {
  const lp = logSoftmax(logits);
  return Array.from(lp.keys())
    .sort((a, b) => (lp[b] ?? 0) - (lp[a] ?? 0))
    .slice(0, n)
    .map((token) => ({ token, logprob: lp[token] ?? 0 }));
}
