// forbidden_terms: random walks alone and around a regex never produce a term; alone the mask is exact (a character
// is refused exactly when it would complete a term, overlapping terms included) and every prefix is complete.
import { describe, expect, it } from 'vitest';
import { EOS_ID, tokenText } from '../tokenizer.ts';
import { ForbiddenTermsMatcher, satisfiable, termAutomaton } from './forbidden.ts';
import { seeded } from './grammar/grammar-test-helpers.ts';
import type { Matcher } from './matcher.ts';
import { compileRegex } from './regex/compile.ts';
import { hasToken, tokensOf } from './vocab-set.ts';

/** The character token of a printable ASCII character. */
const tok = (ch: string) => ch.charCodeAt(0) - 31;

function walk(m: Matcher, budget: number, rand: () => number, alphabet?: RegExp): string {
  let out = '';
  for (let left = budget; ; left--) {
    const a = m.allowed(left);
    let toks = tokensOf(a);
    if (alphabet) toks = toks.filter((t) => t === EOS_ID || alphabet.test(tokenText(t)));
    if (toks.length === 0) return out;
    const t = hasToken(a, EOS_ID) && rand() < 0.02 ? EOS_ID : (toks[Math.floor(rand() * toks.length)] as number);
    if (t === EOS_ID) return out;
    expect(m.advance(t)).toBe(true);
    out += tokenText(t);
  }
}

describe('forbidden terms', () => {
  const terms = ['ab', 'bab', 'cc', 'Darcy'];
  const ac = termAutomaton(terms);

  it('alone: 200 seeded walks over a small alphabet never contain a term, and every prefix is complete', () => {
    const rand = seeded(11);
    for (let i = 0; i < 200; i++) {
      const m = new ForbiddenTermsMatcher(ac, undefined);
      const out = walk(m, 60, rand, /[abcDary]/);
      for (const t of terms) expect(out.includes(t), out).toBe(false);
      expect(m.accepting()).toBe(true);
      expect(m.minCharsToAccept()).toBe(0);
    }
  });

  it('alone: the mask refuses exactly the characters that complete a term', () => {
    const m = new ForbiddenTermsMatcher(ac, undefined);
    for (const ch of 'xba')
      expect(m.advance(tokensOf(new Uint32Array([0, 0, 0, 0])).length + ch.charCodeAt(0) - 31)).toBe(true);
    // after "xba": "b" would complete "ab" (and "bab"); "c" is fine
    const a = m.allowed();
    expect(hasToken(a, tok('b'))).toBe(false);
    expect(hasToken(a, tok('c'))).toBe(true);
    expect(hasToken(a, EOS_ID)).toBe(true);
    expect(m.advance(tok('b'))).toBe(false);
    m.rewind(1);
    expect(m.length).toBe(1);
    expect(m.clone().length).toBe(1);
  });

  it('around a regex: 200 seeded walks match the regex and never contain a term', () => {
    const regex = compileRegex('[a-d]{4,12}');
    const rand = seeded(12);
    let complete = 0;
    for (let i = 0; i < 200; i++) {
      const m = new ForbiddenTermsMatcher(ac, regex.newMatcher());
      const out = walk(m, 20, rand);
      for (const t of terms) expect(out.includes(t), out).toBe(false);
      if (regex.check(out).valid) complete++;
    }
    expect(complete).toBe(200);
  });

  it('terms outside the vocabulary can never appear and are dropped', () => {
    expect(termAutomaton(['café']).states).toBe(1);
  });

  it('satisfiable: found, proved impossible, or unknown when the search cap runs out', () => {
    const yesNo = compileRegex('(yes|no)');
    expect(satisfiable(new ForbiddenTermsMatcher(termAutomaton(['y']), yesNo.newMatcher()), 10)).toBe(true);
    expect(satisfiable(new ForbiddenTermsMatcher(termAutomaton(['y', 'n']), yesNo.newMatcher()), 10)).toBe(false);
    // within the budget only: "no" fits in 2 characters, "yes" needs 3
    expect(satisfiable(new ForbiddenTermsMatcher(termAutomaton(['n']), yesNo.newMatcher()), 2)).toBe(false);
    // an enormous space that never completes within the cap
    const huge = compileRegex('[a-z]{200}!');
    expect(satisfiable(new ForbiddenTermsMatcher(termAutomaton(['!']), huge.newMatcher()), 300)).toBeUndefined();
  });
});
