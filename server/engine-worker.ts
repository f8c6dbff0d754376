// A generation worker thread: loads the model once and runs one generation at a time, streaming tokens back.
import { parentPort, workerData } from 'node:worker_threads';
import { type GeneratedToken, type GenerationResult, generate } from '../engine/generate.ts';
import { loadModel } from '../engine/node/load-model.ts';
import type { SamplingParams } from '../engine/sampler.ts';
import { logSoftmax } from '../engine/sampler.ts';
import { encode, tokenText } from '../engine/tokenizer.ts';

export interface GenerationJob {
  prompt: string;
  maxTokens: number;
  sampling: SamplingParams;
  seed?: number;
  stop?: string[];
  topLogprobs?: number;
  /** Also score the prompt (for echo + logprobs): logprobs of prompt tokens 1.., with this many alternatives. */
  promptLogprobs?: number;
}

export interface PromptTokenLogprob {
  text: string;
  logprob: number | null;
  top: { text: string; logprob: number }[];
}

export interface JobResult extends GenerationResult {
  promptLogprobs?: PromptTokenLogprob[];
}

export type WorkerIn = { type: 'run'; id: number; job: GenerationJob } | { type: 'abort'; id: number };
export type WorkerOut =
  | { type: 'ready'; ctx: number }
  | { type: 'token'; id: number; token: GeneratedToken }
  | { type: 'done'; id: number; result: JobResult }
  | { type: 'error'; id: number; message: string };

const { modelPath } = workerData as { modelPath: string };
const model = loadModel(modelPath);
const session = model.newSession();
const port = parentPort;
if (!port) throw new Error('engine-worker must run in a worker thread');
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

async function run(id: number, job: GenerationJob): Promise<void> {
  const ac = new AbortController();
  controllers.set(id, ac);
  try {
    const promptLogprobs = job.promptLogprobs !== undefined ? scorePrompt(job.prompt, job.promptLogprobs) : undefined;
    const it = generate(model, session, {
      prompt: job.prompt,
      maxTokens: job.maxTokens,
      sampling: job.sampling,
      seed: job.seed,
      stop: job.stop,
      topLogprobs: job.topLogprobs,
      signal: ac.signal,
      yieldEveryMs: 10,
    });
    for (;;) {
      const r = await it.next();
      if (r.done) {
        port?.postMessage({ type: 'done', id, result: { ...r.value, promptLogprobs } } satisfies WorkerOut);
        break;
      }
      port?.postMessage({ type: 'token', id, token: r.value } satisfies WorkerOut);
    }
  } catch (e) {
    port?.postMessage({ type: 'error', id, message: (e as Error).message } satisfies WorkerOut);
  } finally {
    controllers.delete(id);
  }
}

port.on('message', (m: WorkerIn) => {
  if (m.type === 'run') void run(m.id, m.job);
  else controllers.get(m.id)?.abort();
});
port.postMessage({ type: 'ready', ctx: model.cfg.ctx } satisfies WorkerOut);
