import { describe, expect, it } from 'vitest';
import { GPT } from './model.ts';
import { Rng } from './rng.ts';
import { randomWeights, TINY } from './testing/random-model.ts';
import { referenceLogits } from './testing/reference-gpt.ts';

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return m;
};

function tokens(n: number, seed = 3): number[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => rng.int(TINY.vocabSize));
}

describe('GPT forward', () => {
  const weights = randomWeights();
  const model = new GPT(weights);

  it('matches the naive float64 reference forward at every position (max abs diff ≤ 1e-4)', () => {
    const toks = tokens(TINY.ctx);
    const s = model.newSession();
    const got = s.feed(toks, true);
    const ref = referenceLogits(TINY, weights.params, toks);
    expect(ref.flat().some((v) => Math.abs(v) > 1)).toBe(true); // the logits are not trivially small
    expect(maxAbsDiff(got, ref.flat())).toBeLessThanOrEqual(1e-4);
  });

  it('decodes with the KV cache to the same logits as a full forward', () => {
    const toks = tokens(24, 5);
    const full = model.newSession().feed(toks, true);
    const s = model.newSession();
    const first = s.feed(toks.slice(0, 7), true); // a batched prefill, then one token at a time
    const parts = [first];
    for (const t of toks.slice(7)) parts.push(s.feed([t]));
    const incremental = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      incremental.set(p, o);
      o += p.length;
    }
    expect(maxAbsDiff(incremental, full)).toBeLessThanOrEqual(1e-5);
  });

  it('refuses to overflow the context and rejects out-of-vocabulary ids', () => {
    const s = model.newSession();
    s.feed(tokens(TINY.ctx));
    expect(() => s.feed([1])).toThrow(/context overflow/);
    expect(() => model.newSession().feed([TINY.vocabSize])).toThrow(/outside the vocabulary/);
  });
});

describe('hooks', () => {
  const model = new GPT(randomWeights());
  const toks = tokens(12, 9);
  const C = TINY.dModel;
  const vector = Float32Array.from({ length: C }, (_, i) => Math.sin(i + 1));

  it('capture returns the residual stream as [positions × width] at the named hook', () => {
    const seen: { hook: string; rows: number; len: number; start: number }[] = [];
    const s = model.newSession();
    s.hooks = {
      capture: (hook, r, rows, start) => seen.push({ hook, rows, len: r.length, start }),
      captureAt: ['blocks.1.hook_resid_pre'],
    };
    s.feed(toks);
    s.feed([4]);
    expect(seen).toEqual([
      { hook: 'blocks.1.hook_resid_pre', rows: 12, len: 12 * C, start: 0 },
      { hook: 'blocks.1.hook_resid_pre', rows: 1, len: C, start: 12 },
    ]);
  });

  it('steering at strength 0 is the identity', () => {
    const plain = model.newSession().feed(toks, true);
    const s = model.newSession();
    s.hooks = { steering: [{ hook: 'blocks.1.hook_resid_pre', vector, strength: 0 }] };
    expect(Array.from(s.feed(toks, true))).toEqual(Array.from(plain));
  });

  it('steering at strength s equals adding s × vector to the captured residual and running the remaining layers', () => {
    const strength = 2.5;
    const s = model.newSession();
    s.hooks = { steering: [{ hook: 'blocks.1.hook_resid_pre', vector, strength }] };
    const steered = s.feed(toks, true);

    // by hand: capture resid_pre of layer 1, add s × v, run layer 1 onwards
    let captured: Float32Array | undefined;
    const h = model.newSession();
    h.hooks = { capture: (_n, r) => (captured = r), captureAt: ['blocks.1.hook_resid_pre'] };
    h.feed(toks);
    const resid = captured as Float32Array;
    for (let t = 0; t < toks.length; t++)
      for (let c = 0; c < C; c++) resid[t * C + c] = (resid[t * C + c] ?? 0) + strength * (vector[c] ?? 0);
    const kv = model.newSession();
    kv.feed(toks); // layer 0's keys/values are unaffected by a layer-1 hook
    model.arena.f32(model.x).set(resid);
    model.runBlocks(kv.kv, toks.length, 0, 1, TINY.nLayer, {});
    const byHand = model.head(0, toks.length);
    expect(maxAbsDiff(steered, byHand)).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(steered, model.newSession().feed(toks, true))).toBeGreaterThan(1e-2); // and it changes the output
  });

  it('names hook points as TransformerLens does', () => {
    expect(model.hookPoints().map((h) => h.name)).toEqual([
      'blocks.0.hook_resid_pre',
      'blocks.0.hook_resid_post',
      'blocks.1.hook_resid_pre',
      'blocks.1.hook_resid_post',
    ]);
  });
});
