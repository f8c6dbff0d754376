import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPERATURE, METHOD_DEFAULTS } from '../protocol/defaults.ts';
import { samplingSpec as toSamplingParams } from './job-builder.ts';

const V = 97;

describe('samplingSpec: defaults', () => {
  it('with nothing sent: sampling at temperature 0.7 and no filters', () => {
    expect(toSamplingParams({}, V)).toEqual({
      method: 'sample',
      temperature: DEFAULT_TEMPERATURE,
      topK: undefined,
      topP: undefined,
      minP: undefined,
      typicalP: undefined,
      repetitionPenalty: undefined,
      presencePenalty: undefined,
      frequencyPenalty: undefined,
      logitBias: undefined,
    });
    expect(DEFAULT_TEMPERATURE).toBe(0.7);
  });

  it('each sampling_method fills in its own filter default and no other', () => {
    expect(METHOD_DEFAULTS).toEqual({
      'top-k': { top_k: 50 },
      'top-p': { top_p: 0.9 },
      'min-p': { min_p: 0.05 },
      typical: { typical_p: 0.9 },
    });
    const k = toSamplingParams({ sampling_method: 'top-k' }, V);
    expect([k.topK, k.topP, k.minP, k.typicalP]).toEqual([50, undefined, undefined, undefined]);
    const p = toSamplingParams({ sampling_method: 'top-p' }, V);
    expect([p.topK, p.topP, p.minP, p.typicalP]).toEqual([undefined, 0.9, undefined, undefined]);
    const m = toSamplingParams({ sampling_method: 'min-p' }, V);
    expect([m.topK, m.topP, m.minP, m.typicalP]).toEqual([undefined, undefined, 0.05, undefined]);
    const t = toSamplingParams({ sampling_method: 'typical' }, V);
    expect([t.topK, t.topP, t.minP, t.typicalP]).toEqual([undefined, undefined, undefined, 0.9]);
  });

  it('greedy takes the argmax and fills in no filter', () => {
    const g = toSamplingParams({ sampling_method: 'greedy', temperature: 1.3 }, V);
    expect(g.method).toBe('greedy');
    expect([g.topK, g.topP, g.minP, g.typicalP]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('samplingSpec: precedence', () => {
  it("an explicit field overrides the method's default", () => {
    expect(toSamplingParams({ sampling_method: 'top-k', top_k: 7 }, V).topK).toBe(7);
    expect(toSamplingParams({ sampling_method: 'top-p', top_p: 0.5 }, V).topP).toBe(0.5);
    expect(toSamplingParams({ sampling_method: 'min-p', min_p: 0.2 }, V).minP).toBe(0.2);
    expect(toSamplingParams({ sampling_method: 'typical', typical_p: 0.3 }, V).typicalP).toBe(0.3);
  });

  it("explicit fields of other filters apply on top of the method's", () => {
    const r = toSamplingParams({ sampling_method: 'top-k', top_p: 0.8 }, V);
    expect([r.topK, r.topP]).toEqual([50, 0.8]);
  });

  it('without a method only the explicit fields apply', () => {
    const r = toSamplingParams({ top_p: 0.8, min_p: 0.1 }, V);
    expect([r.topK, r.topP, r.minP, r.typicalP]).toEqual([undefined, 0.8, 0.1, undefined]);
  });

  it('an explicit temperature 0 is kept (greedy in the sampler), and null means the default', () => {
    expect(toSamplingParams({ temperature: 0 }, V).temperature).toBe(0);
    expect(toSamplingParams({ temperature: null }, V).temperature).toBe(DEFAULT_TEMPERATURE);
    expect(toSamplingParams({ top_k: null, sampling_method: 'top-k' }, V).topK).toBe(50);
  });

  it('passes the penalties through and maps logit_bias keys to token ids', () => {
    const r = toSamplingParams(
      { repetition_penalty: 1.2, presence_penalty: 0.5, frequency_penalty: -0.5, logit_bias: { '0': -100, '96': 5 } },
      V,
    );
    expect([r.repetitionPenalty, r.presencePenalty, r.frequencyPenalty]).toEqual([1.2, 0.5, -0.5]);
    expect([...(r.logitBias ?? [])]).toEqual([
      [0, -100],
      [96, 5],
    ]);
  });

  it('refuses a logit_bias id outside the vocabulary, naming it', () => {
    expect(() => toSamplingParams({ logit_bias: { '97': 1 } }, V)).toThrow(/token id 97 is outside the vocabulary/);
  });
});
