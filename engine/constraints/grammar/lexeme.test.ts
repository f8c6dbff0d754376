// Lexeme terminals end to end: grammars mixing lexemes, classes and rules agree with the naive check (which runs
// the lexeme automata directly), budgeted masks are exact and random walks close within their budget,
// minCharsToAccept matches brute force, large counters cost O(1) per character, and programmatic syntax trees
// are checked with errors on the field they are compiled for.
import { describe, expect, it } from 'vitest';
import { EOS_ID, encode, tokenText } from '../../tokenizer.ts';
import { CAPS } from '../caps.ts';
import type { Lexeme } from '../lexeme.ts';
import { ConstraintError, type Matcher } from '../matcher.ts';
import { hasToken, tokensOf } from '../vocab-set.ts';
import { type CompiledGrammar, compileGrammar, compileGrammarAst } from './compile.ts';
import { compileGrammarAstConstraint } from './constraint.ts';
import {
  type GbnfGrammar,
  type GbnfNode,
  grammarOf,
  groupNode,
  lexemeNode,
  literalNode,
  refNode,
  repeatNode,
} from './gbnf-ast.ts';
import { parseGbnf } from './gbnf-parser.ts';
import { matcherAccepts, seeded } from './grammar-test-helpers.ts';
import { LEXEME_FIXTURES } from './lexeme-fixtures.ts';
import { CountedClass, counted, quotedString, withLexemes } from './lexeme-test-helpers.ts';
import { astAccepts } from './naive-check.ts';

const follow = (m: Matcher, text: string): Matcher => {
  for (const t of encode(text)) if (!m.advance(t)) throw new Error(`cannot follow ${JSON.stringify(text)}`);
  return m;
};
const chars = (m: Matcher, budget?: number): string =>
  tokensOf(m.allowed(budget))
    .filter((t) => t !== EOS_ID)
    .map(tokenText)
    .join('');

/** Every character allowed under `budget` keeps acceptance within budget - 1, and every other one does not. */
function checkMaskExact(m: Matcher, budget: number): void {
  const all = m.allowed();
  const under = tokensOf(m.allowed(budget));
  for (const t of tokensOf(all)) {
    if (t === EOS_ID) continue;
    const c = m.clone();
    expect(c.advance(t)).toBe(true);
    expect(under.includes(t), `token ${JSON.stringify(tokenText(t))} under budget ${budget}`).toBe(
      1 + c.minCharsToAccept() <= budget,
    );
  }
  for (const t of under) expect(hasToken(all, t)).toBe(true);
  expect(hasToken(m.allowed(budget), EOS_ID)).toBe(m.accepting());
}

/** Shortest suffix (over `alphabet`, up to `depth` characters) completing `prefix`, by brute force; -1 if none. */
function shortestCompletion(accepts: (t: string) => boolean, prefix: string, alphabet: string, depth: number): number {
  let layer = [prefix];
  for (let n = 0; n <= depth; n++) {
    if (layer.some(accepts)) return n;
    layer = layer.flatMap((p) => [...alphabet].map((c) => p + c));
  }
  return -1;
}

const compiled = new Map<string, CompiledGrammar>();
const compileFixture = (f: (typeof LEXEME_FIXTURES)[number]): CompiledGrammar => {
  let g = compiled.get(f.name);
  if (!g) {
    g = compileGrammarAst(withLexemes(f.grammar, f.lexemes));
    compiled.set(f.name, g);
  }
  return g;
};

describe('lexeme fixtures: the matcher and the naive check agree with the expected languages', () => {
  for (const f of LEXEME_FIXTURES) {
    it(f.name, () => {
      const g = compileFixture(f);
      for (const text of f.yes) {
        expect(matcherAccepts(g.newMatcher(), text), `matcher should accept ${JSON.stringify(text)}`).toBe(true);
        expect(astAccepts(g.ast, text), `naive check should accept ${JSON.stringify(text)}`).toBe(true);
        expect(text.length).toBeGreaterThanOrEqual(g.minChars);
      }
      for (const text of f.no) {
        expect(matcherAccepts(g.newMatcher(), text), `matcher should reject ${JSON.stringify(text)}`).toBe(false);
        expect(astAccepts(g.ast, text), `naive check should reject ${JSON.stringify(text)}`).toBe(false);
      }
      // near misses: an inserted, deleted or replaced character
      const alphabet = [...new Set([...f.yes, ...f.no, f.alphabet].join(''))];
      const rand = seeded(f.name.length * 7919);
      const pick = () => alphabet[Math.floor(rand() * alphabet.length)] ?? 'a';
      for (const yes of f.yes) {
        for (let i = 0; i < 30; i++) {
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

describe('lexemes: random walks under small budgets end accepting, with exact masks', () => {
  LEXEME_FIXTURES.forEach((f, index) => {
    it(f.name, () => {
      const g = compileFixture(f);
      const rand = seeded(500 + index);
      expect(g.newMatcher().minCharsToAccept()).toBe(g.minChars);
      const budgets = [g.minChars, g.minChars + 1, g.minChars + 2, 5, 8, 13, 30].filter(
        (b) => b >= g.minChars && b > 0,
      );
      for (let walk = 0; walk < 14; walk++) {
        const budget = budgets[walk % budgets.length] ?? 1;
        const m = g.newMatcher();
        let remaining = budget;
        let out = '';
        let prev = m.minCharsToAccept();
        for (;;) {
          if (walk < 4) checkMaskExact(m, remaining);
          const tokens = tokensOf(m.allowed(remaining));
          expect(tokens.length, `nothing allowed after ${JSON.stringify(out)}`).toBeGreaterThan(0);
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

describe('lexemes: minCharsToAccept and allowed() against brute force', () => {
  LEXEME_FIXTURES.forEach((f, index) => {
    it(f.name, () => {
      const g = compileFixture(f);
      const accepts = (t: string) => astAccepts(g.ast, t);
      const alphabet = f.alphabet;
      const depth = alphabet.length > 4 ? 4 : 5;
      const rand = seeded(77 + index);
      for (let walk = 0; walk < 3; walk++) {
        const m = g.newMatcher();
        let text = '';
        for (let step = 0; step < 7; step++) {
          const brute = shortestCompletion(accepts, text, alphabet, depth);
          if (brute >= 0) expect(m.minCharsToAccept(), JSON.stringify(text)).toBe(brute);
          else expect(m.minCharsToAccept() > depth || !m.allowed().some((w) => w !== 0)).toBe(true);
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
  });
});

describe('lexemes in the Earley recogniser', () => {
  it('budgets reach into the lexeme: the counter decides which characters fit', () => {
    const g = compileGrammarAst(withLexemes('root ::= "[" L ("," L)* "]"', { L: new CountedClass('[a-z]', 2, 5) }));
    expect(g.minChars).toBe(4);
    const m = follow(g.newMatcher(), '[a');
    expect(m.minCharsToAccept()).toBe(2);
    expect(chars(m, 1)).toBe('');
    expect(chars(m, 2)).toBe('abcdefghijklmnopqrstuvwxyz');
    expect(chars(m)).toBe('abcdefghijklmnopqrstuvwxyz');
    follow(m, 'b');
    expect(chars(m, 1)).toBe(']');
    expect(chars(m, 2)).toBe(']abcdefghijklmnopqrstuvwxyz');
    expect(chars(m, 3)).toBe(']abcdefghijklmnopqrstuvwxyz'); // ',' needs 1 + 2 letters + ']'
    expect(chars(m, 4)).toBe(',]abcdefghijklmnopqrstuvwxyz');
    follow(m, 'cde');
    expect(chars(m)).toBe(',]');
    expect(m.advance(encode('f')[0] ?? 0)).toBe(false);
  });

  it('a deep right recursion ending in a lexeme (Leo items)', () => {
    const g = compileGrammarAst(withLexemes('root ::= "x" root | S', { S: quotedString(3) }));
    const m = follow(g.newMatcher(), 'x'.repeat(3000));
    expect(m.minCharsToAccept()).toBe(2);
    expect(chars(m, 2)).toBe('"');
    follow(m, '"ab');
    expect(chars(m, 1)).toBe('"');
    expect(chars(m, 2)).toBe('"abcdefghijklmnopqrstuvwxyz');
    follow(m, '"');
    expect(m.accepting()).toBe(true);
    expect(chars(m)).toBe('');
    expect(m.acceptingAt(3003)).toBe(false);
  });

  it('rewind and clone keep lexeme states: masks as a fresh matcher', () => {
    const f = LEXEME_FIXTURES.find((x) => x.name.startsWith('lexemes among recursive rules'));
    if (!f) throw new Error('fixture');
    const g = compileFixture(f);
    const text = '[1, "ab" ,[ 20, "xyz"], 7]';
    expect(matcherAccepts(g.newMatcher(), text)).toBe(true);
    const m = follow(g.newMatcher(), text);
    for (const cut of [20, 12, 6, 1, 0]) {
      m.rewind(cut);
      const c = m.clone();
      follow(m, text.slice(cut, cut + 2));
      const fresh = follow(g.newMatcher(), text.slice(0, cut + 2));
      for (const budget of [undefined, 2, 3, 6, 20]) {
        expect(tokensOf(m.allowed(budget))).toEqual(tokensOf(fresh.allowed(budget)));
      }
      expect(m.minCharsToAccept()).toBe(fresh.minCharsToAccept());
      expect(c.length).toBe(cut);
      expect(matcherAccepts(c, text.slice(cut))).toBe(true);
    }
  });

  it('a counter of 100,000 costs O(1) per character: states are just integers', () => {
    const { lexeme, calls } = counted(new CountedClass('[a-z]', 3, 100_000));
    const g = compileGrammarAst(withLexemes('root ::= "\\"" S "\\""', { S: lexeme }));
    expect(g.stats.symbols).toBeLessThan(10);
    expect(g.minChars).toBe(5);
    const m = follow(g.newMatcher(), '"');
    const a = encode('a')[0] ?? 0;
    const perChar: number[] = [];
    let refused = 0;
    const t0 = performance.now();
    for (let i = 0; i < 100_000; i++) {
      const before = calls.step + calls.accepting + calls.allowedInto + calls.minStep + calls.maxStep;
      if (!m.advance(a)) refused++;
      m.allowed(100_010 - i);
      if (i < 50 || i > 99_950) {
        perChar.push(calls.step + calls.accepting + calls.allowedInto + calls.minStep + calls.maxStep - before);
      }
    }
    const ms = performance.now() - t0;
    expect(refused).toBe(0);
    // one step, one accepting, minStep and maxStep when the set is finished, one allowedInto: the same at the end
    expect(perChar.slice(-10, -1)).toEqual(perChar.slice(10, 19)); // (the last one is at the maximum: no maxStep)
    expect(Math.max(...perChar)).toBeLessThanOrEqual(5);
    expect(ms).toBeLessThan(5_000); // well under a second; a loose bound against O(n) work per character
    expect(chars(m)).toBe('"');
    expect(m.advance(a)).toBe(false);
    expect(m.minCharsToAccept()).toBe(1);
    expect(matcherAccepts(m, '"')).toBe(true);
    m.rewind(2);
    expect(m.minCharsToAccept()).toBe(3);
    expect(chars(m, 2)).toBe('');
    expect(chars(m, 3)).toBe('abcdefghijklmnopqrstuvwxyz');
  });

  it('a lexeme of at least 100,000 characters: minChars without unrolling', () => {
    const g = compileGrammarAst(withLexemes('root ::= S "."?', { S: new CountedClass('[0-9]', 100_000, 100_000) }));
    expect(g.minChars).toBe(100_000);
    const m = g.newMatcher();
    expect(chars(m, 99_999)).toBe('');
    expect(chars(m, 100_000)).toBe('0123456789');
  });

  it('lexemes are deduplicated by object identity; unreachable and empty ones drop out', () => {
    const L = new CountedClass('[a-z]', 1, 2);
    const twin = new CountedClass('[a-z]', 1, 2);
    const empty = new CountedClass('[\\t]', 1, 2);
    expect(compileGrammarAst(withLexemes('root ::= L "," L', { L })).stats.lexemes).toBe(1);
    expect(compileGrammarAst(withLexemes('root ::= L "," T', { L, T: twin })).stats.lexemes).toBe(2);
    expect(compileGrammarAst(withLexemes('root ::= L | E\nunused ::= T', { L, T: twin, E: empty })).stats.lexemes).toBe(
      1,
    );
  });
});

describe('compileGrammarAst: checks the tree, errors on the field', () => {
  const L = new CountedClass('[a-z]', 1, 3);
  const rule = (name: string, ...alternatives: GbnfNode[][]) => ({ name, alternatives });

  /** The ConstraintError compiling `ast` on `json_schema` throws. */
  function refusal(ast: GbnfGrammar): ConstraintError {
    try {
      compileGrammarAst(ast, { field: 'json_schema' });
    } catch (e) {
      expect(e).toBeInstanceOf(ConstraintError);
      expect((e as ConstraintError).field).toBe('json_schema');
      expect((e as Error).message.startsWith('json_schema: ')).toBe(true);
      return e as ConstraintError;
    }
    throw new Error('expected the grammar to be refused');
  }

  it('builds with the constructors and compiles', () => {
    const ast = grammarOf([
      rule('root', [literalNode('['), repeatNode(groupNode([lexemeNode(L), literalNode(';')]), 0, 3), refNode('end')]),
      rule('end', [literalNode(']')], []),
    ]);
    const g = compileGrammarAst(ast, { field: 'json_schema' });
    for (const [text, ok] of [
      ['[', true],
      ['[]', true],
      ['[a;bb;ccc;]', true],
      ['[a;bb;ccc;d;]', false],
      ['[abcd;]', false],
    ] as const) {
      expect(matcherAccepts(g.newMatcher(), text), text).toBe(ok);
      expect(astAccepts(ast, text), text).toBe(ok);
    }
  });

  it('refuses what the parser would refuse, naming the field', () => {
    expect(refusal(grammarOf([rule('a', [literalNode('x')])])).message).toBe(
      "json_schema: there is no rule named 'root' (the grammar starts there)",
    );
    expect(refusal(grammarOf([rule('root', [refNode('nope')])])).message).toBe(
      "json_schema: rule 'nope' is not defined",
    );
    expect(refusal(grammarOf([rule('root', [literalNode('x')]), rule('root', [])])).message).toBe(
      "json_schema: rule 'root' is defined twice",
    );
    expect(refusal(grammarOf([rule('root', [refNode('a')]), rule('a')])).message).toBe(
      "json_schema: rule 'a' has no alternatives (for the empty language use an empty class)",
    );
    expect(refusal(grammarOf([rule('root', [repeatNode(lexemeNode(L), 2, 1)])])).message).toBe(
      "json_schema: rule 'root': {2,1} has its maximum below its minimum",
    );
    expect(refusal(grammarOf([rule('root', [repeatNode(lexemeNode(L), 0.5, 1)])])).message).toContain(
      'are not whole numbers',
    );
    expect(refusal(grammarOf([rule('root', [refNode('root'), lexemeNode(L)])])).message).toBe(
      "json_schema: rule 'root' never derives a finite string (every alternative recurses without end)",
    );
    const empty = new CountedClass('[\\t]', 1, 1);
    expect(refusal(grammarOf([rule('root', [lexemeNode(empty)])])).message).toBe(
      'json_schema: root derives no string of printable ASCII and newline characters',
    );
  });

  it('refuses over the caps, naming the cap, without overflowing the stack', () => {
    expect(refusal(grammarOf([rule('root', [repeatNode(lexemeNode(L), 0, 5000)])])).message).toBe(
      `json_schema: rule 'root': repetition bound 5000 is more than the ${CAPS.repetitionBound} allowed (cap repetitionBound)`,
    );
    expect(refusal(grammarOf([rule('root', [repeatNode(lexemeNode(L), 5000, Infinity)])])).message).toContain(
      '(cap repetitionBound)',
    );
    let deep: GbnfNode = lexemeNode(L);
    for (let i = 0; i < 100_000; i++) deep = groupNode([deep]);
    expect(refusal(grammarOf([rule('root', [deep])])).message).toBe(
      `json_schema: rule 'root': nesting ${CAPS.nestingDepth + 1} deep is more than the ${CAPS.nestingDepth} allowed (cap nestingDepth)`,
    );
    let stacked: GbnfNode = lexemeNode(L);
    for (let i = 0; i < 100_000; i++) stacked = repeatNode(stacked, 0, 1);
    expect(refusal(grammarOf([rule('root', [stacked])])).message).toContain('(cap nestingDepth)');
    let fits: GbnfNode = lexemeNode(L);
    for (let i = 0; i < CAPS.nestingDepth; i++) fits = groupNode([fits]);
    expect(compileGrammarAst(grammarOf([rule('root', [fits])])).minChars).toBe(1);
    const rules = Array.from({ length: CAPS.grammarRules + 1 }, (_, i) => rule(i ? `r${i}` : 'root', [lexemeNode(L)]));
    expect(refusal(grammarOf(rules)).message).toBe(
      `json_schema: ${CAPS.grammarRules + 1} rules is more than the ${CAPS.grammarRules} allowed (cap grammarRules)`,
    );
    const copies = Math.floor(CAPS.grammarSymbols / CAPS.repetitionBound) + 1;
    const big = Array.from({ length: copies }, () => repeatNode(literalNode('a'), 1000, 1000));
    expect(refusal(grammarOf([rule('root', big)])).message).toContain('(cap grammarSymbols)');
  });

  it('the Earley items cap at run time names the field too', () => {
    const many = Array.from({ length: CAPS.earleyItems + 1 }, () => [lexemeNode(L)]);
    const g = compileGrammarAst(grammarOf([rule('root', [literalNode('x'), refNode('y')]), rule('y', ...many)]), {
      field: 'json_schema',
    });
    const m = g.newMatcher();
    expect(() => m.advance(encode('x')[0] ?? 0)).toThrow(
      expect.objectContaining({ field: 'json_schema', message: expect.stringMatching(/^json_schema: more than the/) }),
    );
    expect(m.length).toBe(0);
  });

  it('a lexeme whose initial state contradicts itself is a bug in its code: a plain Error', () => {
    const liar: Lexeme = { ...counted(new CountedClass('[a]', 1, 2)).lexeme, name: 'liar', dist: () => 0 };
    let error: unknown;
    try {
      compileGrammarAst(grammarOf([rule('root', [lexemeNode(liar)])]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ConstraintError);
    expect((error as Error).message).toContain('lexeme liar');
  });

  it('text grammars take a field too, and compile the same through either entry', () => {
    expect(() => compileGrammar('root ::= "a', { field: 'json_schema' })).toThrow(
      expect.objectContaining({ field: 'json_schema', message: expect.stringMatching(/^json_schema: line 1/) }),
    );
    expect(() => compileGrammar('root ::= "a')).toThrow(/^grammar: line 1, column 10: /);
    const source = 'root ::= ("ab" | [0-9]{2,3})+ "!"';
    const a = compileGrammar(source);
    const b = compileGrammarAst(parseGbnf(source));
    expect(b.stats).toEqual(a.stats);
    for (const text of ['ab!', '12ab345!', '1!', '!']) {
      expect(matcherAccepts(b.newMatcher(), text)).toBe(matcherAccepts(a.newMatcher(), text));
    }
  });

  it('compileGrammarAstConstraint: a json_schema constraint with the naive check', () => {
    const c = compileGrammarAstConstraint(withLexemes('root ::= "[" L ("," L)* "]"', { L }));
    expect(c.kind).toBe('json_schema');
    expect(c.field).toBe('json_schema');
    expect(c.minChars).toBe(3);
    expect(c.stats.lexemes).toBe(1);
    expect(c.check('[a,bcd]')).toEqual({ valid: true });
    expect(c.check('[a,bcde]')).toEqual({
      valid: false,
      error: "the output is not in the json_schema's language (checked by the naive recogniser)",
    });
    expect(compileGrammarAstConstraint(parseGbnf('root ::= "a"'), { field: 'grammar', kind: 'grammar' }).kind).toBe(
      'grammar',
    );
  });
});
