import { describe, expect, it } from 'vitest';
import type { ProcessorState, StatefulLogitProcessor } from './generate.ts';
import { checkConsistency, force, NO_EOS, only, run } from './testing/generate-helpers.ts';
import { EOS_ID, encode } from './tokenizer.ts';

/** A stateful processor that writes `text` by following the tokens it accepted, and logs what it is told. */
class Writer implements StatefulLogitProcessor {
  readonly ids: number[];
  readonly log: string[] = [];
  readonly states: { step: number; remaining: number; attempt: number; generated: number[] }[] = [];
  readonly accepted: number[] = [];
  stopAllowedAfter = 0;

  constructor(text: string) {
    this.ids = encode(text);
  }

  process(logits: Float32Array, s: ProcessorState): void {
    this.log.push(`process ${s.step}`);
    this.states.push({ step: s.step, remaining: s.remaining, attempt: s.attempt, generated: [...s.generated] });
    only(logits, this.ids[this.accepted.length % this.ids.length] ?? 0);
  }

  accept(token: number): void {
    this.log.push(`accept ${token}`);
    this.accepted.push(token);
  }

  rewind(toIndex: number): void {
    this.log.push(`rewind ${toIndex}`);
    this.accepted.length = toIndex;
  }

  canStop(): boolean {
    return this.accepted.length >= this.stopAllowedAfter;
  }
}

describe('stateful logit processors', () => {
  it('process sees the step, the remaining budget and the tokens so far; accept gets each drawn token', async () => {
    const w = new Writer('hello');
    const { tokens, result } = await run({ prompt: 'x', maxTokens: 7, seed: 1, logitProcessors: [w] });
    expect(result.text).toBe('hellohe');
    expect(w.accepted).toEqual(tokens.map((t) => t.token));
    expect(w.states.map((s) => s.step)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(w.states.map((s) => s.remaining)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(w.states.every((s) => s.attempt === 1)).toBe(true);
    w.states.forEach((s, i) => {
      expect(s.generated).toEqual(tokens.slice(0, i).map((t) => t.token));
    });
    expect(w.log.slice(0, 4)).toEqual([
      'process 0',
      `accept ${tokens[0]?.token}`,
      'process 1',
      `accept ${tokens[1]?.token}`,
    ]);
  });

  it('function and object processors run together, in the given order', async () => {
    const order: string[] = [];
    const fn = () => {
      order.push('fn');
    };
    const obj: StatefulLogitProcessor = { process: () => order.push('obj') };
    await run({ prompt: 'x', maxTokens: 2, seed: 1, logitProcessors: [obj, fn, force('ab')] });
    expect(order).toEqual(['obj', 'fn', 'obj', 'fn']);
  });

  it('accept is not called with end-of-text', async () => {
    const w = new Writer('ab');
    const eosAt3 = (logits: Float32Array, s: ProcessorState) => {
      if (s.step === 3) only(logits, EOS_ID);
    };
    const { result } = await run({ prompt: 'x', maxTokens: 10, seed: 1, logitProcessors: [w, eosAt3] });
    expect(result.text).toBe('aba');
    expect(result.finishReason).toBe('stop');
    expect(w.accepted).toEqual(encode('aba'));
  });

  it('while canStop() is false a stop sequence is ordinary text; the first one after it may stop', async () => {
    const text = 'one END two END three';
    const plain = await run({
      prompt: 'x',
      maxTokens: 40,
      seed: 1,
      stop: ['END'],
      logitProcessors: [new Writer(text)],
    });
    expect(plain.result.text).toBe('one ');

    const w = new Writer(text);
    w.stopAllowedAfter = 'one END t'.length;
    const { tokens, result } = await run({ prompt: 'x', maxTokens: 40, seed: 1, stop: ['END'], logitProcessors: [w] });
    expect(result.text).toBe('one END two ');
    expect(result.finishReason).toBe('stop');
    expect(result.completionTokens).toBe('one END two END'.length);
    checkConsistency(tokens, result);
  });

  it('a stop rejected by canStop() can still complete a longer or overlapping stop later', async () => {
    const w = new Writer('xabcx');
    w.stopAllowedAfter = 4; // 'ab' completes after 3 accepted tokens: refused; 'bc' after 4: allowed
    const { tokens, result } = await run({
      prompt: 'x',
      maxTokens: 20,
      seed: 1,
      stop: ['ab', 'bc'],
      logitProcessors: [w],
    });
    expect(result.text).toBe('xa');
    expect(result.finishReason).toBe('stop');
    checkConsistency(tokens, result);
  });

  it('a stop sequence ends generation at once when every processor can stop', async () => {
    const w = new Writer('one END two');
    const { result } = await run({
      prompt: 'x',
      maxTokens: 40,
      seed: 1,
      stop: ['END'],
      logitProcessors: [w, { process: () => {}, canStop: () => true }],
    });
    expect(result.text).toBe('one ');
  });

  it('remaining counts down to 1 even with sampling and bias (the budget is maxTokens - step)', async () => {
    const remaining: number[] = [];
    await run({
      prompt: 'abc',
      maxTokens: 5,
      seed: 3,
      sampling: { temperature: 1, logitBias: NO_EOS },
      logitProcessors: [(_l, s) => remaining.push(s.remaining)],
    });
    expect(remaining).toEqual([5, 4, 3, 2, 1]);
  });
});
