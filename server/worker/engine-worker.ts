// A generation worker thread: loads the model once and runs one job at a time — every prompt × n choice of one
// request — sending typed events back (token batches, restarts, each choice's end, done, a refusal or an error).
import { parentPort, workerData } from 'node:worker_threads';
import { EngineInputError, GenerationControl, generate, validateGenerateOptions } from '../../engine/generate.ts';
import { loadModel } from '../../engine/node/load-model.ts';
import { logSoftmax } from '../../engine/sampler.ts';
import { answerMeans, caaFromMeans, meanResidualNorms } from '../../engine/steering/from-examples.ts';
import { encode, tokenText } from '../../engine/tokenizer.ts';
import { fitBehavior } from '../behaviors/fit.ts';
import { behaviorCodes } from './behavior-codes.ts';
import { type CompiledJob, compileJob, windowSwitch } from './compile-job.ts';
import { registerConstraints } from './constraints.ts';
import { DriftCorrection } from './drift-correction.ts';
import type {
  BehaviorFitTask,
  ChoiceResult,
  ConstraintOutcome,
  ExtractTask,
  GenerationJob,
  PromptTokenLogprob,
  WorkerCommand,
  WorkerEvent,
} from './job.ts';
import { registerMonitors } from './monitors.ts';
import { saeAt } from './sae-cache.ts';
import { TokenBatcher } from './token-batcher.ts';

registerConstraints();
registerMonitors();
const { modelPath } = workerData as { modelPath: string };
const model = loadModel(modelPath);
const session = model.newSession();
const port = parentPort;
if (!port) throw new Error('engine-worker must run in a worker thread');
const send = (e: WorkerEvent) => port.postMessage(e);
const controllers = new Map<number, AbortController>();

function scorePrompt(prompt: string, n: number): PromptTokenLogprob[] {
  const ids = encode(prompt).slice(-model.cfg.ctx);
  if (ids.length === 0) return [];
  const V = model.cfg.vocabSize;
  session.reset();
  session.hooks = {};
  const logits = session.feed(ids, true);
  const out: PromptTokenLogprob[] = [{ text: tokenText(ids[0] ?? 0), logprob: null, top: [] }];
  for (let i = 1; i < ids.length; i++) {
    const lp = logSoftmax(logits.subarray((i - 1) * V, i * V));
    const top = Array.from(lp.keys())
      .sort((a, b) => (lp[b] ?? 0) - (lp[a] ?? 0))
      .slice(0, n)
      .map((t) => ({ text: tokenText(t), logprob: lp[t] ?? 0 }));
    out.push({ text: tokenText(ids[i] ?? 0), logprob: lp[ids[i] ?? 0] ?? 0, top });
  }
  return out;
}

function options(
  job: GenerationJob,
  c: CompiledJob,
  prompt: string,
  i: number,
  signal: AbortSignal,
  control = new GenerationControl(),
) {
  return {
    prompt,
    maxTokens: job.maxTokens,
    sampling: c.sampling,
    seed: job.seed == null ? undefined : job.seed + i,
    stop: job.stop,
    hooks: c.hooks,
    logitProcessors: c.hooksAt ? [...c.processors(), windowSwitch(control, c.hooksAt)] : c.processors(),
    observers: c.observers(),
    control,
    topLogprobs: job.topLogprobs,
    signal,
    yieldEveryMs: 10,
  };
}

/** The independent check of a constrained output (a matcher bug shows as valid: false, never as a silent lie). */
function outcome(c: CompiledJob, text: string): ConstraintOutcome | undefined {
  const k = c.constraint;
  if (!k) return undefined;
  const r = k.check(text);
  return {
    kind: k.kind,
    minChars: k.minChars,
    valid: r.valid,
    ...(r.error ? { error: r.error } : {}),
    ...(k.info ? { info: k.info } : {}),
  };
}

async function run(id: number, job: GenerationJob): Promise<void> {
  const ac = new AbortController();
  controllers.set(id, ac);
  const batcher = new TokenBatcher({
    tokens: (tokens) => send({ type: 'tokens', id, tokens }),
    restart: (choice, fromIndex, attempt) => send({ type: 'restart', id, choice, fromIndex, attempt }),
  });
  try {
    const compiled = compileJob(job, model);
    // refuse before anything is generated: a bad hook or vector is the request's fault (400), not an engine failure
    validateGenerateOptions(model.cfg, options(job, compiled, job.prompts[0] ?? '', 0, ac.signal));
    send({ type: 'accepted', id });
    const choices: ChoiceResult[] = [];
    let promptTokens = 0;
    let completionTokens = 0;
    for (const [p, prompt] of job.prompts.entries()) {
      const promptLogprobs = job.promptLogprobs !== undefined ? scorePrompt(prompt, job.promptLogprobs) : undefined;
      for (let i = 0; i < job.n; i++) {
        const choice = p * job.n + i;
        const control = new GenerationControl();
        const correction = job.correction ? new DriftCorrection(job.correction, compiled.hooks) : undefined;
        const it = generate(model, session, options(job, compiled, prompt, i, ac.signal, control));
        let r = await it.next();
        while (!r.done) {
          if (!correction) batcher.push({ ...r.value, choice });
          else if (correction.keep(r.value)) {
            batcher.push({ ...r.value, choice });
            const act = correction.check(r.value);
            if (act) {
              batcher.flush();
              const { hooks, ...event } = act;
              send({ type: 'correction', id, choice, attempt: r.value.attempt, ...event });
              if (hooks) control.rewind(act.index, { hooks });
            }
          }
          r = await it.next();
        }
        batcher.flush();
        if (i === 0) promptTokens += r.value.promptTokens;
        completionTokens += r.value.completionTokens;
        const result: ChoiceResult = {
          choice,
          prompt: p,
          text: r.value.text,
          finishReason: r.value.finishReason,
          promptTokens: r.value.promptTokens,
          completionTokens: r.value.completionTokens,
          attempts: r.value.attempts,
          ...(promptLogprobs ? { promptLogprobs } : {}),
          ...(compiled.constraint ? { constraint: outcome(compiled, r.value.text) } : {}),
        };
        choices.push(result);
        if (r.value.finishReason === 'abort') {
          send({ type: 'done', id, result: { choices, promptTokens, completionTokens, aborted: true } });
          return;
        }
        send({ type: 'choice', id, result });
      }
    }
    send({ type: 'done', id, result: { choices, promptTokens, completionTokens, aborted: false } });
  } catch (e) {
    batcher.flush();
    if (e instanceof EngineInputError) send({ type: 'refused', id, refusal: { message: e.message, param: e.field } });
    else send({ type: 'error', id, message: (e as Error).message });
  } finally {
    controllers.delete(id);
  }
}

/** Each hook's mean residual norm on a neutral text, by text and hook (measured once per worker). */
const norms = new Map<string, number>();

/** CAA from contrast pairs at each hook, scaled to the hook's mean residual norm (see engine/steering/from-examples.ts). */
async function extract(id: number, task: ExtractTask): Promise<void> {
  const ac = new AbortController();
  controllers.set(id, ac);
  try {
    const missing = task.hooks.filter((h) => !norms.has(`${h}\n${task.neutral}`));
    if (missing.length)
      for (const [h, v] of meanResidualNorms(model, session, task.neutral, missing))
        norms.set(`${h}\n${task.neutral}`, v);
    const total = task.pairs.length * 2;
    const pos = new Map<string, Float64Array[]>(task.hooks.map((h) => [h, []]));
    const neg = new Map<string, Float64Array[]>(task.hooks.map((h) => [h, []]));
    let positions = 0;
    let last = performance.now();
    for (const [k, p] of task.pairs.entries()) {
      for (const [side, answer] of [
        [pos, p.positive],
        [neg, p.negative],
      ] as const) {
        for (const [h, v] of answerMeans(model, session, p.prompt, answer, task.hooks)) side.get(h)?.push(v);
        positions += encode(answer).length;
      }
      // a turn for the event loop now and then: progress goes out and an abort gets in
      if (performance.now() - last > 50 || k === task.pairs.length - 1) {
        send({ type: 'progress', id, done: (k + 1) * 2, total });
        await new Promise<void>((r) => setTimeout(r, 0));
        last = performance.now();
        if (ac.signal.aborted) throw new Error('aborted');
      }
    }
    const layers = task.hooks.map((h) => {
      const l = caaFromMeans(h, pos.get(h) ?? [], neg.get(h) ?? []);
      return { ...l, scale: norms.get(`${h}\n${task.neutral}`) ?? 0 };
    });
    send({ type: 'extracted', id, result: { layers, positions } });
  } catch (e) {
    if (e instanceof EngineInputError) send({ type: 'refused', id, refusal: { message: e.message, param: e.field } });
    else send({ type: 'error', id, message: (e as Error).message });
  } finally {
    session.reset();
    controllers.delete(id);
  }
}

/** A behavior's scorer from contrast pairs: its answers' SAE codes (./behavior-codes.ts), then the fit. */
async function fitScorer(id: number, task: BehaviorFitTask): Promise<void> {
  const ac = new AbortController();
  controllers.set(id, ac);
  try {
    const progress = (done: number, total: number) => send({ type: 'progress', id, done, total });
    const codes = await behaviorCodes(model, session, saeAt(task.saePath), task, progress, ac.signal);
    send({ type: 'behavior-fit', id, result: fitBehavior(task.name, codes) });
  } catch (e) {
    if (e instanceof EngineInputError) send({ type: 'refused', id, refusal: { message: e.message, param: e.field } });
    else send({ type: 'error', id, message: (e as Error).message });
  } finally {
    controllers.delete(id);
  }
}

port.on('message', (m: WorkerCommand) => {
  if (m.type === 'run') void run(m.id, m.job);
  else if (m.type === 'extract') void extract(m.id, m.task);
  else if (m.type === 'behavior-fit') void fitScorer(m.id, m.task);
  else controllers.get(m.id)?.abort();
});
send({ type: 'ready', ctx: model.cfg.ctx });
