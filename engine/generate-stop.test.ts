import { describe, expect, it } from 'vitest';
import { generate, type LogitProcessor } from './generate.ts';
import {
  argmax,
  CTX,
  checkConsistency,
  force,
  joined,
  model,
  NO_EOS,
  run,
  session,
} from './testing/generate-helpers.ts';
import { EOS_ID, encode, NEWLINE_ID } from './tokenizer.ts';

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
