// Soundness by random walks: drawing uniformly among the allowed tokens under a budget always ends in a complete
// match within the budget, and the independent naive check agrees with every output.
import { describe, expect, it } from 'vitest';
import { EOS_ID, tokenText } from '../../tokenizer.ts';
import type { Matcher } from '../matcher.ts';
import { hasToken, tokensOf } from '../vocab-set.ts';
import { compileGrammar } from './compile.ts';
import { GRAMMAR_FIXTURES } from './fixtures.ts';
import { seeded } from './grammar-test-helpers.ts';
import { astAccepts } from './naive-check.ts';

const EXTRA = [
  'root ::= "x" root | "y"',
  'root ::= [a-c]{0,30} "!"',
  'root ::= ("(" root ")")* | "."',
  'root ::= s\ns ::= s s | "a" | "(" s ")" | ',
  // sets larger than the directly searched size: completions go through the per-set index
  `root ::= w (" " w)* | "[" w "]"\nw ::= ${Array.from({ length: 60 }, (_, i) => `"w${i}" w?`).join(' | ')}`,
];

/** Every character allowed under `budget` keeps acceptance within budget - 1, and every other one does not. */
function checkMaskExact(m: Matcher, budget: number): void {
  const all = m.allowed();
  const under = tokensOf(m.allowed(budget));
  for (const t of tokensOf(all)) {
    if (t === EOS_ID) continue;
    const c = m.clone();
    expect(c.advance(t)).toBe(true);
    const fits = 1 + c.minCharsToAccept() <= budget;
    expect(under.includes(t), `token ${JSON.stringify(tokenText(t))} under budget ${budget}`).toBe(fits);
  }
  for (const t of under) expect(hasToken(all, t)).toBe(true);
}

describe('random walks under a budget', () => {
  const sources = [...GRAMMAR_FIXTURES.map((f) => f.grammar), ...EXTRA];
  sources.forEach((source, index) => {
    it(`grammar ${index}: ${JSON.stringify(source.trim().slice(0, 40))}`, () => {
      const g = compileGrammar(source);
      const rand = seeded(1000 + index);
      const first = g.newMatcher();
      expect(first.minCharsToAccept()).toBe(g.minChars);
      const budgets = [g.minChars, g.minChars + 1, 5, 8, 13, 20, 40, 80].filter((b) => b >= g.minChars && b > 0);
      for (let walk = 0; walk < 16; walk++) {
        const budget = budgets[walk % budgets.length] ?? 1;
        const m = g.newMatcher();
        let remaining = budget;
        let out = '';
        let prev = m.minCharsToAccept();
        for (;;) {
          if (walk < 2) checkMaskExact(m, remaining);
          const tokens = tokensOf(m.allowed(remaining));
          expect(tokens.length, `nothing allowed after ${JSON.stringify(out)}`).toBeGreaterThan(0);
          expect(hasToken(m.allowed(remaining), EOS_ID)).toBe(m.accepting());
          const t = tokens[Math.floor(rand() * tokens.length)] ?? EOS_ID;
          if (t === EOS_ID) break;
          expect(m.advance(t)).toBe(true);
          out += tokenText(t);
          remaining--;
          const now = m.minCharsToAccept();
          expect(now).toBeGreaterThanOrEqual(prev - 1);
          expect(now).toBeLessThanOrEqual(remaining);
          expect(now === 0).toBe(m.accepting());
          prev = now;
          if (remaining === 0) break;
        }
        expect(out.length).toBeLessThanOrEqual(budget);
        expect(m.accepting(), JSON.stringify(out)).toBe(true);
        expect(m.acceptingAt(out.length)).toBe(true);
        expect(astAccepts(g.ast, out), `naive check of ${JSON.stringify(out)}`).toBe(true);
      }
    });
  });
});
