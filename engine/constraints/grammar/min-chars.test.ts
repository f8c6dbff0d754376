// minCharsToAccept and the unbudgeted mask against brute force: the shortest completion found by trying every
// string over a small alphabet with the independent naive check.
import { describe, expect, it } from 'vitest';
import { EOS_ID, encode } from '../../tokenizer.ts';
import { tokensOf } from '../vocab-set.ts';
import { compileGrammar } from './compile.ts';
import { seeded } from './grammar-test-helpers.ts';
import { astAccepts } from './naive-check.ts';

const CASES: { grammar: string; alphabet: string; depth: number }[] = [
  { grammar: 'root ::= [ab]{4}', alphabet: 'abc', depth: 5 },
  { grammar: 'root ::= ("ab" | "c"){2,3} ("-" | )', alphabet: 'abc-', depth: 5 },
  { grammar: 'root ::= "a" | root "a"', alphabet: 'ab', depth: 4 },
  { grammar: 'root ::= asdf\nasdf ::= "a" | foo "b"\nfoo ::= "c" | asdf "d" | "e"', alphabet: 'abcde', depth: 4 },
  { grammar: 'root ::= e e e "|" opt "z" opt\ne ::= | "e"\nopt ::= "o"*', alphabet: 'eoz|', depth: 4 },
  { grammar: 'root ::= "x" root "y" | "xy" | "(" root* ")"', alphabet: 'xy()', depth: 5 },
  { grammar: 'root ::= s\ns ::= s s | "a" | "(" s ")" | ', alphabet: 'a()', depth: 5 },
];

/** Shortest suffix (over `alphabet`, up to `depth` characters) completing `prefix`, by brute force; -1 if none. */
function shortestCompletion(accepts: (t: string) => boolean, prefix: string, alphabet: string, depth: number): number {
  let layer = [prefix];
  for (let n = 0; n <= depth; n++) {
    if (layer.some(accepts)) return n;
    layer = layer.flatMap((p) => [...alphabet].map((c) => p + c));
  }
  return -1;
}

describe('minCharsToAccept and allowed() against brute force', () => {
  for (const { grammar, alphabet, depth } of CASES) {
    it(JSON.stringify(grammar), () => {
      const g = compileGrammar(grammar);
      const accepts = (t: string) => astAccepts(g.ast, t);
      const rand = seeded(grammar.length);
      for (let walk = 0; walk < 4; walk++) {
        const m = g.newMatcher();
        let text = '';
        for (let step = 0; step < 6; step++) {
          const brute = shortestCompletion(accepts, text, alphabet, depth);
          if (brute >= 0) expect(m.minCharsToAccept(), JSON.stringify(text)).toBe(brute);
          else expect(m.minCharsToAccept()).toBeGreaterThan(depth);
          // a character of the alphabet is allowed iff some completion follows it
          const allowed = tokensOf(m.allowed()).filter((t) => t !== EOS_ID);
          for (const c of alphabet) {
            const ok = shortestCompletion(accepts, text + c, alphabet, depth) >= 0;
            if (ok) expect(allowed, JSON.stringify(text + c)).toContain(encode(c)[0]);
            if (!allowed.includes(encode(c)[0] ?? -1)) expect(ok).toBe(false);
          }
          const choices = [...alphabet].filter((c) => allowed.includes(encode(c)[0] ?? -1));
          const c = choices[Math.floor(rand() * choices.length)];
          if (c === undefined) break;
          expect(m.advance(encode(c)[0] ?? -1)).toBe(true);
          text += c;
        }
      }
    });
  }
});
