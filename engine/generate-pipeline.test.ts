import { describe, expect, it } from 'vitest';
import { type LogitProcessor, SAMPLING_FILTERS, type SamplingFilter } from './generate.ts';
import { logSoftmaxCalls, type SamplingParams } from './sampler.ts';
import { maxAbsDiff, model, NO_EOS, only, run } from './testing/generate-helpers.ts';
import { EOS_ID, encode, tokenText } from './tokenizer.ts';

const id = (ch: string) => encode(ch)[0] ?? -1;

/** A processor that records (a copy of) the logits it is given at each step. */
function recordLogits(into: Float32Array[]): LogitProcessor {
  return (logits) => {
    into.push(Float32Array.from(logits));
  };
}

/** A filter that records (a copy of) the logits the filters are given at each step. */
function recordFilterInput(into: Float32Array[]): SamplingFilter {
  return {
    name: 'record',
    apply(s) {
      into.push(Float32Array.from(s.logits));
    },
  };
}

describe('step pipeline: order of the stages', () => {
  it("processors see the model's own logits, before logit_bias and penalties", async () => {
    const seen: Float32Array[] = [];
    const prompt = 'abc';
    const { tokens } = await run({
      prompt,
      maxTokens: 3,
      seed: 1,
      sampling: { logitBias: new Map([[id('z'), 100]]), presencePenalty: 2, repetitionPenalty: 1.5 },
      logitProcessors: [recordLogits(seen)],
    });
    let ids = encode(prompt);
    for (const [step, logits] of seen.entries()) {
      const fresh = model.newSession().feed(ids);
      expect(maxAbsDiff(logits, fresh)).toBeLessThanOrEqual(1e-5); // the +100 bias or penalties would show

      ids = [...ids, tokens[step]?.token ?? -1];
    }
    expect(seen.length).toBe(3);
  });

  it("a processor's -Infinity beats a +100 logit bias, greedy or sampled", async () => {
    const q = id('q');
    const banQ: LogitProcessor = (logits) => {
      logits[q] = Number.NEGATIVE_INFINITY;
    };
    const logitBias = new Map([
      [q, 100],
      [EOS_ID, -100],
    ]);
    for (const sampling of [{ method: 'greedy' }, { temperature: 2 }] as const) {
      const banned = await run({ prompt: 'abc', maxTokens: 20, seed: 1, sampling: { ...sampling, logitBias } });
      expect(banned.result.text).toBe('q'.repeat(20)); // the bias alone forces q…
      const { tokens } = await run({
        prompt: 'abc',
        maxTokens: 20,
        seed: 1,
        sampling: { ...sampling, logitBias },
        logitProcessors: [banQ],
      });
      expect(tokens.length).toBe(20);
      expect(tokens.some((t) => t.token === q)).toBe(false); // …but not past the processor's ban
    }
  });

  it('the filters see the processed logits plus logit_bias, then the penalties applied to the biased logits', async () => {
    const raw: Float32Array[] = [];
    const filtered: Float32Array[] = [];
    const a = id('a');
    const z = id('z');
    const sampling: SamplingParams = {
      temperature: 1,
      logitBias: new Map([
        [a, 3],
        [z, -2],
        [EOS_ID, -100],
      ]),
      repetitionPenalty: 1.7,
      presencePenalty: 0.3,
      frequencyPenalty: 0.2,
    };
    const halve: LogitProcessor = (logits) => {
      logits[z] = (logits[z] ?? 0) / 2;
    };
    const prompt = 'abc';
    const { tokens } = await run({
      prompt,
      maxTokens: 6,
      seed: 4,
      sampling,
      logitProcessors: [halve, recordLogits(raw)],
      filters: [recordFilterInput(filtered), ...SAMPLING_FILTERS],
    });
    expect(filtered.length).toBe(6);
    const seen = new Set(encode(prompt));
    const counts = new Map<number, number>();
    for (const [step, processed] of raw.entries()) {
      // by hand: bias, then the repetition penalty on the biased value, then presence/frequency
      const want = Float32Array.from(processed);
      for (const [t, b] of sampling.logitBias ?? []) want[t] = (want[t] ?? 0) + b;
      for (const t of seen) want[t] = (want[t] ?? 0) - Math.log(1.7);
      for (const [t, n] of counts) want[t] = (want[t] ?? 0) - 0.3 - 0.2 * n;
      expect(Array.from(filtered[step] ?? [])).toEqual(Array.from(want));
      const tok = tokens[step]?.token ?? -1;
      seen.add(tok);
      counts.set(tok, (counts.get(tok) ?? 0) + 1);
    }
  });

  it('the default registry runs temperature, top-k, top-p, min-p, typical-p in that order', () => {
    expect(SAMPLING_FILTERS.map((f) => f.name)).toEqual(['temperature', 'top-k', 'top-p', 'min-p', 'typical-p']);
  });

  it('filters apply in registry order, once per sampled step (none when greedy)', async () => {
    const calls: string[] = [];
    const rec = (name: string): SamplingFilter => ({ name, apply: () => calls.push(name) });
    const [temperature, ...rest] = SAMPLING_FILTERS;
    if (!temperature) throw new Error('no temperature filter');
    const filters = [rec('first'), temperature, rec('second'), ...rest, rec('last')];
    await run({ prompt: 'abc', maxTokens: 3, seed: 2, sampling: { logitBias: NO_EOS }, filters });
    expect(calls).toEqual(['first', 'second', 'last', 'first', 'second', 'last', 'first', 'second', 'last']);
    calls.length = 0;
    await run({ prompt: 'abc', maxTokens: 3, seed: 2, sampling: { method: 'greedy' }, filters });
    expect(calls).toEqual([]);
  });

  it('a registered custom filter changes what is drawn', async () => {
    const vowels = new Set(encode('aeiou'));
    const onlyVowels: SamplingFilter = {
      name: 'only-vowels',
      apply(s) {
        for (let i = 0; i < s.size; i++) if (!vowels.has(i)) s.keep[i] = 0;
        s.renorm();
      },
    };
    const o = { prompt: 'The', maxTokens: 30, seed: 3, sampling: { temperature: 1.5 } };
    const plain = await run(o);
    expect([...plain.result.text].every((c) => 'aeiou'.includes(c))).toBe(false);
    const { result } = await run({ ...o, filters: [...SAMPLING_FILTERS, onlyVowels] });
    expect(result.text.length).toBe(30);
    expect([...result.text].every((c) => 'aeiou'.includes(c))).toBe(true);
  });
});

describe('step pipeline: the model distribution is computed once per step', () => {
  const side = { name: 'lp', observe: (v: { logprobs: Float64Array; token: number }) => v.logprobs[v.token] };

  it('one log-softmax per greedy step, with logprobs, alternatives, processors and an observer', async () => {
    const before = logSoftmaxCalls();
    const { tokens } = await run({
      prompt: 'Once',
      maxTokens: 12,
      seed: 1,
      sampling: { method: 'greedy', logitBias: NO_EOS },
      topLogprobs: 5,
      logitProcessors: [() => {}],
      observers: [side],
    });
    expect(tokens.length).toBe(12);
    expect(logSoftmaxCalls() - before).toBe(12);
    for (const t of tokens) {
      expect(t.side?.lp).toBe(t.logprob);
      expect(t.top?.[0]?.logprob).toBe(t.logprob);
    }
  });

  it('two per sampled step: the model distribution and the tempered one the filters cut', async () => {
    const before = logSoftmaxCalls();
    await run({
      prompt: 'Once',
      maxTokens: 10,
      seed: 1,
      sampling: { temperature: 0.8, topP: 0.9, logitBias: NO_EOS },
      topLogprobs: 3,
    });
    expect(logSoftmaxCalls() - before).toBe(20);
  });

  it('the alternatives come from that one distribution, most likely first', async () => {
    const { tokens } = await run({ prompt: 'Once', maxTokens: 4, seed: 1, topLogprobs: 97 });
    for (const t of tokens) {
      const top = t.top ?? [];
      expect(top.length).toBe(97);
      expect(top.find((a) => a.token === t.token)?.logprob).toBe(t.logprob);
      for (let i = 1; i < top.length; i++) expect(top[i]?.logprob ?? 0).toBeLessThanOrEqual(top[i - 1]?.logprob ?? 0);
      for (const a of top) expect(a.text).toBe(tokenText(a.token));
    }
  });

  it('a step where a processor allows only end-of-text ends the generation, even at a high temperature', async () => {
    const eosAt2: LogitProcessor = (logits, { step }) => {
      if (step === 2) only(logits, EOS_ID);
      else logits[EOS_ID] = Number.NEGATIVE_INFINITY;
    };
    const { tokens, result } = await run({
      prompt: 'abc',
      maxTokens: 10,
      seed: 1,
      sampling: { temperature: 50, logitBias: new Map([[id('x'), 100]]) },
      logitProcessors: [eosAt2],
    });
    expect(tokens.length).toBe(2);
    expect(result.finishReason).toBe('stop');
    expect(result.completionTokens).toBe(3);
  });

  it('a step where a processor allows nothing at all also ends the generation', async () => {
    const none: LogitProcessor = (logits, { step }) => {
      if (step === 3) logits.fill(Number.NEGATIVE_INFINITY);
    };
    for (const sampling of [{ method: 'greedy' }, { temperature: 1 }] as const) {
      const { tokens, result } = await run({
        prompt: 'abc',
        maxTokens: 10,
        seed: 1,
        sampling: { ...sampling, logitBias: NO_EOS },
        logitProcessors: [none],
      });
      expect(tokens.length).toBe(3);
      expect(result.finishReason).toBe('stop');
    }
  });
});
