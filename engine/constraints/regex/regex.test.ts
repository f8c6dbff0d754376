import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feed, randomWalk } from '../../testing/matcher-walk.ts';
import { EOS_ID, encode } from '../../tokenizer.ts';
import { hasToken } from '../vocab-set.ts';
import { compileRegex } from './compile.ts';
import { REGEX_FIXTURES } from './fixtures.ts';

const accepts = (pattern: string, s: string) => {
  const m = compileRegex(pattern).newMatcher();
  return feed(m, encode(s)) === -1 && m.accepting();
};

describe('regex matcher', () => {
  it('accepts each fixture string character by character, and rejects the others', () => {
    for (const f of REGEX_FIXTURES) {
      for (const s of f.yes) expect(accepts(f.pattern, s), `${f.pattern} ∋ ${JSON.stringify(s)}`).toBe(true);
      for (const s of f.no) expect(accepts(f.pattern, s), `${f.pattern} ∌ ${JSON.stringify(s)}`).toBe(false);
    }
  });

  it('end-of-text is allowed exactly when accepting; minCharsToAccept is 0 exactly then', () => {
    const c = compileRegex('[0-9]{2}(x[0-9])?');
    const m = c.newMatcher();
    expect(c.minChars).toBe(2);
    const steps = encode('12x3');
    const seen: [boolean, boolean, number][] = [];
    for (const t of [...steps, -1]) {
      seen.push([hasToken(m.allowed(), EOS_ID), m.accepting(), m.minCharsToAccept()]);
      if (t >= 0) m.advance(t);
    }
    expect(seen).toEqual([
      [false, false, 2],
      [false, false, 1],
      [true, true, 0],
      [false, false, 1],
      [true, true, 0],
    ]);
  });

  it('every random walk with force-close ends in a full match, within any budget ≥ the minimum', () => {
    for (const f of REGEX_FIXTURES) {
      const c = compileRegex(f.pattern);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 60 }), (seed, extra) => {
          const w = randomWalk(c.newMatcher(), c.minChars + extra, seed);
          expect(w.accepting).toBe(true);
          expect(c.check(w.text)).toEqual({ valid: true });
          expect(w.text.length).toBeLessThanOrEqual(c.minChars + extra);
          for (let i = 1; i < w.mins.length; i++)
            expect((w.mins[i] ?? 0) >= (w.mins[i - 1] ?? 0) - 1, 'min chars falls by at most one per char').toBe(true);
        }),
        { seed: 20261129, numRuns: 60 },
      );
    }
  });

  it('with a budget equal to the minimum only characters on a shortest path are allowed', () => {
    const c = compileRegex('a(bc|d)');
    const m = c.newMatcher();
    m.advance(encode('a')[0] ?? 0);
    expect(new Set(encode('bd').filter((t) => hasToken(m.allowed(), t))).size).toBe(2);
    const tight = m.allowed(1);
    expect(hasToken(tight, encode('d')[0] ?? 0)).toBe(true);
    expect(hasToken(tight, encode('b')[0] ?? 0)).toBe(false);
  });

  it('rewind goes back to an earlier position; clone is independent', () => {
    const m = compileRegex('abc|abd').newMatcher();
    feed(m, encode('ab'));
    const copy = m.clone();
    m.advance(encode('c')[0] ?? 0);
    expect(m.accepting()).toBe(true);
    expect(copy.accepting()).toBe(false);
    expect(m.acceptingAt(2)).toBe(false);
    expect(m.acceptingAt(3)).toBe(true);
    m.rewind(1);
    expect(m.length).toBe(1);
    expect(feed(m, encode('bd'))).toBe(-1);
    expect(m.accepting()).toBe(true);
  });

  it('anchors at the edges are fine; elsewhere, and lookarounds, boundaries and backreferences, are refused with the position', () => {
    expect(accepts('^ab$', 'ab')).toBe(true);
    expect(accepts('^a|b$', 'b')).toBe(true);
    const refused: [string, RegExp][] = [
      ['a^b', /anchor \^ is only supported at the very start or end.*position 2/],
      ['a(?=b)b', /lookarounds.*position 2/],
      ['a\\bb', /word boundaries/],
      ['(a)\\1', /backreferences/],
      ['(ab', /not a valid regular expression/],
      ['é+', /matches no string of the model's characters/],
    ];
    for (const [pattern, why] of refused) {
      expect(() => compileRegex(pattern), pattern).toThrow(why);
      try {
        compileRegex(pattern);
      } catch (e) {
        expect((e as { field: string }).field).toBe('regex_pattern');
      }
    }
  });

  it('blow-ups are refused by deterministic caps, named in the message', () => {
    expect(() => compileRegex('[a-z]{0,100000}')).toThrow(/bound of 100000.*cap repetitionBound/);
    expect(() => compileRegex('(a|b)*a(a|b){16}')).toThrow(/cap dfaStates/);
    expect(() => compileRegex(`${'('.repeat(5000)}a${')'.repeat(5000)}`)).toThrow(/cap nestingDepth/);
    // the catastrophic-backtracking classic is an ordinary small DFA
    expect(compileRegex('(a+)+b').stats.states).toBeLessThan(5);
  });
});
