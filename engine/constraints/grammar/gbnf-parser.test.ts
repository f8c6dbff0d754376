import { describe, expect, it } from 'vitest';
import { EngineInputError } from '../../errors.ts';
import { CAPS } from '../caps.ts';
import { ConstraintError } from '../matcher.ts';
import { compileGrammar } from './compile.ts';
import type { GbnfNode } from './gbnf-ast.ts';
import { parseGbnf } from './gbnf-parser.ts';

const body = (source: string, rule = 'root') => parseGbnf(source).byName.get(rule)?.alternatives;
const only = (source: string): GbnfNode => {
  const alts = body(source);
  expect(alts).toHaveLength(1);
  expect(alts?.[0]).toHaveLength(1);
  return alts?.[0]?.[0] as GbnfNode;
};

/** The ConstraintError compiling `source` throws (fails the test when it compiles). */
function refusal(source: string): ConstraintError {
  try {
    compileGrammar(source);
  } catch (e) {
    expect(e).toBeInstanceOf(ConstraintError);
    expect(e).toBeInstanceOf(EngineInputError);
    expect((e as ConstraintError).field).toBe('grammar');
    expect((e as Error).message.startsWith('grammar: ')).toBe(true);
    return e as ConstraintError;
  }
  throw new Error(`expected ${JSON.stringify(source.slice(0, 80))} to be refused`);
}

describe('GBNF parser: syntax', () => {
  it('literals with every escape, as code points', () => {
    expect(only('root ::= "a\\n\\r\\t\\\\\\"\\[\\]\\x41\\u00e9\\U0001F600é"')).toEqual({
      kind: 'literal',
      codePoints: [97, 10, 13, 9, 92, 34, 91, 93, 0x41, 0xe9, 0x1f600, 0xe9],
    });
    expect(only('root ::= ""')).toEqual({ kind: 'literal', codePoints: [] });
    expect(only('root ::= "two\nlines"')).toEqual({
      kind: 'literal',
      codePoints: [...'two\nlines'].map((c) => c.charCodeAt(0)),
    });
  });

  it('classes, negated classes, ranges, escapes inside classes, and .', () => {
    expect(only('root ::= [a-z0-9_]')).toEqual({
      kind: 'class',
      negated: false,
      ranges: [
        [97, 122],
        [48, 57],
        [95, 95],
      ],
    });
    expect(only('root ::= [^"\\\\\\x00-\\x1F]')).toEqual({
      kind: 'class',
      negated: true,
      ranges: [
        [34, 34],
        [92, 92],
        [0, 31],
      ],
    });
    expect(only('root ::= [-a-]')).toEqual({
      kind: 'class',
      negated: false,
      ranges: [
        [45, 45],
        [97, 97],
        [45, 45],
      ],
    });
    expect(only('root ::= [\\]\\[]')).toEqual({
      kind: 'class',
      negated: false,
      ranges: [
        [93, 93],
        [91, 91],
      ],
    });
    expect(only('root ::= []')).toEqual({ kind: 'class', negated: false, ranges: [] });
    expect(only('root ::= .')).toEqual({ kind: 'class', negated: true, ranges: [] });
  });

  it('repetitions: * + ? {m} {m,} {m,n}, spaces inside braces, stacked', () => {
    const a = { kind: 'literal', codePoints: [97] };
    const rep = (min: number, max: number, b: unknown = a) => ({ kind: 'repeat', body: b, min, max });
    expect(only('root ::= "a"*')).toEqual(rep(0, Infinity));
    expect(only('root ::= "a"+')).toEqual(rep(1, Infinity));
    expect(only('root ::= "a"?')).toEqual(rep(0, 1));
    expect(only('root ::= "a"{3}')).toEqual(rep(3, 3));
    expect(only('root ::= "a"{2,}')).toEqual(rep(2, Infinity));
    expect(only('root ::= "a"{1,4}')).toEqual(rep(1, 4));
    expect(only('root ::= "a"{ 0 , 1000 }')).toEqual(rep(0, 1000));
    expect(only('root ::= "a"*?')).toEqual(rep(0, 1, rep(0, Infinity)));
  });

  it('alternation, groups, empty alternatives, references before definition', () => {
    expect(body('root ::= a | "b" |\nempty ::= \na ::= ("x" | (y)) empty\ny ::= "y"')).toEqual([
      [{ kind: 'ref', name: 'a', line: 1, column: 10 }],
      [{ kind: 'literal', codePoints: [98] }],
      [],
    ]);
    const g = parseGbnf('root ::= a | "b" |\nempty ::= \na ::= ("x" | (y)) empty\ny ::= "y"');
    expect(g.rules.map((r) => r.name)).toEqual(['root', 'empty', 'a', 'y']);
    expect(g.byName.get('empty')?.alternatives).toEqual([[]]);
    expect(g.byName.get('a')?.alternatives[0]?.[0]).toEqual({
      kind: 'group',
      alternatives: [
        [{ kind: 'literal', codePoints: [120] }],
        [{ kind: 'group', alternatives: [[{ kind: 'ref', name: 'y', line: 3, column: 15 }]] }],
      ],
    });
  });

  it('comments, bodies over several lines, newlines inside parentheses, names with - _ and digits', () => {
    const g = parseGbnf(`# leading comment
root ::= item-1   # trailing comment
   item_2 (
     "a" # inside a group
     | "b"
   )
   "c"
item-1 ::= "1"
item_2 ::= "2"
3d ::= "3" # unreachable, still fine
`);
    expect(g.rules.map((r) => [r.name, r.line, r.column])).toEqual([
      ['root', 2, 1],
      ['item-1', 8, 1],
      ['item_2', 9, 1],
      ['3d', 10, 1],
    ]);
    expect(g.byName.get('root')?.alternatives[0]).toHaveLength(4);
  });

  it('a new rule can start on the same line as the previous body (lenient)', () => {
    const g = parseGbnf('root ::= a a ::= "x"');
    expect(g.rules.map((r) => r.name)).toEqual(['root', 'a']);
  });
});

describe('GBNF parser: errors name the line and column', () => {
  const cases: [string, string][] = [
    ['root ::= "abc', "grammar: line 1, column 10: this string literal has no closing '\"'"],
    ['root ::= [abc', "grammar: line 1, column 10: this character class has no closing ']'"],
    [
      'root ::= (\n  "a"\n',
      "grammar: line 3, column 1: expected ')' to close the '(' at line 1, column 10, found the end of the grammar",
    ],
    [
      'root ::= ("a" "b"\nx ::= "c"',
      "grammar: line 2, column 1: expected ')' to close the '(' at line 1, column 10, found 'x'",
    ],
    ['root ::= "a")', "grammar: line 1, column 13: ')' has no '(' to close"],
    ['root ::= * "a"', "grammar: line 1, column 10: '*' has nothing before it to repeat"],
    ['root ::= "a" | {2}', "grammar: line 1, column 16: '{' has nothing before it to repeat"],
    ['root ::= "a"{2,1}', 'grammar: line 1, column 13: {2,1} has its maximum below its minimum'],
    ['root ::= "a"{x}', "grammar: line 1, column 14: expected a number after '{'"],
    ['root ::= "a"{1,x}', "grammar: line 1, column 16: expected a number or '}' after ','"],
    ['root ::= "a"{1 2}', "grammar: line 1, column 16: expected '}' to close the '{' at line 1, column 13"],
    ['root ::= "\\q"', "grammar: line 1, column 11: unknown escape '\\q'"],
    ['root ::= "\\x4"', "grammar: line 1, column 11: expected 2 hex digits after '\\x'"],
    ['root ::= "\\u12"', "grammar: line 1, column 11: expected 4 hex digits after '\\u'"],
    ['root ::= "\\U00110000"', "grammar: line 1, column 11: '\\U00110000' is beyond the last Unicode code point"],
    ['root ::= [z-a]', "grammar: line 1, column 11: the range 'z'-'a' goes backwards"],
    ['root = "a"', "grammar: line 1, column 6: expected '::=' after the rule name 'root'"],
    [
      'root ::= <think>',
      'grammar: line 1, column 10: token references (<...>) are not supported: this vocabulary is characters',
    ],
    ['::= "a"', "grammar: line 1, column 1: '::=' needs a rule name before it"],
    ['root ::= "a" $', "grammar: line 1, column 14: unexpected '$'"],
    ['root ::= "a"\n  "b" ::= "c"', "grammar: line 2, column 7: '::=' needs a rule name before it"],
    ['root ::= "é" ü', 'grammar: line 1, column 14: unexpected U+fc'],
    [
      'root ::= "a"\nx ::= "b"\nroot ::= "c"',
      "grammar: line 3, column 1: rule 'root' is already defined at line 1, column 1",
    ],
    [
      'rot ::= expr\nexpr ::= term ("+" term)*\nterm ::= number\nnumber ::= [0-9]+',
      "grammar: there is no rule named 'root' (the grammar starts there)",
    ],
    [
      'root ::= expr\n        expr ::= term ("+" term)*\n        term ::= numero\n        number ::= [0-9]+',
      "grammar: line 3, column 18: rule 'numero' is not defined",
    ],
    ['', "grammar: there is no rule named 'root' (the grammar starts there)"],
    [
      'root ::= root "a"',
      "grammar: rule 'root' never derives a finite string (every alternative recurses without end)",
    ],
    [
      'root ::= "x" | a\na ::= "b" a',
      "grammar: rule 'a' never derives a finite string (every alternative recurses without end)",
    ],
    ['root ::= "\\t"', 'grammar: root derives no string of printable ASCII and newline characters'],
    [
      'root ::= [^\\x00-\\U0010FFFF] | "é"+',
      'grammar: root derives no string of printable ASCII and newline characters',
    ],
  ];
  for (const [source, message] of cases) {
    it(JSON.stringify(source.slice(0, 60)), () => {
      expect(refusal(source).message).toBe(message);
    });
  }

  it('columns count characters, not UTF-16 units', () => {
    expect(refusal('root ::= "😀" $').message).toBe("grammar: line 1, column 14: unexpected '$'");
  });
});

describe('GBNF caps, each refused with its name and limit', () => {
  it('sourceChars', () => {
    const source = `root ::= "${'a'.repeat(CAPS.sourceChars)}"`;
    expect(refusal(source).message).toBe(
      `grammar: ${source.length} characters is more than the ${CAPS.sourceChars} allowed (cap sourceChars)`,
    );
  });

  it('grammarRules: 10,000 rules', () => {
    const rules = Array.from({ length: 9_999 }, (_, i) => `${i.toString(36)}::=""`);
    const source = `root ::= "a"\n${rules.join('\n')}`;
    expect(source.length).toBeLessThan(CAPS.sourceChars);
    expect(refusal(source).message).toBe(
      `grammar: 10000 rules is more than the ${CAPS.grammarRules} allowed (cap grammarRules)`,
    );
    const fits = `root ::= "a"\n${rules.slice(0, CAPS.grammarRules - 1).join('\n')}`;
    expect(() => compileGrammar(fits)).not.toThrow();
  });

  it('repetitionBound', () => {
    expect(refusal('root ::= [a-z]{0,100000}').message).toBe(
      `grammar: line 1, column 15: repetition bound 100000 is more than the ${CAPS.repetitionBound} allowed (cap repetitionBound)`,
    );
    const over = CAPS.repetitionBound + 1;
    expect(refusal(`root ::= "a"{${over}}`).message).toContain(`repetition bound ${over} is more than`);
    expect(refusal('root ::= "a"{99999999999999999999999,}').message).toContain('(cap repetitionBound)');
    expect(compileGrammar(`root ::= "a"{${CAPS.repetitionBound}}`).minChars).toBe(CAPS.repetitionBound);
  });

  it('nestingDepth: 100k nested parentheses are refused without overflowing the stack', () => {
    const deepest = CAPS.nestingDepth + 1;
    const refused = `grammar: line 1, column ${9 + deepest}: nesting ${deepest} deep is more than the ${CAPS.nestingDepth} allowed (cap nestingDepth)`;
    expect(refusal(`root ::= ${'('.repeat(99_000)}"a"`).message).toBe(refused);
    const balanced = `root ::= ${'('.repeat(100_000)}"a"${')'.repeat(100_000)}`;
    expect(refusal(balanced).message).toBe(
      balanced.length > CAPS.sourceChars
        ? `grammar: ${balanced.length} characters is more than the ${CAPS.sourceChars} allowed (cap sourceChars)`
        : refused,
    );
    const n = CAPS.nestingDepth;
    expect(compileGrammar(`root ::= ${'('.repeat(n)}"a"${')'.repeat(n)}`).minChars).toBe(1);
  });

  it('nestingDepth counts repetitions stacked on repetitions', () => {
    const deepest = CAPS.nestingDepth + 1;
    // the first '*' repeats the literal; each further one nests a level
    expect(refusal(`root ::= "a"${'*'.repeat(5_000)}`).message).toBe(
      `grammar: line 1, column ${13 + deepest}: nesting ${deepest} deep is more than the ${CAPS.nestingDepth} allowed (cap nestingDepth)`,
    );
    expect(compileGrammar(`root ::= "a"${'?'.repeat(CAPS.nestingDepth)}`).minChars).toBe(0);
  });

  it('grammarSymbols', () => {
    const copies = Math.floor(CAPS.grammarSymbols / CAPS.repetitionBound) + 1;
    const rules = Array.from({ length: copies }, (_, i) => `r${i} ::= [a-z]{${CAPS.repetitionBound}}`);
    const source = `root ::= ${rules.map((_, i) => `r${i}`).join(' ')}\n${rules.join('\n')}`;
    expect(refusal(source).message).toBe(
      `grammar: the rules need more than the ${CAPS.grammarSymbols} symbols allowed once repetitions and groups are expanded (cap grammarSymbols)`,
    );
    const inline = `root ::= ${`[a-z]{${CAPS.repetitionBound}} `.repeat(copies)}`;
    expect(refusal(inline).message).toContain('(cap grammarSymbols)');
    // nested repetitions expand linearly (one helper per level), so they stay small
    expect(compileGrammar('root ::= ("ab" [a-z]{0,1000}){1000}{1000}').stats.symbols).toBeLessThan(10_000);
  });

  it('earleyItems, at compile time (position 0) and at run time', () => {
    const alternatives = Array.from({ length: CAPS.earleyItems + 1 }, () => '"a"').join('|');
    expect(refusal(`root ::= ${alternatives}`).message).toBe(
      `grammar: more than the ${CAPS.earleyItems} Earley items allowed at output position 0 (cap earleyItems); the grammar is too ambiguous there`,
    );
    const g = compileGrammar(`root ::= "x" y\ny ::= ${alternatives}`);
    const m = g.newMatcher();
    let error: unknown;
    try {
      m.advance(89); // 'x'
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConstraintError);
    expect((error as Error).message).toContain('at output position 1 (cap earleyItems)');
    expect(m.length).toBe(0);
  });

  it('unreachable rules are removed silently, even unproductive ones', () => {
    const g = compileGrammar('root ::= "a"\njunk ::= junk "b"\nmore ::= "c"{1000}');
    expect(g.stats).toEqual({ rules: 2, symbols: 4, namedRules: 3, lexemes: 0 });
  });
});
