import { describe, expect, it } from 'vitest';
import {
  type GeneratedToken,
  type GenerateOptions,
  type GenerationResult,
  generate,
  generateText,
  type LogitProcessor,
} from './generate.ts';
import { GPT, type Session } from './model.ts';
import { logSoftmax } from './sampler.ts';
import { randomWeights, TINY } from './testing/random-model.ts';
import { EOS_ID, encode, NEWLINE_ID, tokenText, VOCAB_SIZE } from './tokenizer.ts';

const model = new GPT(randomWeights());
const session = model.newSession();
const CTX = TINY.ctx;
/** Bans end-of-text so that a run lasts exactly maxTokens (logit_bias leaves the reported logprobs unprocessed). */
const NO_EOS = new Map([[EOS_ID, -100]]);

async function run(
  o: GenerateOptions,
  s: Session = session,
): Promise<{ tokens: GeneratedToken[]; result: GenerationResult }> {
  const it = generate(model, s, o);
  const tokens: GeneratedToken[] = [];
  let r = await it.next();
  while (!r.done) {
    tokens.push(r.value);
    r = await it.next();
  }
  return { tokens, result: r.value };
}

const joined = (tokens: readonly GeneratedToken[]) => tokens.map((t) => t.text).join('');

/** A processor that makes the model write `text` (cyclically) by masking every other token with -Infinity. */
function force(text: string): LogitProcessor {
  const ids = encode(text);
  return (logits, { step }) => {
    const want = ids[step % ids.length] ?? 0;
    for (let i = 0; i < logits.length; i++) if (i !== want) logits[i] = Number.NEGATIVE_INFINITY;
  };
}

function argmax(x: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if ((x[i] ?? 0) > (x[best] ?? 0)) best = i;
  return best;
}

/** Checks what every run must satisfy: sequential indices, text concatenation, counts. */
function checkConsistency(tokens: readonly GeneratedToken[], result: GenerationResult): void {
  expect(tokens.map((t) => t.index)).toEqual(tokens.map((_, i) => i));
  expect(joined(tokens)).toBe(result.text);
  for (const t of tokens) {
    expect(t.text).toBe(tokenText(t.token));
    expect(t.token).not.toBe(EOS_ID);
    expect(t.logprob).toBeLessThanOrEqual(0);
    expect(Number.isFinite(t.logprob)).toBe(true);
  }
  expect(result.completionTokens).toBeGreaterThanOrEqual(tokens.length);
}

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

describe('generate: stop sequences', () => {
  it('stops before the stop string; the output never contains it', async () => {
    const { tokens, result } = await run({
      prompt: 'x',
      maxTokens: 50,
      seed: 1,
      stop: ['wor'],
      logitProcessors: [force('hello world')],
    });
    expect(result.text).toBe('hello ');
    expect(result.finishReason).toBe('stop');
    expect(result.text).not.toContain('wor');
    expect(result.completionTokens).toBe(9); // 'hello wor' was generated
    checkConsistency(tokens, result);
  });

  it('the earliest stop in the text wins when several complete at once', async () => {
    const { result } = await run({
      prompt: 'x',
      maxTokens: 50,
      seed: 1,
      stop: ['lo', 'llo'],
      logitProcessors: [force('hello world')],
    });
    expect(result.text).toBe('he');
    expect(result.finishReason).toBe('stop');
  });

  it('the first stop to complete ends generation', async () => {
    const { result } = await run({
      prompt: 'x',
      maxTokens: 50,
      seed: 1,
      stop: ['world', 'll'],
      logitProcessors: [force('hello world')],
    });
    expect(result.text).toBe('he');
  });

  it('a stop spanning held-back characters is removed entirely', async () => {
    const { tokens, result } = await run({
      prompt: 'x',
      maxTokens: 50,
      seed: 1,
      stop: ['b!a'],
      logitProcessors: [force('ab!')],
    });
    expect(result.text).toBe('a');
    expect(joined(tokens)).toBe('a');
  });

  it('releases held-back partial matches when the stop does not complete', async () => {
    const { tokens, result } = await run({
      prompt: 'x',
      maxTokens: 8,
      seed: 1,
      stop: ['abz'],
      logitProcessors: [force('ab!')],
    });
    expect(result.text).toBe('ab!ab!ab');
    expect(result.finishReason).toBe('length');
    expect(joined(tokens)).toBe('ab!ab!ab'); // the trailing 'ab' (a possible 'abz' prefix) is flushed at the end
    expect(tokens.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    checkConsistency(tokens, result);
  });

  it('holds back a possible stop prefix until it is resolved, then releases it', async () => {
    let calls = 0;
    const counter: LogitProcessor = () => {
      calls++;
    };
    const gen = generate(model, session, {
      prompt: 'x',
      maxTokens: 7,
      seed: 1,
      stop: ['abz'],
      logitProcessors: [force('ab!'), counter],
    });
    const steps: number[] = [];
    let r = await gen.next();
    while (!r.done) {
      steps.push(calls); // how many steps had run when each token was yielded
      r = await gen.next();
    }
    // 'a' and 'b' reach the consumer only once '!' (step 3) shows the stop cannot complete; the final 'a'
    // (step 7) is held to the end and flushed
    expect(steps).toEqual([3, 3, 3, 6, 6, 6, 7]);
    expect(r.value.text).toBe('ab!ab!a');
  });

  it('releases held-back text when end-of-text arrives', async () => {
    const p: LogitProcessor = (logits, { step }) => {
      const want = step < 2 ? (encode('ab')[step] ?? 0) : EOS_ID;
      for (let i = 0; i < logits.length; i++) if (i !== want) logits[i] = Number.NEGATIVE_INFINITY;
    };
    const { tokens, result } = await run({ prompt: 'x', maxTokens: 10, seed: 1, stop: ['abc'], logitProcessors: [p] });
    expect(result.text).toBe('ab');
    expect(result.finishReason).toBe('stop');
    expect(joined(tokens)).toBe('ab');
  });

  it('ignores empty stop strings', async () => {
    const { result } = await run({ prompt: 'x', maxTokens: 5, seed: 1, stop: [''], logitProcessors: [force('hello')] });
    expect(result.text).toBe('hello');
    expect(result.finishReason).toBe('length');
  });

  it('a stop sequence at the very start yields nothing', async () => {
    const { tokens, result } = await run({
      prompt: 'x',
      maxTokens: 10,
      seed: 1,
      stop: ['he'],
      logitProcessors: [force('hello')],
    });
    expect(tokens).toEqual([]);
    expect(result.text).toBe('');
    expect(result.finishReason).toBe('stop');
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

describe('generate: context handling', () => {
  it('a prompt longer than the context keeps its most recent characters', async () => {
    const prompt = Array.from({ length: 100 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    const s = model.newSession();
    const { result } = await run({ prompt, maxTokens: 1, seed: 9 }, s);
    expect(result.promptTokens).toBe(100);
    expect(result.promptUsed).toBe(CTX);
    expect([...s.tokens]).toEqual(encode(prompt).slice(-CTX));
    // same as giving only the tail
    const long = await run({ prompt, maxTokens: 20, seed: 9 });
    const tail = await run({ prompt: prompt.slice(-CTX), maxTokens: 20, seed: 9 });
    expect(long.result.text).toBe(tail.result.text);
  });

  it('accepts the prompt as token ids', async () => {
    const a = await run({ prompt: 'hello there', maxTokens: 15, seed: 4 });
    const b = await run({ prompt: encode('hello there'), maxTokens: 15, seed: 4 });
    expect(b.result).toEqual(a.result);
  });

  it('generates past the window (3 × ctx) without throwing, re-prefilling the newest half', async () => {
    for (const prompt of ['short', 'x'.repeat(CTX), 'y'.repeat(CTX - 1)]) {
      const s = model.newSession();
      const { tokens, result } = await run({ prompt, maxTokens: 3 * CTX, seed: 6, sampling: { logitBias: NO_EOS } }, s);
      expect(tokens.length).toBe(3 * CTX);
      expect(result.finishReason).toBe('length');
      expect(s.length).toBeLessThanOrEqual(CTX);
      checkConsistency(tokens, result);
    }
  });

  it('greedy output past the window matches a step-by-step reference of the documented policy', async () => {
    const prompt = 'The quick brown fox';
    const maxTokens = 3 * CTX;
    const { tokens } = await run({ prompt, maxTokens, seed: 1, sampling: { method: 'greedy', logitBias: NO_EOS } });
    // reference: a full prefill of the current window from a fresh session at every step
    let window = encode(prompt);
    const want: number[] = [];
    for (let step = 0; step < maxTokens; step++) {
      const logits = model.newSession().feed(window);
      logits[EOS_ID] = (logits[EOS_ID] ?? 0) - 100;
      const tok = argmax(logits);
      want.push(tok);
      window = window.length >= CTX ? [...window.slice(window.length - CTX / 2), tok] : [...window, tok];
    }
    expect(tokens.map((t) => t.token)).toEqual(want);
  });

  it('an empty prompt works (a newline stands in for it)', async () => {
    const { tokens, result } = await run({ prompt: '', maxTokens: 10, seed: 8, sampling: { logitBias: NO_EOS } });
    expect(tokens.length).toBe(10);
    expect(result.promptTokens).toBe(0);
    checkConsistency(tokens, result);
    const nl = await run({ prompt: [NEWLINE_ID], maxTokens: 10, seed: 8, sampling: { logitBias: NO_EOS } });
    expect(result.text).toBe(nl.result.text);
    const emptyIds = await run({ prompt: [], maxTokens: 10, seed: 8, sampling: { logitBias: NO_EOS } });
    expect(emptyIds.result.text).toBe(result.text);
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
