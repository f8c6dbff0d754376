import { describe, expect, it } from 'vitest';
import type { StepView } from '../step/observers.ts';
import { behaviorScorer, textScores } from './behavior.ts';
import { driftStart } from './drift.ts';
import { SaeMonitor } from './monitor.ts';
import { createSae, encode } from './sae.ts';

// A 4-wide SAE with 8 latents, k = 2: latent i reads x[i % 4] (latents 4…7 read it negated).
function toySae() {
  const sae = createSae('blocks.0.hook_resid_pre', 4, 8, 2);
  for (let i = 0; i < 8; i++) sae.wEnc[i * 4 + (i % 4)] = i < 4 ? 1 : -1;
  for (let i = 0; i < 8; i++) sae.wDec[i * 4 + (i % 4)] = i < 4 ? 1 : -1;
  return sae;
}

// "present" when latent 0 is active: logit = −2 + 4·value(latent 0); score = σ(logit)
const behavior = behaviorScorer({
  name: 'zero',
  hook: 'blocks.0.hook_resid_pre',
  probe: { nLatents: 8, bias: -2, latents: [0], weights: [4], features: null },
  platt: { a: 1, b: 0 },
  threshold: 0.5,
  run: 3,
});

function view(index: number, x: number[], attempt = 1): StepView {
  const row = Float32Array.from(x);
  return {
    index,
    attempt,
    token: 0,
    text: 'a',
    logprob: 0,
    logprobs: new Float64Array(0),
    resid: () => row,
  };
}

const on = [2, 0, 0, 0.5]; // latent 0 at 2 → logit 6
const off = [0, 1, 0, 0]; // latent 1 only → logit −2

describe('SaeMonitor', () => {
  it('scores each token on its own code and reads drift after 3 tokens above the threshold, pointing at the run start', () => {
    const m = new SaeMonitor(toySae(), [behavior], 2);
    expect(m.hooks).toEqual(['blocks.0.hook_resid_pre']);
    const seq = [off, on, on, off, on, on, on, on];
    const out = seq.map((x, i) => m.observe(view(i, x)));
    const scores = out.map((o) => o.behaviors.zero?.score as number);
    expect(scores[0]).toBeCloseTo(1 / (1 + Math.exp(2)), 10);
    expect(scores[1]).toBeCloseTo(1 / (1 + Math.exp(-6)), 6);
    expect(out.map((o) => o.behaviors.zero?.drift)).toEqual([false, false, false, false, false, false, true, true]);
    expect(out[6]?.behaviors.zero?.start).toBe(4);
    expect(out[7]?.behaviors.zero?.start).toBe(4);
    expect(driftStart(scores, 0.5, 3)).toBe(4);
    // the top latents, largest first, only the active ones
    expect(out[1]?.features).toEqual([
      [0, 2],
      [3, 0.5],
    ]);
    expect(out[0]?.features).toEqual([[1, 1]]);
  });

  it('lists no features when none are asked for', () => {
    const m = new SaeMonitor(toySae(), [behavior], 0);
    expect(m.observe(view(0, on)).features).toBeUndefined();
  });

  it('after a rewind, forgets the dropped tokens and recomputes the run from what is kept', () => {
    const m = new SaeMonitor(toySae(), [behavior]);
    for (const [i, x] of [off, on, on, on].entries()) m.observe(view(i, x));
    m.rewind(3); // keeps off, on, on: a run of 2 above the threshold
    expect(m.observe(view(3, on, 2)).behaviors.zero).toMatchObject({ drift: true, start: 1 });
    m.rewind(1); // keeps off
    expect(m.observe(view(1, on, 3)).behaviors.zero?.drift).toBe(false);
    expect(m.observe(view(2, on, 3)).behaviors.zero?.drift).toBe(false);
    expect(m.observe(view(3, on, 3)).behaviors.zero).toMatchObject({ drift: true, start: 1 });
  });

  it('scores several behaviors on one encoding', () => {
    const other = behaviorScorer({
      name: 'one',
      hook: 'blocks.0.hook_resid_pre',
      probe: { nLatents: 8, bias: -2, latents: [1], weights: [4], features: null },
      platt: { a: 1, b: 0 },
      threshold: 0.5,
      run: 3,
    });
    const m = new SaeMonitor(toySae(), [behavior, other]);
    const r = m.observe(view(0, off));
    expect(r.behaviors.zero?.score).toBeLessThan(0.5);
    expect(r.behaviors.one?.score).toBeGreaterThan(0.5);
  });
});

describe('SaeMonitor with a window (a moving average of the codes)', () => {
  const windowed = behaviorScorer({
    name: 'w',
    hook: 'blocks.0.hook_resid_pre',
    probe: { nLatents: 8, bias: -1, latents: [0, 1], weights: [3, -2], features: null },
    platt: { a: 0.8, b: 0.1 },
    threshold: 0.5,
    run: 3,
    window: 4,
  });
  const rows = [off, on, on, off, on, off, off, on, on, on];

  it('scores each token as textScores does over prompt + tokens (the average runs from the prompt’s start)', () => {
    const sae = toySae();
    const m = new SaeMonitor(sae, [windowed, behavior]);
    const prompt = rows.slice(0, 3);
    m.context('blocks.0.hook_resid_pre', Float32Array.from(prompt.flat()), prompt.length);
    const live = rows.slice(3).map((x, i) => m.observe(view(i, x)).behaviors);
    const all = encode(sae, Float32Array.from(rows.flat()), rows.length);
    const byHand = textScores(windowed, all, 3);
    live.forEach((r, i) => {
      expect(r.w?.score).toBeCloseTo(byHand[i] as number, 12);
    });
    // the per-token behavior beside it is unchanged
    expect(live[1]?.zero?.score).toBeCloseTo(1 / (1 + Math.exp(-6)), 6);
    // the average remembers: after "on" the score stays up a while, unlike the own-code score
    expect(m.promptCodes?.rows).toBe(3);
  });

  it('after a rewind, rebuilds the average from the prompt and the kept tokens', () => {
    const sae = toySae();
    const m = new SaeMonitor(sae, [windowed]);
    m.context('blocks.0.hook_resid_pre', Float32Array.from(rows.slice(0, 2).flat()), 2);
    for (const [i, x] of rows.slice(2, 8).entries()) m.observe(view(i, x));
    m.rewind(2);
    const again = [on, on, off].map((x, i) => m.observe(view(2 + i, x, 2)).behaviors.w?.score as number);
    const seq = [...rows.slice(0, 4), on, on, off];
    const byHand = textScores(windowed, encode(sae, Float32Array.from(seq.flat()), seq.length), 4);
    again.forEach((x, i) => {
      expect(x).toBeCloseTo(byHand[i] as number, 12);
    });
  });
});
