import { describe, expect, it } from 'vitest';
import type { StepObserver, StepView } from './generate.ts';
import {
  CTX,
  checkConsistency,
  force,
  joined,
  maxAbsDiff,
  model,
  NO_EOS,
  run,
  session,
} from './testing/generate-helpers.ts';
import { TINY } from './testing/random-model.ts';
import { encode } from './tokenizer.ts';

const C = TINY.dModel;
const HOOK = 'blocks.1.hook_resid_post';

/** Side data that names its own token, so a record can be checked against the data it carries. */
const whoAmI: StepObserver = {
  name: 'who',
  observe: (v: StepView) => ({ index: v.index, token: v.token, text: v.text }),
};

function expectOwnSide(tokens: readonly { index: number; token: number; text: string; side?: unknown }[]) {
  for (const t of tokens) expect(t.side).toEqual({ who: { index: t.index, token: t.token, text: t.text } });
}

/** The residual at `hook` of the last position after feeding `ids` to a fresh session. */
function residByHand(ids: readonly number[], hook = HOOK): Float32Array {
  let rows: Float32Array = new Float32Array(0);
  const s = model.newSession();
  s.hooks = { capture: (_h, r) => (rows = r), captureAt: [hook] };
  s.feed(ids);
  return rows.subarray(rows.length - C);
}

describe('observers: side data in step with the text', () => {
  it('each record carries its own side data', async () => {
    const { tokens, result } = await run({ prompt: 'abc', maxTokens: 12, seed: 1, observers: [whoAmI] });
    expect(tokens.length).toBeGreaterThan(0);
    expectOwnSide(tokens);
    checkConsistency(tokens, result);
  });

  it('held back by a possible stop sequence and released later, a record keeps its own side data', async () => {
    const { tokens, result } = await run({
      prompt: 'x',
      maxTokens: 8,
      seed: 1,
      stop: ['abz'],
      logitProcessors: [force('ab!')],
      observers: [whoAmI],
    });
    expect(result.text).toBe('ab!ab!ab');
    expectOwnSide(tokens);
  });

  it('a stop sequence drops its records with their side data; the released ones keep theirs', async () => {
    const observed: number[] = [];
    const counter: StepObserver = { name: 'n', observe: (v) => void observed.push(v.index) };
    const { tokens, result } = await run({
      prompt: 'x',
      maxTokens: 50,
      seed: 1,
      stop: ['wor'],
      logitProcessors: [force('hello world')],
      observers: [whoAmI, counter],
    });
    expect(result.text).toBe('hello ');
    expect(joined(tokens)).toBe('hello ');
    expectOwnSide(tokens); // the counter returned nothing, so only `who` is there
    expect(observed).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]); // 'hello wor' was observed as it was drawn
  });

  it('no side field when no observer returns anything; the view reports the record’s own logprob', async () => {
    const lps: number[] = [];
    const silent: StepObserver = { name: 's', observe: (v) => void lps.push(v.logprob) };
    const { tokens } = await run({ prompt: 'abc', maxTokens: 5, seed: 1, observers: [silent] });
    expect(tokens.every((t) => t.side === undefined)).toBe(true);
    expect(lps).toEqual(tokens.map((t) => t.logprob));
  });
});

describe("observers: a token's own residual", () => {
  it('is the residual at its own position (as when feeding prompt + tokens by hand)', async () => {
    const got: Float32Array[] = [];
    const probe: StepObserver = {
      name: 'r',
      hooks: [HOOK],
      observe: (v) => void got.push(Float32Array.from(v.resid(HOOK))),
    };
    const prompt = encode('Hello');
    const { tokens } = await run({
      prompt,
      maxTokens: 8,
      seed: 2,
      sampling: { temperature: 1, logitBias: NO_EOS },
      observers: [probe],
    });
    expect(got.length).toBe(8);
    let rows: Float32Array = new Float32Array(0);
    const s = model.newSession();
    s.hooks = { capture: (_h, r) => (rows = r), captureAt: [HOOK] };
    s.feed([...prompt, ...tokens.map((t) => t.token)]);
    const row = (pos: number) => rows.subarray(pos * C, (pos + 1) * C);
    tokens.forEach((_t, i) => {
      expect(maxAbsDiff(got[i] ?? [], row(prompt.length + i))).toBeLessThanOrEqual(1e-5);
    });
    // not the previous position's residual (what a token fed only at the next step would give)
    expect(maxAbsDiff(got[3] ?? [], row(prompt.length + 2))).toBeGreaterThan(1e-2);
  });

  it('takes steering added at its own hook back out (the text’s residual, not the vector), and keeps earlier hooks’', async () => {
    const vec = Float32Array.from({ length: C }, (_, i) => ((i % 7) - 3) * 0.5);
    const steering = [{ hook: HOOK, vector: vec, strength: 2 }];
    const got: Float32Array[] = [];
    const probe: StepObserver = {
      name: 'r',
      hooks: [HOOK],
      observe: (v) => void got.push(Float32Array.from(v.resid(HOOK))),
    };
    const prompt = encode('Hello');
    const { tokens } = await run({
      prompt,
      maxTokens: 6,
      seed: 3,
      sampling: { temperature: 1, logitBias: NO_EOS },
      hooks: { steering },
      observers: [probe],
    });
    // by hand: the steered run's residual at HOOK, minus 2 × vec
    let rows: Float32Array = new Float32Array(0);
    const s = model.newSession();
    s.hooks = { steering, capture: (_h, r) => (rows = r), captureAt: [HOOK] };
    s.feed([...prompt, ...tokens.map((t) => t.token)]);
    tokens.forEach((_t, i) => {
      const row = rows
        .subarray((prompt.length + i) * C, (prompt.length + i + 1) * C)
        .map((x, c) => x - 2 * (vec[c] as number));
      expect(maxAbsDiff(got[i] ?? [], row)).toBeLessThanOrEqual(1e-4);
    });
  });

  it('stays the own residual across context-window shifts, and observing does not change the output', async () => {
    const o = { prompt: 'Hello', maxTokens: 3 * CTX, seed: 6, sampling: { temperature: 1, logitBias: NO_EOS } };
    const windows: number[][] = [];
    const got: Float32Array[] = [];
    const probe: StepObserver = {
      name: 'r',
      hooks: [HOOK],
      observe: (v) => {
        windows.push([...session.tokens]); // the cache right after this token was fed
        got.push(Float32Array.from(v.resid(HOOK)));
      },
    };
    const plain = await run(o);
    const observed = await run({ ...o, observers: [probe] });
    expect(observed.tokens.map((t) => t.token)).toEqual(plain.tokens.map((t) => t.token));
    expect(windows.some((w) => w.length < CTX / 2 + 2)).toBe(true); // a shift happened
    observed.tokens.forEach((t, i) => {
      const w = windows[i] ?? [];
      expect(w.at(-1)).toBe(t.token);
      expect(maxAbsDiff(got[i] ?? [], residByHand(w))).toBeLessThanOrEqual(1e-5);
    });
  });

  it('the last token is fed only when an observer reads residuals', async () => {
    const o = { prompt: 'abc', maxTokens: 5, seed: 1, sampling: { logitBias: NO_EOS } };
    const s = model.newSession();
    await run(o, s);
    expect(s.length).toBe(3 + 4);
    await run({ ...o, observers: [whoAmI] }, s);
    expect(s.length).toBe(3 + 4);
    await run({ ...o, observers: [{ name: 'r', hooks: [HOOK], observe: () => undefined }] }, s);
    expect(s.length).toBe(3 + 5);
  });

  it('a caller’s capture hook still receives every position alongside an observer', async () => {
    const starts: number[] = [];
    const { tokens } = await run({
      prompt: 'abc',
      maxTokens: 4,
      seed: 1,
      sampling: { logitBias: NO_EOS },
      hooks: { capture: (_h, _r, _rows, start) => starts.push(start), captureAt: ['blocks.0.hook_resid_pre'] },
      observers: [{ name: 'r', hooks: [HOOK], observe: () => 1 }],
    });
    expect(tokens.every((t) => t.side?.r === 1)).toBe(true);
    expect(starts).toEqual([0, 3, 4, 5, 6]);
  });
});
