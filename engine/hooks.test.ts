import { describe, expect, it } from 'vitest';
import { EngineInputError, type GenerateOptions, generate, validateGenerateOptions } from './generate.ts';
import { validateHooks } from './hooks.ts';
import type { Hooks } from './model.ts';
import { maxAbsDiff, model } from './testing/generate-helpers.ts';
import { TINY } from './testing/random-model.ts';
import { encode } from './tokenizer.ts';

const C = TINY.dModel;
const full = (x = 1) => Float32Array.from({ length: C }, (_, i) => x * Math.sin(i + 1));
const steering = (hook: string, vector: Float32Array, strength = 2): Hooks => ({
  steering: [{ hook, vector, strength }],
});

/** Starts a generation and returns what its first step threw (undefined if it yielded or finished). */
async function firstError(o: Partial<GenerateOptions>): Promise<unknown> {
  const it = generate(model, model.newSession(), { prompt: 'abc', maxTokens: 5, seed: 1, ...o });
  try {
    await it.next();
    return undefined;
  } catch (e) {
    return e;
  }
}

describe('hook validation at the start of a generation', () => {
  const cases: [string, Partial<GenerateOptions>, string, RegExp][] = [
    [
      'a misspelled steering hook',
      { hooks: steering('blocks.1.hook_resid_mid', full()) },
      'hooks.steering[0].hook',
      /unknown hook point "blocks\.1\.hook_resid_mid": expected blocks\.\{0\.\.1\}\.hook_resid_pre or hook_resid_post/,
    ],
    [
      'a steering hook past the last layer',
      { hooks: steering('blocks.2.hook_resid_pre', full()) },
      'hooks.steering[0].hook',
      /blocks\.\{0\.\.1\}/,
    ],
    [
      'a short steering vector',
      { hooks: steering('blocks.1.hook_resid_pre', new Float32Array(4)) },
      'hooks.steering[0].vector',
      /has 4 numbers: it must have exactly 32 \(the model width, dModel\)/,
    ],
    [
      'a long steering vector',
      { hooks: steering('blocks.1.hook_resid_pre', new Float32Array(C + 1)) },
      'hooks.steering[0].vector',
      /exactly 32/,
    ],
    [
      'a NaN in a steering vector',
      {
        hooks: steering(
          'blocks.1.hook_resid_pre',
          Float32Array.from(full(), (v, i) => (i === 7 ? Number.NaN : v)),
        ),
      },
      'hooks.steering[0].vector',
      /non-finite number \(NaN\) at 7/,
    ],
    [
      'an infinite strength',
      { hooks: steering('blocks.0.hook_resid_post', full(), Number.POSITIVE_INFINITY) },
      'hooks.steering[0].strength',
      /finite/,
    ],
    [
      'an unknown capture hook',
      { hooks: { capture: () => {}, captureAt: ['blocks.0.hook_resid_post', 'blocks.0.resid'] } },
      'hooks.captureAt[1]',
      /unknown hook point "blocks\.0\.resid"/,
    ],
    [
      'an unknown observer hook',
      { observers: [{ name: 'sae', hooks: ['blocks.7.hook_resid_post'], observe: () => 1 }] },
      'observers[0].hooks[0]',
      /unknown hook point/,
    ],
    [
      'a prompt token id outside the vocabulary',
      { prompt: [1, 2, 97] },
      'prompt[2]',
      /token id 97 is outside the vocabulary \(0\.\.96\)/,
    ],
    [
      'two observers with one name',
      {
        observers: [
          { name: 'sae', observe: () => 1 },
          { name: 'sae', observe: () => 2 },
        ],
      },
      'observers[1].name',
      /used twice/,
    ],
  ];

  for (const [what, o, field, message] of cases) {
    it(`refuses ${what} before generating anything (EngineInputError on ${field})`, async () => {
      const e = await firstError(o);
      expect(e).toBeInstanceOf(EngineInputError);
      expect(e).toBeInstanceOf(Error);
      expect((e as EngineInputError).field).toBe(field);
      expect((e as EngineInputError).message).toMatch(message);
      expect(() => validateGenerateOptions(model.cfg, { prompt: 'abc', maxTokens: 5, ...o })).toThrow(message);
    });
  }

  it('accepts valid hooks, and the second steering entry is named in the field', async () => {
    expect(await firstError({ hooks: steering('blocks.1.hook_resid_post', full()) })).toBeUndefined();
    const two: Hooks = {
      steering: [
        { hook: 'blocks.0.hook_resid_pre', vector: full(), strength: 1 },
        { hook: 'blocks.0.hook_resid_pre', vector: new Float32Array(3), strength: 1 },
      ],
    };
    expect(() => validateHooks(model.cfg, two)).toThrow(expect.objectContaining({ field: 'hooks.steering[1].vector' }));
  });

  it('a session refuses bad hooks when they are set', () => {
    const s = model.newSession();
    expect(() => {
      s.hooks = steering('blocks.1.hook_resid_pre', new Float32Array(4));
    }).toThrow(EngineInputError);
    expect(() => {
      s.hooks = steering('block.1.hook_resid_pre', full());
    }).toThrow(/unknown hook point/);
    expect(s.hooks).toEqual({});
  });
});

describe('runBlocks refuses a steering vector of the wrong length', () => {
  it('a 4-element zero vector throws instead of reusing stale scratch memory', () => {
    const toks = encode('The quick brown fox');
    const plain = model.newSession().feed(toks);
    // a full vector first leaves its numbers in the model's scratch row…
    const steered = model.newSession();
    steered.hooks = steering('blocks.1.hook_resid_pre', full(3));
    expect(maxAbsDiff(steered.feed(toks), plain)).toBeGreaterThan(1e-2);
    // …which a shorter vector (zeros: "no steering") would only partly overwrite
    const kv = model.newSession();
    kv.feed(toks);
    model.embed(toks, 0);
    const short = { steering: [{ hook: 'blocks.1.hook_resid_pre', vector: new Float32Array(4), strength: 2 }] };
    expect(() => model.runBlocks(kv.kv, toks.length, 0, 0, TINY.nLayer, short)).toThrow(
      expect.objectContaining({ field: 'hooks.steering[0].vector' }),
    );
    expect(() => model.runBlocks(kv.kv, toks.length, 0, 0, TINY.nLayer, short)).toThrow(/exactly 32/);
    // a zero vector of the right length is the identity
    const zero = model.newSession();
    zero.hooks = steering('blocks.1.hook_resid_pre', new Float32Array(C));
    expect(Array.from(zero.feed(toks))).toEqual(Array.from(plain));
  });
});
