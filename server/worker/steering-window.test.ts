// Steering token windows (a policy's token_start / token_end): the delta is added at the positions of generated
// tokens [from, to) — and at the prompt's when the window starts at 0 — exactly, against a reference that feeds
// every position by hand with the hooks of its position. No window is the same as a window over everything.
import { describe, expect, it } from 'vitest';
import { GenerationControl, generate } from '../../engine/generate.ts';
import type { Hooks } from '../../engine/hooks.ts';
import { GPT } from '../../engine/model.ts';
import { randomWeights, TINY } from '../../engine/testing/random-model.ts';
import { EOS_ID, encode } from '../../engine/tokenizer.ts';
import { compileJob, steeringPlan, windowSwitch } from './compile-job.ts';
import type { GenerationJob, SteeringSpec } from './job.ts';

const model = new GPT(randomWeights());
const C = TINY.dModel;
const vector = Array.from({ length: C }, (_, i) => Math.sin(3 * i + 1));
const PROMPT = 'It was a ';
const N = 16;

const job = (steering?: SteeringSpec[]): GenerationJob => ({
  prompts: [PROMPT],
  n: 1,
  maxTokens: N,
  sampling: { method: 'greedy', temperature: 1, logitBias: [[EOS_ID, -100]] },
  stop: [],
  ...(steering ? { steering } : {}),
});

const spec = (tokens?: SteeringSpec['tokens']): SteeringSpec => ({
  hook: 'blocks.1.hook_resid_pre',
  vector,
  strength: 3,
  ...(tokens ? { tokens } : {}),
});

/** Runs a job as the worker does (start hooks, the window switch as a processor). */
async function viaWorkerPath(j: GenerationJob): Promise<number[]> {
  const c = compileJob(j, model);
  const control = new GenerationControl();
  const it = generate(model, model.newSession(), {
    prompt: PROMPT,
    maxTokens: N,
    sampling: c.sampling,
    hooks: c.hooks,
    logitProcessors: c.hooksAt ? [...c.processors(), windowSwitch(control, c.hooksAt)] : c.processors(),
    control,
  });
  const out: number[] = [];
  for (let r = await it.next(); !r.done; r = await it.next()) out.push(r.value.token);
  return out;
}

/** The reference: greedy decoding with each position fed by hand under the hooks of that position. */
function byHand(at: (p: number) => Hooks): number[] {
  const s = model.newSession();
  s.hooks = at(-1);
  let logits = s.feed(encode(PROMPT));
  const out: number[] = [];
  for (let i = 0; i < N; i++) {
    let best = -1;
    for (let t = 0; t < logits.length; t++)
      if (t !== EOS_ID && (best < 0 || (logits[t] ?? 0) > (logits[best] ?? 0))) best = t;
    out.push(best);
    if (i + 1 < N) {
      s.hooks = at(i);
      logits = s.feed([best]);
    }
  }
  return out;
}

describe('steering token windows', () => {
  it('no window equals a window over every position, and differs from no steering', async () => {
    const all = await viaWorkerPath(job([spec()]));
    expect(await viaWorkerPath(job([spec({ from: 0 })]))).toEqual(all);
    expect(await viaWorkerPath(job([spec({ from: 0, to: 10_000 })]))).toEqual(all);
    expect(all).not.toEqual(await viaWorkerPath(job()));
  });

  for (const tokens of [{ from: 0, to: 3 }, { from: 5 }, { from: 2, to: 7 }, { from: 1, to: 2 }]) {
    it(`window ${JSON.stringify(tokens)} steers exactly the positions of generated tokens in it`, async () => {
      const j = job([spec(tokens)]);
      const got = await viaWorkerPath(j);
      expect(got).toEqual(byHand(steeringPlan(j).at));
      // tokens drawn before the first steered position are the unsteered ones
      const first = tokens.from === 0 ? 0 : tokens.from + 1;
      expect(got.slice(0, first)).toEqual((await viaWorkerPath(job())).slice(0, first));
    });
  }

  it('the plan steers the prompt only when the window starts at 0', () => {
    expect(steeringPlan(job([spec({ from: 0, to: 2 })])).at(-1).steering).toHaveLength(1);
    expect(steeringPlan(job([spec({ from: 1 })])).at(-1).steering).toBeUndefined();
    expect(steeringPlan(job([spec({ from: 0, to: 0 })])).at(-1).steering).toBeUndefined();
  });
});
