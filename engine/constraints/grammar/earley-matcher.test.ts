import { describe, expect, it } from 'vitest';
import { decode, EOS_ID, encode } from '../../tokenizer.ts';
import type { Matcher } from '../matcher.ts';
import { hasToken, tokensOf } from '../vocab-set.ts';
import { compileGrammar } from './compile.ts';
import { ARITHMETIC, GRAMMAR_FIXTURES, JSON_LIKE } from './fixtures.ts';
import { matcherAccepts, seeded } from './grammar-test-helpers.ts';
import { astAccepts } from './naive-check.ts';

const follow = (m: Matcher, text: string): Matcher => {
  for (const t of encode(text)) if (!m.advance(t)) throw new Error(`cannot follow ${JSON.stringify(text)}`);
  return m;
};
const chars = (tokens: number[]): string => decode(tokens.filter((t) => t !== EOS_ID));

describe('Earley matcher', () => {
  const arithmetic = compileGrammar(ARITHMETIC);

  it('allows exactly the characters that keep a complete match reachable, and end-of-text when accepting', () => {
    const m = follow(arithmetic.newMatcher(), '(a + b');
    expect(m.accepting()).toBe(false);
    expect(m.minCharsToAccept()).toBe(1);
    expect(hasToken(m.allowed(), EOS_ID)).toBe(false);
    expect(chars(tokensOf(m.allowed(1)))).toBe(')');
    // budget 2: one more identifier character, a space or newline, or an argument list "(" … is too long
    expect(chars(tokensOf(m.allowed(2)))).toBe('\n )0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz');
    expect(chars(tokensOf(m.allowed(3)))).toBe(
      '\n ()*+-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz',
    );
    expect(tokensOf(m.allowed(3))).toEqual(tokensOf(m.allowed()));
    expect(tokensOf(m.allowed(0))).toEqual([]);
    follow(m, ')');
    expect(m.accepting()).toBe(true);
    expect(hasToken(m.allowed(), EOS_ID)).toBe(true);
    expect(tokensOf(m.allowed(1))).toEqual([...encode('\n '), EOS_ID]); // ws ::= [ \t\n\r]? may follow
  });

  it('advance refuses what is not allowed and changes nothing', () => {
    const m = follow(arithmetic.newMatcher(), 'x+');
    for (const t of [...encode('+)*'), EOS_ID, -1, 97, 1.5, Number.NaN]) expect(m.advance(t)).toBe(false);
    expect(m.length).toBe(2);
    expect(matcherAccepts(m, '1')).toBe(true);
  });

  it('rewind forgets characters and acceptingAt remembers each position', () => {
    const m = follow(arithmetic.newMatcher(), '12+3*4');
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => m.acceptingAt(n))).toEqual([false, true, true, false, true, false, true]);
    expect(m.acceptingAt(7)).toBe(false);
    expect(m.acceptingAt(-1)).toBe(false);
    const before = tokensOf(follow(arithmetic.newMatcher(), '12+').allowed(4));
    m.rewind(3);
    expect(m.length).toBe(3);
    expect(m.accepting()).toBe(false);
    expect(tokensOf(m.allowed(4))).toEqual(before);
    expect(m.minCharsToAccept()).toBe(1);
    m.rewind(10); // nothing to forget
    expect(m.length).toBe(3);
    expect(matcherAccepts(m, '(5)')).toBe(true);
    m.rewind(0);
    expect(m.length).toBe(0);
    expect(m.minCharsToAccept()).toBe(1);
    expect(matcherAccepts(m, 'f(x)')).toBe(true);
  });

  it('clone is independent in both directions', () => {
    const a = follow(arithmetic.newMatcher(), 'f(');
    const b = a.clone();
    follow(b, 'x)');
    expect(a.length).toBe(2);
    expect(b.length).toBe(4);
    expect(a.accepting()).toBe(false);
    expect(b.accepting()).toBe(true);
    follow(a, '1,2)');
    a.rewind(1);
    expect(b.length).toBe(4);
    expect(b.acceptingAt(4)).toBe(true);
    expect(matcherAccepts(b, '+1')).toBe(true);
    expect(matcherAccepts(a, '')).toBe(true);
  });

  it('a rewound and re-followed matcher gives the same masks as a fresh one', () => {
    const g = compileGrammar(JSON_LIKE);
    const text = '{"a": [1, {"b": "c"}], "d": null}';
    const m = follow(g.newMatcher(), text);
    for (const cut of [30, 12, 5, 0]) {
      m.rewind(cut);
      follow(m, text.slice(cut, cut + 3));
      const fresh = follow(g.newMatcher(), text.slice(0, cut + 3));
      for (const budget of [undefined, 3, 10, 40])
        expect(tokensOf(m.allowed(budget))).toEqual(tokensOf(fresh.allowed(budget)));
      expect(m.minCharsToAccept()).toBe(fresh.minCharsToAccept());
    }
  });

  it('a grammar of the empty string allows only end-of-text', () => {
    for (const source of ['root ::= ""', 'root ::= "a"{0}', 'root ::= ("\t")?']) {
      const m = compileGrammar(source).newMatcher();
      expect(tokensOf(m.allowed())).toEqual([EOS_ID]);
      expect(tokensOf(m.allowed(1))).toEqual([EOS_ID]);
      expect(m.accepting()).toBe(true);
      expect(m.minCharsToAccept()).toBe(0);
    }
  });

  it('stats count the reduced CFG', () => {
    expect(compileGrammar('root ::= "ab" | "c"').stats).toEqual({ rules: 3, symbols: 7, namedRules: 1, lexemes: 0 });
    expect(arithmetic.stats.namedRules).toBe(8);
  });

  it('long outputs: left recursion and repetition keep Earley sets small', () => {
    const g = compileGrammar('root ::= list\nlist ::= list "," item | item\nitem ::= [0-9]+');
    const text = Array.from({ length: 800 }, (_, i) => i).join(',');
    const m = follow(g.newMatcher(), text);
    expect(m.accepting()).toBe(true);
    expect(m.minCharsToAccept()).toBe(0);
    expect(tokensOf(m.allowed(2))).toEqual([...encode(',0123456789'), EOS_ID].sort((x, y) => x - y));
  });
});

describe('long repetitions and right recursion (Leo items, flattened repetitions)', () => {
  it('x{0,1000} follows 1000 characters and refuses the 1001st', () => {
    const g = compileGrammar('root ::= [a-z]{0,1000} "!"');
    const m = follow(g.newMatcher(), 'abcdefghij'.repeat(100));
    expect(m.minCharsToAccept()).toBe(1);
    expect(chars(tokensOf(m.allowed()))).toBe('!');
    expect(m.advance(encode('a')[0] ?? 0)).toBe(false);
    follow(m, '!');
    expect(m.accepting()).toBe(true);
    m.rewind(500);
    expect(chars(tokensOf(m.allowed(2)))).toBe('!abcdefghijklmnopqrstuvwxyz');
  });

  it('right recursion 3000 deep', () => {
    const g = compileGrammar('root ::= "x" root | "y"');
    const m = follow(g.newMatcher(), 'x'.repeat(3000));
    expect(m.minCharsToAccept()).toBe(1);
    expect(tokensOf(m.allowed(1))).toEqual(encode('y'));
    follow(m, 'y');
    expect(m.accepting()).toBe(true);
    expect(m.acceptingAt(3000)).toBe(false);
  });

  it('repetitions of repetitions that may be empty are flattened (the llama.cpp "hang" grammar runs)', () => {
    const hang = compileGrammar('root ::= (((((([^x]*){0,99}){0,99}){0,99}){0,99}){0,99}){0,99}');
    const text = 'a quick brown fog jumps over the lazy dog '.repeat(8);
    expect(matcherAccepts(hang.newMatcher(), text)).toBe(true);
    expect(matcherAccepts(hang.newMatcher(), `${text}x`)).toBe(false);
    const nested = compileGrammar('root ::= (("ab"?){0,3}){2,4} "!"');
    for (const t of ['!', 'ab!', 'abababababababababababab!', 'abababababababababababababab!', 'a!']) {
      expect(matcherAccepts(nested.newMatcher(), t), t).toBe(astAccepts(nested.ast, t));
    }
    expect(astAccepts(nested.ast, `${'ab'.repeat(12)}!`)).toBe(true);
    expect(astAccepts(nested.ast, `${'ab'.repeat(13)}!`)).toBe(false);
  });
});

describe('large Earley sets (completion through the per-set index)', () => {
  it('agrees with the naive check', () => {
    const words = Array.from({ length: 70 }, (_, i) => `"k${i}"`).join(' | ');
    const g = compileGrammar(`root ::= kv ("," kv)*\nkv ::= key "=" key\nkey ::= ${words} | "(" kv ")"`);
    for (const text of [
      'k1=k2',
      'k69=k0,k5=(k1=k2)',
      '(k1=k2)=k3',
      'k1=k70',
      'k1=k2,',
      'k1=(k2)',
      'k7=k7,k7=k7,k7=k7',
    ]) {
      expect(matcherAccepts(g.newMatcher(), text), text).toBe(astAccepts(g.ast, text));
    }
    expect(matcherAccepts(g.newMatcher(), 'k69=k0,k5=(k1=k2)')).toBe(true);
  });
});

describe('differential: the matcher and the naive check agree on near misses', () => {
  for (const f of GRAMMAR_FIXTURES) {
    it(f.name, () => {
      const g = compileGrammar(f.grammar);
      const alphabet = [...new Set([...f.yes, ...f.no].join('').replace(/[^\n\x20-\x7e]/g, ''))];
      const rand = seeded(f.name.length * 7919);
      const pick = () => alphabet[Math.floor(rand() * alphabet.length)] ?? 'a';
      for (const yes of f.yes) {
        for (let i = 0; i < 12; i++) {
          const at = Math.floor(rand() * (yes.length + 1));
          const op = i % 3;
          const text =
            op === 0
              ? yes.slice(0, at) + pick() + yes.slice(at)
              : op === 1
                ? yes.slice(0, at) + yes.slice(at + 1)
                : yes.slice(0, at) + pick() + yes.slice(at + 1);
          expect(matcherAccepts(g.newMatcher(), text), JSON.stringify(text)).toBe(astAccepts(g.ast, text));
        }
      }
    });
  }
});
