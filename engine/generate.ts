// Autoregressive generation as an async iterator of tokens (text, id, logprob), with stop sequences, max_tokens,
// logit processors, hooks, a seedable PRNG and prompt abort through an AbortSignal.
//
// Context handling: a prompt longer than the context keeps its most recent characters; when the KV cache is
// full during generation, the oldest half of the window is dropped and the newest half is prefilled again
// (positions are learned, so the kept characters move to positions 0..ctx/2-1).
import type { GPT, Hooks, Session } from './model.ts';
import { Rng } from './rng.ts';
import { logSoftmax, type PenaltyContext, type SamplingParams, sample, topLogprobs } from './sampler.ts';
import { EOS_ID, encode, NEWLINE_ID, tokenText } from './tokenizer.ts';

/** Edits the logits of one step in place (constraints, custom penalties…) before sampling. */
export type LogitProcessor = (
  logits: Float32Array,
  state: { readonly generated: readonly number[]; readonly step: number },
) => void;

export interface GenerateOptions {
  readonly prompt: string | readonly number[];
  readonly maxTokens: number;
  readonly sampling?: SamplingParams;
  /** Same seed + same request → same output. Random when undefined. */
  readonly seed?: number;
  readonly stop?: readonly string[];
  readonly hooks?: Hooks;
  readonly logitProcessors?: readonly LogitProcessor[];
  readonly signal?: AbortSignal;
  /** Alternatives reported per token (0 = none). */
  readonly topLogprobs?: number;
  /** Give the event loop a turn at least this often (ms), so aborts from other tasks are seen. Default 25. */
  readonly yieldEveryMs?: number;
}

export interface GeneratedToken {
  readonly index: number;
  readonly token: number;
  readonly text: string;
  readonly logprob: number;
  readonly top?: readonly { token: number; text: string; logprob: number }[];
}

export type FinishReason = 'stop' | 'length' | 'abort';

export interface GenerationResult {
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** The prompt characters actually used (after truncation to the context). */
  readonly promptUsed: number;
}

const macrotask = () => new Promise<void>((r) => setTimeout(r, 0));

export async function* generate(
  model: GPT,
  session: Session,
  o: GenerateOptions,
): AsyncGenerator<GeneratedToken, GenerationResult> {
  const ctx = model.cfg.ctx;
  let promptIds = typeof o.prompt === 'string' ? encode(o.prompt) : [...o.prompt];
  const promptTokens = promptIds.length;
  if (promptIds.length > ctx) promptIds = promptIds.slice(promptIds.length - ctx);
  if (promptIds.length === 0) promptIds = [NEWLINE_ID];
  const rng = new Rng(o.seed ?? Math.floor(Math.random() * 2 ** 32));
  const sampling = o.sampling ?? {};
  const stops = (o.stop ?? []).filter((s) => s.length > 0);
  const maxStop = stops.reduce((m, s) => Math.max(m, s.length), 0);
  const yieldEvery = o.yieldEveryMs ?? 25;
  const seen = new Set<number>(promptIds);
  const generatedCounts = new Map<number, number>();
  const penalties: PenaltyContext = { seen, generated: generatedCounts };
  const generated: number[] = [];

  session.reset();
  session.hooks = o.hooks ?? {};
  let logits = session.feed(promptIds);
  let lastYield = performance.now();

  let emitted = ''; // text released to the consumer
  const pending: GeneratedToken[] = []; // tokens held back while they might start a stop sequence
  let finishReason: FinishReason = 'length';

  const result = (): GenerationResult => ({
    text: emitted,
    finishReason,
    promptTokens,
    completionTokens: generated.length,
    promptUsed: promptIds.length,
  });

  for (let step = 0; step < o.maxTokens; step++) {
    if (o.signal?.aborted) {
      finishReason = 'abort';
      return result();
    }
    const work = o.logitProcessors?.length ? Float32Array.from(logits) : logits;
    for (const p of o.logitProcessors ?? []) p(work, { generated, step });
    const choice = sample(work, sampling, penalties, rng);
    const tok = choice.token;
    generated.push(tok);
    seen.add(tok);
    generatedCounts.set(tok, (generatedCounts.get(tok) ?? 0) + 1);
    if (tok === EOS_ID) {
      finishReason = 'stop';
      break;
    }
    const item: GeneratedToken = {
      index: step,
      token: tok,
      text: tokenText(tok),
      logprob: logSoftmax(logits)[tok] ?? Number.NEGATIVE_INFINITY, // the model's own distribution, before processors
      ...(o.topLogprobs
        ? { top: topLogprobs(logits, o.topLogprobs).map((t) => ({ ...t, text: tokenText(t.token) })) }
        : {}),
    };
    pending.push(item);
    if (stops.length) {
      const tail = pending.map((t) => t.text).join('');
      const hit = stops
        .map((s) => ({ s, i: tail.indexOf(s) }))
        .filter((h) => h.i >= 0)
        .sort((a, b) => a.i - b.i)[0];
      if (hit) {
        // release what precedes the stop sequence (one character per token), drop the rest
        for (const t of pending.slice(0, hit.i)) {
          emitted += t.text;
          yield t;
        }
        finishReason = 'stop';
        return result();
      }
      // hold back the longest suffix that is a prefix of a stop sequence
      let hold = 0;
      for (let k = Math.min(maxStop - 1, tail.length); k > 0; k--) {
        const suf = tail.slice(tail.length - k);
        if (stops.some((s) => s.startsWith(suf))) {
          hold = k;
          break;
        }
      }
      while (pending.length > hold) {
        const t = pending.shift() as GeneratedToken;
        emitted += t.text;
        yield t;
      }
    } else {
      pending.length = 0;
      emitted += item.text;
      yield item;
    }
    if (step + 1 >= o.maxTokens) break;
    // feed the token back, re-prefilling the newest half of the window when the cache is full
    if (session.length >= ctx) {
      const keep = session.tokens.slice(session.length - Math.floor(ctx / 2));
      session.reset();
      logits = session.feed([...keep, tok]);
    } else {
      logits = session.feed([tok]);
    }
    if (yieldEvery >= 0 && performance.now() - lastYield >= yieldEvery) {
      await macrotask();
      lastYield = performance.now();
    }
  }
  for (const t of pending) {
    emitted += t.text;
    yield t;
  }
  return result();
}

/** Convenience: runs a generation to the end and returns its result. */
export async function generateText(model: GPT, session: Session, o: GenerateOptions): Promise<GenerationResult> {
  const it = generate(model, session, o);
  for (;;) {
    const r = await it.next();
    if (r.done) return r.value;
  }
}
