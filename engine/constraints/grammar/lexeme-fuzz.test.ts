// Random small grammars over {a, b, c} mixing lexemes with literals, classes, groups, repetitions and rules: the
// Earley matcher and the naive check (which runs the lexemes' automata directly) must agree on every string up to
// length 4, minChars must be the shortest accepted length, budgeted masks must be exact, and random walks under
// a budget must end in outputs both accept.
// LEXEME_FUZZ_BATCHES=200 runs a longer hunt (each batch is 30 grammars).
import { describe, expect, it } from 'vitest';
import { EOS_ID, encode } from '../../tokenizer.ts';
import type { Lexeme } from '../lexeme.ts';
import { ConstraintError } from '../matcher.ts';
import { hasToken, tokensOf } from '../vocab-set.ts';
import { type CompiledGrammar, compileGrammarAst } from './compile.ts';
import { matcherAccepts, seeded } from './grammar-test-helpers.ts';
import { abStar, CountedClass, withLexemes, wordsLexeme } from './lexeme-test-helpers.ts';
import { astAccepts } from './naive-check.ts';

const ALPHABET = 'abc';

const LEXEMES: Readonly<Record<string, Lexeme>> = {
  P: new CountedClass('[ab]', 0, 2),
  Q: new CountedClass('[bc]', 1, 3),
  R: abStar(),
  W: wordsLexeme(['a', 'ca', 'bcb', 'cab']),
  E: new CountedClass('[\\t]', 1, 1), // no string at all
  Z: new CountedClass('[\\t]', 0, 1), // only the empty string
  C: new CountedClass('[abc]', 2, 2),
};
const NAMES = Object.keys(LEXEMES);

function randomGrammar(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const rules = ['root', 'r1', 'r2', 'r3'].slice(0, 1 + Math.floor(rand() * 4));
  const item = (depth: number): string => {
    const r = rand();
    if (r < 0.35) return pick(NAMES);
    if (r < 0.45) return `"${pick(['a', 'b', 'c', 'ab', ''])}"`;
    if (r < 0.5) return pick(['[ab]', '[^a]', '.']);
    if (r < 0.7) return pick(rules);
    if (r < 0.8 && depth < 2) return `(${alternatives(depth + 1)})`;
    const base = depth < 2 && rand() < 0.5 ? `(${alternatives(depth + 1)})` : pick(NAMES);
    return base + pick(['*', '+', '?', '{2}', '{0,2}', '{1,}']);
  };
  const sequence = (depth: number): string =>
    Array.from({ length: Math.floor(rand() * 4) }, () => item(depth)).join(' ');
  const alternatives = (depth: number): string =>
    Array.from({ length: 1 + Math.floor(rand() * 3) }, () => sequence(depth)).join(' | ');
  return rules.map((name) => `${name} ::= ${alternatives(0)}`).join('\n');
}

function allStrings(maxLength: number): string[] {
  const out = [''];
  for (let i = 0; i < out.length; i++) {
    const s = out[i] ?? '';
    if (s.length < maxLength) for (const c of ALPHABET) out.push(s + c);
  }
  return out;
}

describe('random grammars with lexemes: matcher ≡ naive check', () => {
  const strings = allStrings(4);
  const batches = Number(process.env.LEXEME_FUZZ_BATCHES ?? 3);
  for (let batch = 0; batch < batches; batch++) {
    it(`batch ${batch}`, () => {
      const rand = seeded(9090 + batch);
      let compiled = 0;
      for (let n = 0; n < 30; n++) {
        const source = randomGrammar(rand);
        const ast = withLexemes(source, LEXEMES);
        let g: CompiledGrammar;
        try {
          g = compileGrammarAst(ast);
        } catch (e) {
          expect(e, source).toBeInstanceOf(ConstraintError);
          const message = (e as Error).message;
          if (message.includes('root derives no string')) {
            for (const s of strings) expect(astAccepts(ast, s), `${source}\n${s}`).toBe(false);
          } else {
            expect(message, source).toMatch(/^grammar: rule '(r[0-9]|root)' never derives a finite string/);
          }
          continue;
        }
        compiled++;
        let shortest = -1;
        for (const s of strings) {
          const naive = astAccepts(g.ast, s);
          expect(matcherAccepts(g.newMatcher(), s), `${source}\n${JSON.stringify(s)}`).toBe(naive);
          if (naive && shortest < 0) shortest = s.length;
        }
        if (shortest >= 0) expect(g.minChars, source).toBe(shortest);
        else expect(g.minChars, source).toBeGreaterThan(4);
        // exact budgeted masks along a path
        const m = g.newMatcher();
        for (let step = 0; step < 6; step++) {
          const all = tokensOf(m.allowed()).filter((t) => t !== EOS_ID);
          for (const budget of [1, 2, 3, 5]) {
            const under = m.allowed(budget);
            for (const t of all) {
              const c = m.clone();
              expect(c.advance(t)).toBe(true);
              expect(hasToken(under, t), `${source}\nbudget ${budget}`).toBe(1 + c.minCharsToAccept() <= budget);
            }
          }
          const next = all.filter((t) => encode(ALPHABET).includes(t));
          if (next.length === 0) break;
          m.advance(next[Math.floor(rand() * next.length)] ?? 0);
        }
        // a walk under a budget ends accepting, and the naive check agrees
        for (const budget of [g.minChars + 1, g.minChars + 3, g.minChars + 25]) {
          const w = g.newMatcher();
          let out = '';
          for (let left = budget; left > 0; left--) {
            const options = tokensOf(w.allowed(left));
            const t = options[Math.floor(rand() * options.length)] ?? EOS_ID;
            if (t === EOS_ID) break;
            w.advance(t);
            out += String.fromCharCode(t === 0 ? 10 : t + 31);
          }
          expect(w.accepting(), `${source}\n${JSON.stringify(out)}`).toBe(true);
          expect(astAccepts(g.ast, out), `${source}\n${JSON.stringify(out)}`).toBe(true);
        }
      }
      expect(compiled).toBeGreaterThan(10);
    });
  }
});
