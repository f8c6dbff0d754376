import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';
import {
  applyBiasAndPenalties,
  filteredDistribution,
  logSoftmax,
  type PenaltyContext,
  type SamplingParams,
  sample,
  topLogprobs,
} from './sampler.ts';

const NO_CTX: PenaltyContext = { seen: new Set(), generated: new Map() };

const f32 = (xs: readonly number[]) => Float32Array.from(xs);
/** Logits whose softmax is exactly (up to f32 rounding) the given distribution. */
const fromProbs = (ps: readonly number[]) => Float32Array.from(ps, (p) => Math.log(p));

function argmax(x: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if ((x[i] ?? 0) > (x[best] ?? 0)) best = i;
  return best;
}

function softmax(x: ArrayLike<number>): number[] {
  const arr = Array.from(x);
  const m = Math.max(...arr);
  const e = arr.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

function entropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i] ?? 0;
    if (v > 0) h -= v * Math.log(v);
  }
  return h;
}

/** Indices with non-zero probability, sorted. */
const support = (p: ArrayLike<number>) =>
  Array.from(p)
    .map((v, i) => [v, i] as const)
    .filter(([v]) => v > 0)
    .map(([, i]) => i);

const sum = (p: ArrayLike<number>) => Array.from(p).reduce((a, b) => a + b, 0);

function randomLogits(rng: Rng, V: number, scale = 3): Float32Array {
  return Float32Array.from({ length: V }, () => rng.normal() * scale);
}

/** Tokens sorted by descending logit. */
const ranking = (x: ArrayLike<number>) =>
  Array.from(x)
    .map((v, i) => [v, i] as const)
    .sort((a, b) => b[0] - a[0])
    .map(([, i]) => i);

function counts(logits: Float32Array, p: SamplingParams, n: number, seed: number, ctx = NO_CTX): number[] {
  const rng = new Rng(seed);
  const c = new Array<number>(logits.length).fill(0);
  for (let i = 0; i < n; i++) {
    const t = sample(logits, p, ctx, rng).token;
    c[t] = (c[t] ?? 0) + 1;
  }
  return c;
}

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

describe('top-k', () => {
  it('keeps only the k best tokens when sampling', () => {
    const rng = new Rng(6);
    for (let n = 0; n < 20; n++) {
      const logits = randomLogits(rng, 97, 1); // fairly flat, so the tail would be sampled without top-k
      const k = 1 + rng.int(10);
      const best = new Set(ranking(logits).slice(0, k));
      const c = counts(logits, { topK: k, temperature: 1.5 }, 400, n);
      c.forEach((cnt, tok) => {
        if (cnt > 0) expect(best.has(tok)).toBe(true);
      });
    }
  });

  it('filteredDistribution keeps exactly the k best, proportional to their softmax', () => {
    const logits = f32([0.1, 2, -1, 1.5, 0.7, 3]);
    const probs = softmax(logits);
    const d = filteredDistribution(logits, { topK: 3 });
    expect(support(d)).toEqual([1, 3, 5]);
    const z = (probs[1] ?? 0) + (probs[3] ?? 0) + (probs[5] ?? 0);
    for (const i of [1, 3, 5]) expect(d[i] ?? 0).toBeCloseTo((probs[i] ?? 0) / z, 6);
    expect(sum(d)).toBeCloseTo(1, 12);
    expect(support(filteredDistribution(logits, { topK: 0 }))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(support(filteredDistribution(logits, { topK: 100 }))).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('top-p', () => {
  // tokens, shuffled: 2 → 0.4, 0 → 0.3, 3 → 0.2, 1 → 0.1
  const logits = fromProbs([0.3, 0.1, 0.4, 0.2]);

  it('keeps the smallest most-likely prefix whose mass reaches p', () => {
    expect(support(filteredDistribution(logits, { topP: 0.2 }))).toEqual([2]);
    expect(support(filteredDistribution(logits, { topP: 0.35 }))).toEqual([2]);
    expect(support(filteredDistribution(logits, { topP: 0.45 }))).toEqual([0, 2]);
    expect(support(filteredDistribution(logits, { topP: 0.65 }))).toEqual([0, 2]);
    expect(support(filteredDistribution(logits, { topP: 0.75 }))).toEqual([0, 2, 3]);
    expect(support(filteredDistribution(logits, { topP: 0.95 }))).toEqual([0, 1, 2, 3]);
    expect(support(filteredDistribution(logits, { topP: 1 }))).toEqual([0, 1, 2, 3]);
  });

  it('renormalises the kept tokens', () => {
    const d = filteredDistribution(logits, { topP: 0.75 });
    expect(d[2] ?? 0).toBeCloseTo(0.4 / 0.9, 6);
    expect(d[0] ?? 0).toBeCloseTo(0.3 / 0.9, 6);
    expect(d[3] ?? 0).toBeCloseTo(0.2 / 0.9, 6);
    expect(d[1]).toBe(0);
    expect(sum(d)).toBeCloseTo(1, 12);
  });

  it('sampling with top-p never leaves the nucleus', () => {
    const c = counts(logits, { topP: 0.65 }, 3000, 8);
    expect(c[1]).toBe(0);
    expect(c[3]).toBe(0);
    expect((c[0] ?? 0) / 3000).toBeCloseTo(0.3 / 0.7, 1);
  });

  it('applied after top-k keeps a subset of the top-k set', () => {
    const d = filteredDistribution(fromProbs([0.05, 0.1, 0.15, 0.2, 0.5]), { topK: 2, topP: 0.99 });
    expect(support(d)).toEqual([3, 4]);
  });
});

describe('min-p', () => {
  const logits = fromProbs([0.1, 0.5, 0.25, 0.15]);

  it('drops tokens less likely than minP × the most likely one', () => {
    expect(support(filteredDistribution(logits, { minP: 0.1 }))).toEqual([0, 1, 2, 3]); // threshold 0.05
    expect(support(filteredDistribution(logits, { minP: 0.25 }))).toEqual([1, 2, 3]); // threshold 0.125
    expect(support(filteredDistribution(logits, { minP: 0.4 }))).toEqual([1, 2]); // threshold 0.2
    expect(support(filteredDistribution(logits, { minP: 0.6 }))).toEqual([1]); // threshold 0.3
    expect(support(filteredDistribution(logits, { minP: 1 }))).toEqual([1]);
  });

  it('renormalises what is left', () => {
    const d = filteredDistribution(logits, { minP: 0.4 });
    expect(d[1] ?? 0).toBeCloseTo(0.5 / 0.75, 6);
    expect(d[2] ?? 0).toBeCloseTo(0.25 / 0.75, 6);
  });

  it('is relative to the maximum, so it scales with temperature', () => {
    // T = 1: threshold 0.45 × 0.5 = 0.225 keeps 0.5 and 0.25.
    // T = 2: probabilities ∝ sqrt(p) → 0.316, 0.707, 0.5, 0.387; threshold 0.45 × 0.707 = 0.318 also keeps 0.387
    expect(support(filteredDistribution(logits, { minP: 0.45, temperature: 1 }))).toEqual([1, 2]);
    expect(support(filteredDistribution(logits, { minP: 0.45, temperature: 2 }))).toEqual([1, 2, 3]);
  });
});

describe('typical-p', () => {
  // H = -(0.4 ln 0.4 + 4 × 0.15 ln 0.15) ≈ 1.505; surprise of the 0.4 token ≈ 0.916 (|Δ| ≈ 0.59),
  // of each 0.15 token ≈ 1.897 (|Δ| ≈ 0.39): the less likely tokens are the typical ones.
  const logits = fromProbs([0.15, 0.4, 0.15, 0.15, 0.15]);

  it('keeps the tokens whose surprise is nearest the entropy, up to mass p', () => {
    const d = filteredDistribution(logits, { typicalP: 0.25 });
    const s = support(d);
    expect(s.length).toBe(2);
    expect(s).not.toContain(1); // the most likely token is not typical here
    expect(support(filteredDistribution(logits, { typicalP: 0.55 }))).toEqual([0, 2, 3, 4]);
    expect(support(filteredDistribution(logits, { typicalP: 0.95 }))).toEqual([0, 1, 2, 3, 4]);
    expect(support(filteredDistribution(logits, { typicalP: 1 }))).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps the most likely token when it is the typical one', () => {
    // H ≈ 1.228; surprise of 0.6 ≈ 0.51 (|Δ| ≈ 0.72), of 0.1 ≈ 2.30 (|Δ| ≈ 1.07)
    const d = filteredDistribution(fromProbs([0.1, 0.1, 0.6, 0.1, 0.1]), { typicalP: 0.5 });
    expect(support(d)).toEqual([2]);
    expect(d[2]).toBeCloseTo(1, 12);
  });

  it('sampling with typical-p never picks the atypical token', () => {
    const c = counts(logits, { typicalP: 0.55 }, 2000, 10);
    expect(c[1]).toBe(0);
  });
});

describe('logit bias', () => {
  it('-100 bans a token, +100 forces it, also when sampling', () => {
    const rng = new Rng(11);
    for (let n = 0; n < 30; n++) {
      const logits = randomLogits(rng, 97, 2);
      const top = argmax(logits);
      const target = (top + 1 + rng.int(96)) % 97;
      const ban = { logitBias: new Map([[top, -100]]) };
      expect(sample(logits, { ...ban, method: 'greedy' }, NO_CTX, new Rng(n)).token).not.toBe(top);
      expect(counts(logits, { ...ban, temperature: 1 }, 200, n)[top]).toBe(0);
      const force = { logitBias: new Map([[target, 100]]) };
      expect(sample(logits, { ...force, method: 'greedy' }, NO_CTX, new Rng(n)).token).toBe(target);
      expect(counts(logits, { ...force, temperature: 1 }, 200, n)[target]).toBe(200);
    }
  });

  it('ignores out-of-range ids', () => {
    const logits = f32([1, 2, 3]);
    applyBiasAndPenalties(
      logits,
      {
        logitBias: new Map([
          [-1, 5],
          [3, 5],
        ]),
      },
      NO_CTX,
    );
    expect(Array.from(logits)).toEqual([1, 2, 3]);
  });
});

describe('applyBiasAndPenalties', () => {
  it('repetition penalty divides positive and multiplies negative logits of seen tokens only', () => {
    const logits = f32([2, -2, 0, 3, -1]);
    applyBiasAndPenalties(logits, { repetitionPenalty: 2 }, { seen: new Set([0, 1, 2]), generated: new Map() });
    expect(Array.from(logits)).toEqual([1, -4, 0, 3, -1]);
  });

  it('repetition penalty 1 (or unset) is a no-op', () => {
    const logits = f32([2, -2, 0.5]);
    applyBiasAndPenalties(logits, { repetitionPenalty: 1 }, { seen: new Set([0, 1, 2]), generated: new Map() });
    applyBiasAndPenalties(logits, {}, { seen: new Set([0, 1, 2]), generated: new Map([[0, 4]]) });
    expect(Array.from(logits)).toEqual([2, -2, 0.5]);
  });

  it('presence and frequency penalties subtract pres + freq × count from generated tokens', () => {
    const logits = f32([1, 1, 1, 1]);
    const ctx: PenaltyContext = {
      seen: new Set([0, 1, 2, 3]), // seen (prompt) tokens are not affected by presence/frequency
      generated: new Map([
        [0, 1],
        [1, 3],
        [2, 0],
      ]),
    };
    applyBiasAndPenalties(logits, { presencePenalty: 0.5, frequencyPenalty: 0.25 }, ctx);
    expect(Array.from(logits)).toEqual([1 - 0.5 - 0.25, 1 - 0.5 - 0.75, 1, 1]);
  });

  it('negative presence/frequency penalties encourage repetition', () => {
    const logits = f32([0, 0]);
    applyBiasAndPenalties(
      logits,
      { presencePenalty: -1, frequencyPenalty: -0.5 },
      { seen: new Set(), generated: new Map([[1, 2]]) },
    );
    expect(Array.from(logits)).toEqual([0, 2]);
  });

  it('repetition penalty looks at seen tokens, presence/frequency at generated ones', () => {
    const logits = f32([4, 4]);
    const ctx: PenaltyContext = { seen: new Set([0]), generated: new Map([[1, 1]]) };
    applyBiasAndPenalties(logits, { repetitionPenalty: 2, presencePenalty: 1 }, ctx);
    expect(Array.from(logits)).toEqual([2, 3]);
  });

  it('applies logit_bias before the repetition penalty, and repetition before presence/frequency', () => {
    // bias then repetition: (1 + 1) / 2 = 1 (repetition then bias would give 1.5)
    const a = f32([1]);
    applyBiasAndPenalties(
      a,
      { logitBias: new Map([[0, 1]]), repetitionPenalty: 2 },
      { seen: new Set([0]), generated: new Map() },
    );
    expect(a[0]).toBe(1);
    // repetition then presence: 4 / 2 - 1 = 1 (presence then repetition would give 1.5)
    const b = f32([4]);
    applyBiasAndPenalties(
      b,
      { repetitionPenalty: 2, presencePenalty: 1 },
      { seen: new Set([0]), generated: new Map([[0, 1]]) },
    );
    expect(b[0]).toBe(1);
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
