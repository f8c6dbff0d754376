// Autoregressive generation as an async iterator of step records (text, id, logprob, alternatives, side data),
// with stop sequences, max_tokens, logit processors, observers, hooks, rewinds, a seedable PRNG and abort through
// an AbortSignal.
//
// Each step runs the pipeline of step/pipeline.ts on the current logits and draws a token; the token is then fed
// to the model (before its record is yielded when observers read its own residual, otherwise right after), its
// record goes through the stop-sequence hold-back, and released records are yielded in order. Requests of a
// GenerationControl (rewind, new hooks) are honoured at the start of the next step.
//
// Context handling: see step/context-window.ts.
import type { GPT, Hooks, Session } from './model.ts';
import { Rng } from './rng.ts';
import type { SamplingParams } from './sampler.ts';
import type { SamplingFilter } from './sampling/filter.ts';
import { SAMPLING_FILTERS } from './sampling/filters.ts';
import { ContextWindow } from './step/context-window.ts';
import { bindControl, type GenerationControl, rewindPending, takeRequest, unbindControl } from './step/control.ts';
import { ObserverSet, type StepObserver } from './step/observers.ts';
import { PenaltyCounts } from './step/penalty-counts.ts';
import { StepPipeline } from './step/pipeline.ts';
import { type LogitProcessor, ProcessorChain, type ProcessorState } from './step/processors.ts';
import { StopHoldBack } from './step/stop-sequences.ts';
import { EOS_ID, encode, NEWLINE_ID, tokenText } from './tokenizer.ts';
import { validateGenerateOptions } from './validate-options.ts';

export { EngineInputError } from './errors.ts';
export type { SamplingFilter } from './sampling/filter.ts';
export { SAMPLING_FILTERS } from './sampling/filters.ts';
export { GenerationControl } from './step/control.ts';
export type { StepObserver, StepView } from './step/observers.ts';
export type {
  LogitProcessor,
  LogitProcessorFn,
  ProcessorState,
  StatefulLogitProcessor,
} from './step/processors.ts';
export { validateGenerateOptions } from './validate-options.ts';

export interface GenerateOptions {
  readonly prompt: string | readonly number[];
  /** The most tokens the output may have (tokens dropped by a rewind do not count; see completionTokens). */
  readonly maxTokens: number;
  readonly sampling?: SamplingParams;
  /** Same seed + same request → same output. Random when undefined. */
  readonly seed?: number;
  readonly stop?: readonly string[];
  readonly hooks?: Hooks;
  /** Edit each step's logits before logit_bias, penalties and the filters (functions or stateful objects). */
  readonly logitProcessors?: readonly LogitProcessor[];
  /** Per-token side data, attached to each record under the observer's name. */
  readonly observers?: readonly StepObserver[];
  /** Rewind and hook changes while running; see GenerationControl. */
  readonly control?: GenerationControl;
  /** The sampling filters, in order (default SAMPLING_FILTERS). */
  readonly filters?: readonly SamplingFilter[];
  readonly signal?: AbortSignal;
  /** Alternatives reported per token (0 = none). */
  readonly topLogprobs?: number;
  /** Give the event loop a turn at least this often (ms), so aborts from other tasks are seen. Default 25. */
  readonly yieldEveryMs?: number;
}

export interface GeneratedToken {
  /** Position in the output (0-based). After a rewind to i, the next token has index i again. */
  readonly index: number;
  readonly token: number;
  readonly text: string;
  /** Log-probability under the model's own distribution (before processors, bias, penalties and filters). */
  readonly logprob: number;
  readonly top?: readonly { token: number; text: string; logprob: number }[];
  /** 1 + the number of rewinds before this token was drawn. */
  readonly attempt: number;
  /** Observers' side data for this token, keyed by observer name (absent when none returned any). */
  readonly side?: Readonly<Record<string, unknown>>;
}

export type FinishReason = 'stop' | 'length' | 'abort';

export interface GenerationResult {
  /** The output: the text of every released token of the final attempt (kept prefix + tokens after it). */
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly promptTokens: number;
  /** Tokens drawn in total, including end-of-text, stop-sequence characters and tokens dropped by rewinds. */
  readonly completionTokens: number;
  /** The prompt characters actually used (after truncation to the context). */
  readonly promptUsed: number;
  /** 1 + the number of rewinds. */
  readonly attempts: number;
}

type MutableToken = { -readonly [K in keyof GeneratedToken]: GeneratedToken[K] };

const macrotask = () => new Promise<void>((r) => setTimeout(r, 0));

export async function* generate(
  model: GPT,
  session: Session,
  o: GenerateOptions,
): AsyncGenerator<GeneratedToken, GenerationResult> {
  validateGenerateOptions(model.cfg, o);
  const { ctx, vocabSize } = model.cfg;
  let promptIds = typeof o.prompt === 'string' ? encode(o.prompt) : [...o.prompt];
  const promptTokens = promptIds.length;
  if (promptIds.length > ctx) promptIds = promptIds.slice(promptIds.length - ctx);
  if (promptIds.length === 0) promptIds = [NEWLINE_ID];
  const rng = new Rng(o.seed ?? Math.floor(Math.random() * 2 ** 32));
  const yieldEvery = o.yieldEveryMs ?? 25;
  const stops = new StopHoldBack<GeneratedToken>(o.stop);
  const processors = new ProcessorChain(o.logitProcessors);
  const observers = new ObserverSet(o.observers ?? [], model.cfg);
  const penalties = new PenaltyCounts(promptIds);
  const pipeline = new StepPipeline(
    vocabSize,
    EOS_ID,
    o.sampling ?? {},
    processors,
    penalties,
    o.filters ?? SAMPLING_FILTERS,
    rng,
  );
  const window = new ContextWindow(session, ctx);
  const generated: number[] = []; // tokens of the current attempt
  const out: string[] = []; // released text, one entry per released record (their indices are 0..out.length-1)
  let attempt = 1;
  let completionTokens = 0;
  const state: { -readonly [K in keyof ProcessorState]: ProcessorState[K] } = {
    generated,
    step: 0,
    remaining: o.maxTokens,
    attempt,
  };

  session.reset();
  session.hooks = observers.compose(o.hooks ?? {});
  let logits = session.feed(promptIds);
  let lastYield = performance.now();

  const control = o.control;
  const binding = { shape: model.cfg, length: () => generated.length, attempt: () => attempt };
  if (control) bindControl(control, binding);

  const result = (finishReason: FinishReason): GenerationResult => ({
    text: out.join(''),
    finishReason,
    promptTokens,
    completionTokens,
    promptUsed: promptIds.length,
    attempts: attempt,
  });

  /** Drops the tokens from index i on and rebuilds everything that depended on them (a new attempt). */
  const rewind = (i: number) => {
    generated.length = i;
    out.length = Math.min(out.length, i);
    stops.dropFrom(i);
    penalties.reset(promptIds, generated);
    processors.rewind(i);
    observers.rewind(i);
    attempt++;
    logits = window.refill([...promptIds, ...generated]);
  };

  /** The record of a drawn token (fed already when observers read its residual). */
  const recordOf = (index: number, token: number): GeneratedToken => {
    const text = tokenText(token);
    const logprob = pipeline.logprob(token);
    const record: MutableToken = { index, token, text, logprob, attempt };
    if (o.topLogprobs) record.top = pipeline.top(o.topLogprobs).map((t) => ({ ...t, text: tokenText(t.token) }));
    if (observers.active) {
      const side = observers.observe(index, attempt, token, text, logprob, pipeline.logprobs);
      if (side) record.side = side;
    }
    return record;
  };

  const canStop = (outputLength: number) => processors.canStop(outputLength);

  try {
    for (;;) {
      if (o.signal?.aborted) return result('abort');
      const req = control && takeRequest(control);
      if (req?.hooks) session.hooks = observers.compose(req.hooks);
      if (req?.rewindTo !== undefined) rewind(Math.min(req.rewindTo, generated.length));

      const index = generated.length;
      let finish: FinishReason | undefined;
      if (!(index < o.maxTokens)) finish = 'length';
      else {
        state.step = index;
        state.remaining = o.maxTokens - index;
        state.attempt = attempt;
        const tok = pipeline.next(logits, state);
        completionTokens++;
        if (tok === EOS_ID) finish = 'stop';
        else {
          generated.push(tok);
          penalties.add(tok);
          processors.accept(tok);
          // a token's own residual exists once it is fed: feed it before its record when an observer reads it
          const fedEarly = observers.needsResid;
          if (fedEarly) logits = window.feed(tok);
          const { released, stopped } = stops.offer(recordOf(index, tok), canStop);
          if (stopped) {
            // the stop sequence and what follows it leave the output (held records follow the released ones)
            generated.length = out.length + released.length;
            finish = 'stop';
          }
          for (const r of released) {
            out.push(r.text);
            yield r;
          }
          // otherwise fed after the yield, with the hooks of this step (a setHooks during the yield applies later)
          if (!finish && !fedEarly && index + 1 < o.maxTokens && !rewindPending(control)) logits = window.feed(tok);
        }
      }

      if (finish) {
        for (const r of stops.flush()) {
          out.push(r.text);
          yield r;
        }
        if (rewindPending(control)) continue; // a rewind asked for during the last records goes on
        return result(finish);
      }
      if (yieldEvery >= 0 && performance.now() - lastYield >= yieldEvery) {
        await macrotask();
        lastYield = performance.now();
      }
    }
  } finally {
    if (control) unbindControl(control, binding);
  }
}

/** Convenience: runs a generation to the end and returns its result. */
export async function generateText(model: GPT, session: Session, o: GenerateOptions): Promise<GenerationResult> {
  const it = generate(model, session, o);
  for (;;) {
    const r = await it.next();
    if (r.done) return r.value;
  }
}
