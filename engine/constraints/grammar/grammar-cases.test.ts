import { describe, expect, it } from 'vitest';
import { compileGrammar } from './compile.ts';
import { GRAMMAR_FIXTURES } from './fixtures.ts';
import { inVocabulary, matcherAccepts } from './grammar-test-helpers.ts';
import { grammarAccepts } from './naive-check.ts';

describe('GBNF fixtures: the matcher and the naive check agree with the expected languages', () => {
  for (const f of GRAMMAR_FIXTURES) {
    it(f.name, () => {
      const g = compileGrammar(f.grammar);
      for (const text of f.yes) {
        expect(matcherAccepts(g.newMatcher(), text), `matcher should accept ${JSON.stringify(text)}`).toBe(true);
        expect(grammarAccepts(f.grammar, text), `naive check should accept ${JSON.stringify(text)}`).toBe(true);
        expect(text.length).toBeGreaterThanOrEqual(g.minChars);
      }
      for (const text of f.no) {
        if (inVocabulary(text)) {
          expect(matcherAccepts(g.newMatcher(), text), `matcher should reject ${JSON.stringify(text)}`).toBe(false);
        }
        expect(grammarAccepts(f.grammar, text), `naive check should reject ${JSON.stringify(text)}`).toBe(false);
      }
    });
  }

  it('minChars is the shortest accepted length', () => {
    const cases: [string, number][] = [
      ['root ::= "a"*', 0],
      ['root ::= [ab]{4,}', 4],
      ['root ::= ("0x" [A-F0-9]{2} " "?){3,5}', 12],
      ['root ::= "1. " m " " m\nm ::= "O-O" | [a-h] [1-8]', 8],
      ['root ::= "x" root | "yz"', 2],
      ['root ::= ("\\t" | "ab") "c"', 3],
    ];
    for (const [grammar, n] of cases) expect(compileGrammar(grammar).minChars, grammar).toBe(n);
  });

  it('llama.cpp test strings with characters outside the vocabulary can never be produced', () => {
    const grammar = 'root ::= ... "abc" ...';
    for (const text of ['🔵🟠✅abc❌🟠🔵', 'ééabcéé', 'a\tabcabc']) expect(grammarAccepts(grammar, text)).toBe(false);
  });

  it('compiles the llama.cpp "hang" grammar quickly', () => {
    const g = compileGrammar('root ::= (((((([^x]*){0,99}){0,99}){0,99}){0,99}){0,99}){0,99}');
    expect(g.minChars).toBe(0);
    const m = g.newMatcher();
    expect(m.accepting()).toBe(true);
  });
});
