import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';
import {
  filteredDistribution,
  logSoftmax,
  type PenaltyContext,
  type SamplingParams,
  sample,
  topLogprobs,
} from './sampler.ts';
import {
  argmax,
  counts,
  entropy,
  f32,
  fromProbs,
  NO_CTX,
  randomLogits,
  ranking,
  softmax,
  sum,
  support,
} from './testing/sampler-helpers.ts';

describe('logSoftmax', () => {
  it('normalises, is shift-invariant and handles -Infinity', () => {
    const lp = logSoftmax([1, 2, 3]);
    expect(sum(Array.from(lp, Math.exp))).toBeCloseTo(1, 12);
    expect(lp[2] ?? 0).toBeCloseTo(3 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), 12);
    const shifted = logSoftmax([1001, 1002, 1003]);
    for (let i = 0; i < 3; i++) expect(shifted[i] ?? 0).toBeCloseTo(lp[i] ?? 0, 9);
    const withBan = logSoftmax([0, Number.NEGATIVE_INFINITY, 0]);
    expect(withBan[1]).toBe(Number.NEGATIVE_INFINITY);
    expect(withBan[0] ?? 0).toBeCloseTo(Math.log(0.5), 12);
  });
});

describe('greedy', () => {
  it('greedy and temperature 0 pick the argmax, whatever the rng', () => {
    const rng = new Rng(1);
    for (let n = 0; n < 200; n++) {
      const V = 2 + rng.int(120);
      const logits = randomLogits(rng, V);
      const want = argmax(logits);
      expect(sample(logits, { method: 'greedy' }, NO_CTX, new Rng(n)).token).toBe(want);
      expect(sample(logits, { temperature: 0 }, NO_CTX, new Rng(n)).token).toBe(want);
      expect(sample(logits, { temperature: 0, topP: 0.5, minP: 0.1 }, NO_CTX, new Rng(n)).token).toBe(want);
    }
  });

  it('greedy does not consume randomness', () => {
    const rng = new Rng(9);
    const before = rng.state;
    sample(f32([0, 1, 2]), { method: 'greedy' }, NO_CTX, rng);
    expect(rng.state).toEqual(before);
  });

  it('top-k 1 equals greedy for many random logit vectors and seeds', () => {
    const rng = new Rng(2);
    for (let n = 0; n < 200; n++) {
      const logits = randomLogits(rng, 97, 1 + rng.next() * 4);
      const want = argmax(logits);
      for (const seed of [n, n + 1000, n + 2000]) {
        expect(sample(logits, { topK: 1 }, NO_CTX, new Rng(seed)).token).toBe(want);
        expect(sample(logits, { topK: 1, temperature: 5 }, NO_CTX, new Rng(seed)).token).toBe(want);
      }
    }
  });

  it('greedy picks the argmax of the biased, penalised logits', () => {
    const logits = f32([5, 4, 3]);
    expect(sample(logits, { method: 'greedy', logitBias: new Map([[2, 3]]) }, NO_CTX, new Rng(1)).token).toBe(2);
    const ctx: PenaltyContext = { seen: new Set([0]), generated: new Map([[0, 1]]) };
    expect(sample(logits, { method: 'greedy', presencePenalty: 1.5 }, ctx, new Rng(1)).token).toBe(1);
  });
});

describe('sample()', () => {
  it('does not modify the logits it is given', () => {
    const logits = f32([0.5, -1, 2, 3]);
    const copy = Array.from(logits);
    const ctx: PenaltyContext = { seen: new Set([0, 1, 2]), generated: new Map([[2, 2]]) };
    sample(
      logits,
      { repetitionPenalty: 1.5, presencePenalty: 1, frequencyPenalty: 1, logitBias: new Map([[3, -100]]), topK: 2 },
      ctx,
      new Rng(1),
    );
    expect(Array.from(logits)).toEqual(copy);
  });

  it('is deterministic for a seed, and differs across seeds', () => {
    const logits = randomLogits(new Rng(3), 97, 1);
    const run = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 100 }, () => sample(logits, { temperature: 1.2, topP: 0.95 }, NO_CTX, rng).token);
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it('sampling frequencies at temperature 1 match the softmax probabilities (20k draws)', () => {
    const logits = f32([1.2, 0.3, -0.5, 2.0, 0.0, -2.0]);
    const probs = softmax(logits);
    const n = 20000;
    const c = counts(logits, {}, n, 123);
    for (let i = 0; i < logits.length; i++) {
      const p = probs[i] ?? 0;
      const sd = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs((c[i] ?? 0) / n - p)).toBeLessThan(5 * sd + 1e-3);
    }
  });

  it('sampling frequencies at temperature 0.5 match softmax(logits / 0.5)', () => {
    const logits = f32([1, 0.5, 0, -0.5]);
    const probs = softmax(Array.from(logits, (l) => l / 0.5));
    const n = 20000;
    const c = counts(logits, { temperature: 0.5 }, n, 321);
    for (let i = 0; i < logits.length; i++) {
      const p = probs[i] ?? 0;
      expect(Math.abs((c[i] ?? 0) / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n) + 1e-3);
    }
  });

  it('returns the log-softmax of the unprocessed logits for the chosen token', () => {
    const rng = new Rng(4);
    const ctx: PenaltyContext = { seen: new Set([1, 2, 3]), generated: new Map([[2, 3]]) };
    const params: SamplingParams[] = [
      {},
      { method: 'greedy' },
      { temperature: 0.3, topK: 5 },
      { temperature: 2, topP: 0.8, minP: 0.05 },
      { typicalP: 0.7, repetitionPenalty: 1.3, presencePenalty: 0.5, frequencyPenalty: 0.5 },
      { logitBias: new Map([[7, 100]]) }, // forces token 7, whose unprocessed logprob is still reported
    ];
    for (let n = 0; n < 30; n++) {
      const logits = randomLogits(rng, 20);
      const lp = logSoftmax(logits);
      for (const p of params) {
        const choice = sample(logits, p, ctx, new Rng(n));
        expect(choice.logprob).toBeCloseTo(lp[choice.token] ?? 0, 10);
        expect(choice.logprob).toBeLessThanOrEqual(0);
      }
    }
    const forced = sample(f32([5, 0, 0, 0, 0, 0, 0, -3]), { logitBias: new Map([[7, 100]]) }, NO_CTX, new Rng(1));
    expect(forced.token).toBe(7);
    expect(forced.logprob).toBeCloseTo(logSoftmax([5, 0, 0, 0, 0, 0, 0, -3])[7] ?? 0, 10);
  });

  it('never picks a token with zero filtered probability (-Infinity logits)', () => {
    const logits = f32([0, Number.NEGATIVE_INFINITY, 0, Number.NEGATIVE_INFINITY]);
    const c = counts(logits, { temperature: 3 }, 2000, 5);
    expect(c[1]).toBe(0);
    expect(c[3]).toBe(0);
    expect((c[0] ?? 0) + (c[2] ?? 0)).toBe(2000);
  });
});

describe('temperature', () => {
  it('filteredDistribution is softmax(logits / T), and higher temperature flattens it', () => {
    const logits = randomLogits(new Rng(12), 30, 2);
    let prevH = -1;
    for (const t of [0.1, 0.25, 0.5, 1, 2, 4, 10]) {
      const d = filteredDistribution(logits, { temperature: t });
      const want = softmax(Array.from(logits, (l) => l / t));
      for (let i = 0; i < logits.length; i++) expect(d[i] ?? 0).toBeCloseTo(want[i] ?? 0, 8);
      const h = entropy(d);
      expect(h).toBeGreaterThan(prevH);
      prevH = h;
    }
    expect(prevH).toBeLessThanOrEqual(Math.log(30) + 1e-9);
    expect(prevH).toBeGreaterThan(Math.log(30) - 0.1); // very hot ≈ uniform
  });
});

describe('processing order', () => {
  it('logit_bias runs before top-k (a biased token can enter the top-k set)', () => {
    const logits = f32([3, 2, 1, 0]);
    const c = counts(logits, { topK: 2, logitBias: new Map([[3, 2.5]]) }, 3000, 13);
    expect(c[1]).toBe(0); // pushed out of the top 2 by the biased token 3
    expect(c[2]).toBe(0);
    expect((c[3] ?? 0) / 3000).toBeCloseTo(1 / (1 + Math.exp(0.5)), 1); // 2.5 vs 3
    const unbiased = counts(logits, { topK: 2 }, 3000, 13);
    expect(unbiased[3]).toBe(0);
    expect(unbiased[1] ?? 0).toBeGreaterThan(0);
  });

  it('penalties run before temperature (subtracted from the raw logits, not the scaled ones)', () => {
    // raw [2, 1]; presence 1 on token 0 → [1, 1] → any temperature gives 50/50.
    // (temperature 0.5 first would give [4, 2] − 1 = [3, 2], i.e. 73/27.)
    const ctx: PenaltyContext = { seen: new Set(), generated: new Map([[0, 1]]) };
    const n = 10000;
    const c = counts(f32([2, 1]), { presencePenalty: 1, temperature: 0.5 }, n, 14, ctx);
    expect(Math.abs((c[0] ?? 0) / n - 0.5)).toBeLessThan(0.03);
  });

  it('temperature runs before min-p (min-p sees the tempered distribution)', () => {
    const logits = fromProbs([0.6, 0.3, 0.1]);
    // T = 1: 0.1 < 0.2 × 0.6 → dropped; T = 3: probs ∝ p^(1/3) → 0.843, 0.669, 0.464 → 0.464 ≥ 0.2 × 0.843 → kept
    expect(support(filteredDistribution(logits, { minP: 0.2 }))).toEqual([0, 1]);
    expect(support(filteredDistribution(logits, { minP: 0.2, temperature: 3 }))).toEqual([0, 1, 2]);
  });

  it('top-k runs before min-p and typical-p: nothing outside the top-k survives', () => {
    const logits = fromProbs([0.15, 0.4, 0.15, 0.15, 0.15]);
    const d = filteredDistribution(logits, { topK: 1, typicalP: 0.25, minP: 0.01 });
    expect(support(d)).toEqual([1]);
  });

  it('min-p runs before typical-p (typical sees the renormalised min-p set)', () => {
    // full: [0.4, 0.15×4] → typical 0.25 drops token 1. With min-p 0.5 first, only token 1 (0.4) survives
    // (0.15 < 0.2), and typical-p must then keep it.
    const logits = fromProbs([0.15, 0.4, 0.15, 0.15, 0.15]);
    expect(support(filteredDistribution(logits, { minP: 0.5, typicalP: 0.25 }))).toEqual([1]);
  });
});

describe('topLogprobs', () => {
  it('returns the n most likely tokens, sorted descending, with log-softmax values', () => {
    const logits = randomLogits(new Rng(15), 97, 2);
    const lp = logSoftmax(logits);
    const top = topLogprobs(logits, 5);
    expect(top.length).toBe(5);
    expect(top.map((t) => t.token)).toEqual(ranking(logits).slice(0, 5));
    for (let i = 0; i < top.length; i++) {
      const t = top[i] ?? { token: -1, logprob: 1 };
      expect(t.logprob).toBeCloseTo(lp[t.token] ?? 0, 12);
      expect(t.logprob).toBeLessThanOrEqual(0);
      if (i > 0) expect(t.logprob).toBeLessThanOrEqual(top[i - 1]?.logprob ?? 0);
    }
    expect(topLogprobs(logits, 0)).toEqual([]);
    expect(topLogprobs(logits, 200).length).toBe(97);
  });
});

describe('filter order: top-p applies to what top-k left', () => {
  it('renormalises after top-k before the top-p cut', () => {
    const logits = Float32Array.from([0.5, 0.3, 0.2], Math.log);
    const p = filteredDistribution(logits, { topK: 2, topP: 0.6 });
    expect(Array.from(p)).toEqual([1, 0, 0]);
  });
});
