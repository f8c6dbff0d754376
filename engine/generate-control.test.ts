import { describe, expect, it } from 'vitest';
import {
  EngineInputError,
  type GeneratedToken,
  type GenerateOptions,
  GenerationControl,
  type LogitProcessor,
  type LogitProcessorFn,
  SAMPLING_FILTERS,
  type StatefulLogitProcessor,
  type StepObserver,
} from './generate.ts';
import type { Hooks } from './model.ts';
import { argmax, CTX, joined, model, NO_EOS, only, run } from './testing/generate-helpers.ts';
import { EOS_ID, encode } from './tokenizer.ts';

const C = model.cfg.dModel;
const steer: Hooks = {
  steering: [
    {
      hook: 'blocks.1.hook_resid_pre',
      vector: Float32Array.from({ length: C }, (_, i) => Math.sin(i + 1)),
      strength: 6,
    },
  ],
};

/** Forces the given ids, one per step. */
const forceIds =
  (ids: readonly number[]): LogitProcessorFn =>
  (logits, { step }) =>
    only(logits, ids[step] ?? 0);

/** Forces `text` cyclically, a different text per attempt. */
const byAttempt =
  (texts: readonly string[]): LogitProcessorFn =>
  (logits, { step, attempt }) => {
    const ids = encode(texts[attempt - 1] ?? '');
    only(logits, ids[step % ids.length] ?? 0);
  };

/** Records (a copy of) the logits processors see, per attempt. */
function spy(into: Map<number, Float32Array[]>): LogitProcessorFn {
  return (logits, { attempt }) => {
    const list = into.get(attempt) ?? [];
    list.push(Float32Array.from(logits));
    into.set(attempt, list);
  };
}

/** Rewinds once, to `to`, when the record `at` of the first attempt is yielded. */
function rewindAt(control: GenerationControl, at: number, to: number, hooks?: Hooks) {
  return (t: GeneratedToken) => {
    if (t.attempt === 1 && t.index === at) control.rewind(to, hooks ? { hooks } : undefined);
  };
}

describe('rewind', () => {
  it('continues exactly as a fresh generation from prompt + kept tokens (same logits), with attempt 2', async () => {
    const prompt = encode('The quick');
    const control = new GenerationControl();
    const logits = new Map<number, Float32Array[]>();
    const { tokens, result } = await run(
      {
        prompt,
        maxTokens: 20,
        seed: 5,
        sampling: { temperature: 1, logitBias: NO_EOS },
        logitProcessors: [spy(logits)],
        control,
      },
      undefined,
      rewindAt(control, 11, 6),
    );
    const first = tokens.filter((t) => t.attempt === 1);
    const second = tokens.filter((t) => t.attempt === 2);
    expect(first.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(second.map((t) => t.index)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    const kept = first.slice(0, 6);
    expect(result.text).toBe(joined([...kept, ...second]));
    expect(result.completionTokens).toBe(12 + 14);
    expect(result.attempts).toBe(2);
    expect(result.finishReason).toBe('length');
    expect(joined(second)).not.toBe(joined(first.slice(6))); // the PRNG is not rewound: a new attempt differs

    const fresh = new Map<number, Float32Array[]>();
    await run({
      prompt: [...prompt, ...kept.map((t) => t.token)],
      maxTokens: 14,
      seed: 1,
      logitProcessors: [spy(fresh), forceIds(second.map((t) => t.token))],
    });
    expect((logits.get(2) ?? []).map((l) => Array.from(l))).toEqual((fresh.get(1) ?? []).map((l) => Array.from(l)));
  });

  it('works across context-window shifts (kept history longer and shorter than the context)', async () => {
    const prompt = encode('Hello');
    for (const [at, to] of [
      [70, 60],
      [70, 20],
      [40, 0],
    ] as const) {
      const control = new GenerationControl();
      const logits = new Map<number, Float32Array[]>();
      const { tokens, result } = await run(
        {
          prompt,
          maxTokens: 80,
          seed: 9,
          sampling: { temperature: 1, logitBias: NO_EOS },
          logitProcessors: [spy(logits)],
          control,
        },
        undefined,
        rewindAt(control, at, to),
      );
      const kept = tokens.filter((t) => t.attempt === 1).slice(0, to);
      const second = tokens.filter((t) => t.attempt === 2);
      expect(second.length).toBe(80 - to);
      expect(result.text).toBe(joined([...kept, ...second]));
      const fresh = new Map<number, Float32Array[]>();
      const r = await run({
        prompt: [...prompt, ...kept.map((t) => t.token)],
        maxTokens: second.length,
        seed: 1,
        logitProcessors: [spy(fresh), forceIds(second.map((t) => t.token))],
      });
      expect(r.result.promptUsed).toBe(Math.min(prompt.length + to, CTX));
      expect((logits.get(2) ?? []).map((l) => Array.from(l))).toEqual((fresh.get(1) ?? []).map((l) => Array.from(l)));
    }
  });

  it('drops held-back records at or after the index and keeps earlier held ones (they can still complete a stop)', async () => {
    // attempt 1 writes 'zaa…': 'z' and the first 'a' are released while the second 'a' is held (it could start 'ab')
    const control = new GenerationControl();
    const o: GenerateOptions = {
      prompt: 'x',
      maxTokens: 5,
      seed: 1,
      stop: ['ab'],
      logitProcessors: [byAttempt(['zaaq', 'zaQ'])],
      control,
    };
    const lengths: number[] = [];
    const a = await run(o, undefined, (t) => {
      lengths.push(control.length);
      if (t.attempt === 1 && t.index === 1) control.rewind(2);
    });
    expect(lengths[1]).toBe(3); // when record 1 was yielded, token 2 had been drawn (and held back)
    expect(a.tokens.map((t) => [t.index, t.text, t.attempt])).toEqual([
      [0, 'z', 1],
      [1, 'a', 1],
      [2, 'Q', 2],
      [3, 'z', 2],
      [4, 'a', 2],
    ]);
    expect(a.result.text).toBe('zaQza');
    expect(a.result.completionTokens).toBe(3 + 3);

    const b = await run({ ...o, logitProcessors: [byAttempt(['zaaq', 'zabb'])] }, undefined, (t) => {
      if (t.attempt === 1 && t.index === 1) control.rewind(3); // keeps the held 'a' at index 2
    });
    expect(b.result.text).toBe('za'); // the kept 'a' + the new 'b' completed the stop sequence
    expect(b.result.finishReason).toBe('stop');
    expect(b.tokens.map((t) => t.index)).toEqual([0, 1]);
  });

  it('recomputes the penalty counts from the prompt and the kept tokens', async () => {
    const prompt = encode('abc');
    const sampling = { temperature: 1, repetitionPenalty: 1.3, presencePenalty: 0.25, frequencyPenalty: 0.5 };
    const raw = new Map<number, Float32Array[]>();
    const filtered: Float32Array[] = [];
    const control = new GenerationControl();
    const { tokens } = await run(
      {
        prompt,
        maxTokens: 12,
        seed: 3,
        sampling: { ...sampling, logitBias: NO_EOS },
        logitProcessors: [spy(raw)],
        filters: [
          { name: 'record', apply: (s) => void filtered.push(Float32Array.from(s.logits)) },
          ...SAMPLING_FILTERS,
        ],
        control,
      },
      undefined,
      rewindAt(control, 9, 4),
    );
    const kept = tokens.slice(0, 4).map((t) => t.token);
    const counts = new Map<number, number>();
    for (const t of kept) counts.set(t, (counts.get(t) ?? 0) + 1);
    const want = Float32Array.from(raw.get(2)?.[0] ?? []);
    want[EOS_ID] = (want[EOS_ID] ?? 0) - 100;
    for (const t of new Set([...prompt, ...kept])) {
      want[t] = (want[t] ?? 0) - Math.log(1.3);
    }
    for (const [t, n] of counts) want[t] = (want[t] ?? 0) - 0.25 - 0.5 * n;
    expect(Array.from(filtered[10] ?? [])).toEqual(Array.from(want)); // step 10 = the first after the rewind
  });

  it('tells stateful processors and observers, whose next step sees the kept prefix', async () => {
    const calls: string[] = [];
    const states: { step: number; remaining: number; attempt: number; generated: number[] }[] = [];
    const proc: StatefulLogitProcessor = {
      process: (_l, s) => void states.push({ ...s, generated: [...s.generated] }),
      rewind: (i) => void calls.push(`processor ${i}`),
    };
    const obs: StepObserver = { name: 'o', observe: () => undefined, rewind: (i) => void calls.push(`observer ${i}`) };
    const control = new GenerationControl();
    const { tokens } = await run(
      {
        prompt: 'abc',
        maxTokens: 10,
        seed: 2,
        sampling: { logitBias: NO_EOS },
        logitProcessors: [proc],
        observers: [obs],
        control,
      },
      undefined,
      rewindAt(control, 7, 3),
    );
    expect(calls).toEqual(['processor 3', 'observer 3']);
    const after = states[8];
    expect(after?.step).toBe(3);
    expect(after?.attempt).toBe(2);
    expect(after?.remaining).toBe(7);
    expect(after?.generated).toEqual(tokens.slice(0, 3).map((t) => t.token));
  });

  it('a rewind asked for while the last records are yielded goes on generating (after length, a stop, end-of-text)', async () => {
    const control = new GenerationControl();
    const len = await run(
      { prompt: 'x', maxTokens: 6, seed: 1, logitProcessors: [byAttempt(['abcdef', 'XYZ'])], control },
      undefined,
      rewindAt(control, 5, 3),
    );
    expect(len.result.text).toBe('abcXYZ');
    expect(len.result).toMatchObject({ finishReason: 'length', completionTokens: 9, attempts: 2 });

    // 'x' is held (it could start 'xabc') until 'ab' completes: the stop releases it as the last record
    const stop = await run(
      {
        prompt: 'x',
        maxTokens: 8,
        seed: 1,
        stop: ['ab', 'xabc'],
        logitProcessors: [byAttempt(['zxab', 'y'])],
        control,
      },
      undefined,
      rewindAt(control, 1, 1),
    );
    expect(stop.result.text).toBe('zyyyyyyy');
    expect(stop.result).toMatchObject({ finishReason: 'length', completionTokens: 4 + 7, attempts: 2 });
    expect(stop.tokens.map((t) => [t.index, t.attempt])).toEqual([
      [0, 1],
      [1, 1],
      ...[1, 2, 3, 4, 5, 6, 7].map((i) => [i, 2]),
    ]);

    // after a stop the history ends with the released records: rewinding to its length keeps them all
    const lengths: number[] = [];
    const keepAll = await run(
      {
        prompt: 'x',
        maxTokens: 8,
        seed: 1,
        stop: ['ab', 'xabc'],
        logitProcessors: [byAttempt(['zxab', 'y'])],
        control,
      },
      undefined,
      (t) => {
        if (t.attempt !== 1 || t.index !== 1) return;
        lengths.push(control.length);
        control.rewind(control.length);
      },
    );
    expect(lengths).toEqual([2]);
    expect(keepAll.result.text).toBe('zxyyyyyy');
    expect(keepAll.tokens.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);

    const eosAfter2: LogitProcessor = (logits, { step, attempt }) => {
      if (attempt === 1 && step === 2) only(logits, EOS_ID);
      else only(logits, encode('q')[0] ?? 0);
    };
    const eos = await run(
      { prompt: 'x', maxTokens: 4, seed: 1, stop: ['qz'], logitProcessors: [eosAfter2], control }, // 'q' is held
      undefined,
      rewindAt(control, 1, 1),
    );
    expect(eos.result.text).toBe('qqqq');
    expect(eos.result).toMatchObject({ finishReason: 'length', completionTokens: 3 + 3, attempts: 2 });
  });

  it('rewinding with hooks rebuilds the cache with them: the same as a fresh generation with those hooks', async () => {
    const prompt = encode('The quick');
    const greedy = { method: 'greedy', logitBias: NO_EOS } as const;
    const control = new GenerationControl();
    const { tokens } = await run(
      { prompt, maxTokens: 20, sampling: greedy, control },
      undefined,
      rewindAt(control, 9, 5, steer),
    );
    const kept = tokens.slice(0, 5).map((t) => t.token);
    const fresh = await run({ prompt: [...prompt, ...kept], maxTokens: 15, sampling: greedy, hooks: steer });
    const second = tokens.filter((t) => t.attempt === 2);
    expect(second.map((t) => t.token)).toEqual(fresh.tokens.map((t) => t.token));
    const plain = await run({ prompt: [...prompt, ...kept], maxTokens: 15, sampling: greedy });
    expect(second.map((t) => t.token)).not.toEqual(plain.tokens.map((t) => t.token)); // the steering mattered
  });

  it('reports its state and refuses bad requests with EngineInputError', async () => {
    const control = new GenerationControl();
    expect(control.running).toBe(false);
    expect(() => control.rewind(0)).toThrow(EngineInputError);
    expect(() => control.setHooks({})).toThrow(expect.objectContaining({ field: 'control' }));
    const errors: unknown[] = [];
    const states: [number, number][] = [];
    const { result } = await run(
      { prompt: 'abc', maxTokens: 6, seed: 1, sampling: { logitBias: NO_EOS }, control },
      undefined,
      (t) => {
        states.push([control.length, control.attempt]);
        if (t.index !== 2 || t.attempt !== 1) return;
        for (const bad of [-1, 1.5, 4, Number.NaN]) {
          try {
            control.rewind(bad);
          } catch (e) {
            errors.push(e);
          }
        }
        try {
          control.rewind(1, {
            hooks: { steering: [{ hook: 'blocks.0.hook_resid_pre', vector: new Float32Array(4), strength: 1 }] },
          });
        } catch (e) {
          errors.push(e);
        }
      },
    );
    expect(errors.map((e) => (e as EngineInputError).field)).toEqual([
      'rewind.toIndex',
      'rewind.toIndex',
      'rewind.toIndex',
      'rewind.toIndex',
      'rewind.hooks.steering[0].vector',
    ]);
    expect(errors.every((e) => e instanceof EngineInputError)).toBe(true);
    expect(result.attempts).toBe(1); // refused requests change nothing
    expect(states).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
      [5, 1],
      [6, 1],
    ]);
    expect(control.running).toBe(false);
  });
});

describe('setHooks mid-run', () => {
  const prompt = encode('The quick');

  /** Greedy by hand, feeding token by token; `hooksAfter(i)` = hooks to set once token i has been fed. */
  function byHand(n: number, hooksAfter: (i: number) => Hooks | undefined): number[] {
    const s = model.newSession();
    let logits = s.feed(prompt);
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      logits[EOS_ID] = (logits[EOS_ID] ?? 0) - 100;
      const tok = argmax(logits);
      out.push(tok);
      logits = s.feed([tok]);
      const h = hooksAfter(i);
      if (h) s.hooks = h;
    }
    return out;
  }

  it('steers from the next fed position: the record yielded last is fed with the old hooks', async () => {
    for (const observers of [[], [{ name: 'r', hooks: ['blocks.0.hook_resid_post'], observe: () => 0 }]]) {
      const control = new GenerationControl();
      const { tokens } = await run(
        { prompt, maxTokens: 16, sampling: { method: 'greedy', logitBias: NO_EOS }, observers, control },
        undefined,
        (t) => {
          if (t.index === 4) control.setHooks(steer); // steering for a range of tokens…
          if (t.index === 9) control.setHooks({}); // …and off again
        },
      );
      const want = byHand(16, (i) => (i === 4 ? steer : i === 9 ? {} : undefined));
      expect(tokens.map((t) => t.token)).toEqual(want);
      const plain = byHand(16, () => undefined);
      expect(want.slice(0, 6)).toEqual(plain.slice(0, 6)); // tokens 0..5 come from unsteered positions
      expect(want).not.toEqual(plain);
      expect(tokens.every((t) => t.attempt === 1)).toBe(true);
    }
  });
});
