// A constraint inside generate(): the mask, force-close within max tokens, end-of-text only when accepting, and
// stop sequences that end the output only where it is already a complete match.
import { describe, expect, it } from 'vitest';
import type { LogitProcessorFn } from '../generate.ts';
import { checkConsistency, run } from '../testing/generate-helpers.ts';
import { encode } from '../tokenizer.ts';
import { ConstraintProcessor } from './matcher.ts';
import { compileRegex } from './regex/compile.ts';

/** Makes the model prefer `text` (cyclically) strongly, without forbidding anything (a constraint still decides). */
function prefer(text: string): LogitProcessorFn {
  const ids = encode(text);
  return (logits, { step }) => {
    const want = ids[step % ids.length] ?? 0;
    logits[want] = (logits[want] ?? 0) + 50;
  };
}

const constrained = (pattern: string) => {
  const c = compileRegex(pattern);
  return { c, p: new ConstraintProcessor(c.newMatcher()) };
};

describe('generate() under a constraint', () => {
  it('outputs from the random model are full matches for many seeds', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { c, p } = constrained('[A-Z][a-z]+ [0-9]{4}');
      const { tokens, result } = await run({ prompt: 'x', maxTokens: 30, seed, logitProcessors: [p] });
      expect(c.check(result.text)).toEqual({ valid: true });
      checkConsistency(tokens, result);
    }
  });

  it('force-close: a model that would write letters forever still closes the bracket within max tokens', async () => {
    for (const maxTokens of [3, 4, 10, 25]) {
      const { c, p } = constrained('\\([a-z]+\\)');
      const { result } = await run({
        prompt: 'x',
        maxTokens,
        seed: 1,
        sampling: { method: 'greedy' },
        logitProcessors: [prefer('(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'), p],
      });
      expect(result.text).toBe(`(${'a'.repeat(maxTokens - 2)})`);
      expect(c.check(result.text).valid).toBe(true);
    }
  });

  it('end-of-text only where the output is a complete match', async () => {
    const { p } = constrained('abc');
    const eosFirst: LogitProcessorFn = (logits) => {
      logits[96] = (logits[96] ?? 0) + 100;
    };
    const { result } = await run({ prompt: 'x', maxTokens: 10, seed: 1, logitProcessors: [eosFirst, p] });
    expect(result.text).toBe('abc');
    expect(result.finishReason).toBe('stop');
  });

  it('a stop sequence the regex allows inside the output ends generation only where the output is complete', async () => {
    const { c, p } = constrained('[a-z]+ END [a-z]+ ?');
    const { tokens, result } = await run({
      prompt: 'x',
      maxTokens: 40,
      seed: 1,
      sampling: { method: 'greedy' },
      stop: ['END'],
      logitProcessors: [prefer('abc END def END xyz'), p],
    });
    // the first END starts after "abc ", which is not a match: ordinary text; the second starts after "abc END def "
    expect(result.text).toBe('abc END def ');
    expect(result.finishReason).toBe('stop');
    expect(c.check(result.text).valid).toBe(true);
    checkConsistency(tokens, result);
  });
});
