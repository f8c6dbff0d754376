import { describe, expect, it } from 'vitest';
import { type GeneratedToken, type GenerateOptions, generate, generateText, type LogitProcessor } from './generate.ts';
import { GPT } from './model.ts';
import { logSoftmax } from './sampler.ts';
import { checkConsistency, force, joined, model, NO_EOS, run, session } from './testing/generate-helpers.ts';
import { randomWeights } from './testing/random-model.ts';
import { EOS_ID, encode, tokenText, VOCAB_SIZE } from './tokenizer.ts';

describe('generate: determinism', () => {
  it('same seed + same request → identical tokens and text', async () => {
    const o: GenerateOptions = { prompt: 'Once upon a time', maxTokens: 40, seed: 1234, sampling: { temperature: 1 } };
    const a = await run(o);
    const b = await run(o);
    expect(a.tokens.map((t) => t.token)).toEqual(b.tokens.map((t) => t.token));
    expect(a.tokens.map((t) => t.logprob)).toEqual(b.tokens.map((t) => t.logprob));
    expect(a.result).toEqual(b.result);
    checkConsistency(a.tokens, a.result);
    // and a fresh session gives the same output as a reused one
    const c = await run(o, model.newSession());
    expect(c.result.text).toBe(a.result.text);
  });

  it('different seeds give different outputs at temperature 1', async () => {
    const texts = new Set<string>();
    for (const seed of [1, 2, 3, 4]) {
      const { result } = await run({
        prompt: 'abc',
        maxTokens: 60,
        seed,
        sampling: { temperature: 1, logitBias: NO_EOS },
      });
      texts.add(result.text);
    }
    expect(texts.size).toBe(4);
  });

  it('greedy output does not depend on the seed', async () => {
    const a = await run({ prompt: 'xyz', maxTokens: 30, seed: 1, sampling: { method: 'greedy' } });
    const b = await run({ prompt: 'xyz', maxTokens: 30, seed: 999, sampling: { method: 'greedy' } });
    expect(a.result.text).toBe(b.result.text);
  });

  it('generateText returns the same result as iterating', async () => {
    const o: GenerateOptions = { prompt: 'Hello', maxTokens: 25, seed: 7 };
    const { result } = await run(o);
    expect(await generateText(model, session, o)).toEqual(result);
  });
});

describe('generate: length and end of text', () => {
  it('respects maxTokens with finishReason length', async () => {
    for (const maxTokens of [1, 5, 17]) {
      const { tokens, result } = await run({ prompt: 'The', maxTokens, seed: 3, sampling: { logitBias: NO_EOS } });
      expect(tokens.length).toBe(maxTokens);
      expect(result.completionTokens).toBe(maxTokens);
      expect(result.finishReason).toBe('length');
      expect(result.promptTokens).toBe(3);
      expect(result.promptUsed).toBe(3);
      checkConsistency(tokens, result);
    }
  });

  it('maxTokens 0 yields nothing', async () => {
    const { tokens, result } = await run({ prompt: 'The', maxTokens: 0, seed: 3 });
    expect(tokens).toEqual([]);
    expect(result.text).toBe('');
    expect(result.completionTokens).toBe(0);
  });

  it('stops with finishReason stop on end-of-text, which is not yielded', async () => {
    const eos: LogitProcessor = (logits, { step }) => {
      if (step === 4) logits.fill(Number.NEGATIVE_INFINITY).set([0], EOS_ID);
      else logits[EOS_ID] = Number.NEGATIVE_INFINITY;
    };
    const { tokens, result } = await run({ prompt: 'The', maxTokens: 50, seed: 3, logitProcessors: [eos] });
    expect(tokens.length).toBe(4);
    expect(result.finishReason).toBe('stop');
    expect(result.completionTokens).toBe(5); // the end-of-text token counts as generated
    checkConsistency(tokens, result);
  });
});

describe('generate: logit processors', () => {
  it('a processor that bans all but one token forces it, even at high temperature', async () => {
    const only = encode('q')[0] ?? 0;
    const ban: LogitProcessor = (logits) => {
      for (let i = 0; i < logits.length; i++) if (i !== only) logits[i] = Number.NEGATIVE_INFINITY;
    };
    const { tokens, result } = await run({
      prompt: 'abc',
      maxTokens: 20,
      seed: 5,
      sampling: { temperature: 5 },
      logitProcessors: [ban],
    });
    expect(result.text).toBe('q'.repeat(20));
    expect(tokens.every((t) => t.token === only)).toBe(true);
  });

  it('a forcing processor writes a fixed text', async () => {
    const { result } = await run({ prompt: '', maxTokens: 11, seed: 5, logitProcessors: [force('hello world')] });
    expect(result.text).toBe('hello world');
  });

  it('processors see the step and the tokens generated so far', async () => {
    const seen: { step: number; generated: number[] }[] = [];
    const spy: LogitProcessor = (_logits, st) => {
      seen.push({ step: st.step, generated: [...st.generated] });
    };
    const { tokens } = await run({ prompt: 'abc', maxTokens: 6, seed: 5, logitProcessors: [spy, force('abcdef')] });
    expect(seen.map((s) => s.step)).toEqual([0, 1, 2, 3, 4, 5]);
    seen.forEach((s, i) => {
      expect(s.generated).toEqual(tokens.slice(0, i).map((t) => t.token));
    });
  });

  it('processors do not modify the model logits seen by topLogprobs', async () => {
    const { tokens } = await run({
      prompt: 'abc',
      maxTokens: 3,
      seed: 5,
      topLogprobs: VOCAB_SIZE,
      logitProcessors: [force('zzz')],
    });
    for (const t of tokens) {
      // every token is still reported with a finite (unmasked) model logprob among the alternatives
      expect(t.top?.length).toBe(VOCAB_SIZE);
      expect(t.top?.every((a) => Number.isFinite(a.logprob))).toBe(true);
    }
  });
});

describe('generate: abort', () => {
  it('aborting after the k-th token stops with finishReason abort', async () => {
    for (const k of [1, 3, 10]) {
      const controller = new AbortController();
      const it = generate(model, session, {
        prompt: 'abc',
        maxTokens: 100,
        seed: 2,
        signal: controller.signal,
        sampling: { logitBias: NO_EOS },
      });
      const tokens: GeneratedToken[] = [];
      let after = 0;
      let r = await it.next();
      while (!r.done) {
        tokens.push(r.value);
        if (controller.signal.aborted) after++;
        if (tokens.length === k) controller.abort();
        r = await it.next();
      }
      expect(after).toBeLessThanOrEqual(1);
      expect(r.value.finishReason).toBe('abort');
      expect(tokens.length).toBeLessThanOrEqual(k + 1);
      expect(r.value.text).toBe(joined(tokens));
    }
  });

  it('a controller aborted before the start yields nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const { tokens, result } = await run({ prompt: 'abc', maxTokens: 20, seed: 2, signal: controller.signal });
    expect(tokens).toEqual([]);
    expect(result.finishReason).toBe('abort');
    expect(result.text).toBe('');
    expect(result.completionTokens).toBe(0);
  });

  it('sees an abort from a timer (it yields to the event loop)', async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30);
    const { tokens, result } = await run({
      prompt: 'abc',
      maxTokens: 1_000_000,
      seed: 2,
      signal: controller.signal,
      sampling: { logitBias: NO_EOS },
      yieldEveryMs: 5,
    });
    clearTimeout(timer);
    expect(result.finishReason).toBe('abort');
    expect(tokens.length).toBeLessThan(1_000_000);
  });
});

describe('generate: logprobs', () => {
  it('topLogprobs returns n alternatives, sorted descending, ≤ 0, including the greedy choice first', async () => {
    const n = 5;
    const { tokens } = await run({
      prompt: 'Once',
      maxTokens: 20,
      seed: 1,
      topLogprobs: n,
      sampling: { method: 'greedy' },
    });
    expect(tokens.length).toBeGreaterThan(0);
    for (const t of tokens) {
      const top = t.top ?? [];
      expect(top.length).toBe(n);
      for (let i = 0; i < top.length; i++) {
        const a = top[i] ?? { token: -1, text: '', logprob: 1 };
        expect(a.logprob).toBeLessThanOrEqual(0);
        expect(a.text).toBe(tokenText(a.token));
        if (i > 0) expect(a.logprob).toBeLessThanOrEqual(top[i - 1]?.logprob ?? 0);
      }
      expect(new Set(top.map((a) => a.token)).size).toBe(n);
      expect(top[0]?.token).toBe(t.token);
      expect(top[0]?.logprob ?? 0).toBeCloseTo(t.logprob, 6);
    }
  });

  it('without topLogprobs no alternatives are attached', async () => {
    const { tokens } = await run({ prompt: 'Once', maxTokens: 5, seed: 1 });
    expect(tokens.every((t) => t.top === undefined)).toBe(true);
  });

  it("each token's logprob is the model's log-softmax for it (checked against a fresh forward pass)", async () => {
    const prompt = 'Hello';
    const { tokens } = await run({ prompt, maxTokens: 10, seed: 3, sampling: { temperature: 0.7, topK: 10 } });
    let ctxIds = encode(prompt);
    for (const t of tokens) {
      const lp = logSoftmax(model.newSession().feed(ctxIds));
      expect(t.logprob).toBeCloseTo(lp[t.token] ?? 0, 4);
      ctxIds = [...ctxIds, t.token];
    }
  });
});

describe('logprobs under logit processors', () => {
  it('reports the model’s own logprob for a token a processor forced', async () => {
    const model = new GPT(randomWeights());
    const forceQ: LogitProcessor = (l) => {
      for (let i = 0; i < l.length; i++) if (i !== 82) l[i] = Number.NEGATIVE_INFINITY;
    };
    const it = generate(model, model.newSession(), {
      prompt: 'abc',
      maxTokens: 1,
      seed: 1,
      topLogprobs: VOCAB_SIZE,
      logitProcessors: [forceQ],
    });
    const first = await it.next();
    const tok = first.value as GeneratedToken;
    expect(tok.token).toBe(82);
    const inTop = tok.top?.find((t) => t.token === 82)?.logprob;
    expect(inTop).toBeLessThan(-0.01);
    expect(tok.logprob).toBeCloseTo(inTop ?? 0, 6);
  });
});
