// Grammars with lexemes for the tests: GBNF text whose references to the named lexemes become lexeme terminals
// (withLexemes), with strings in the language and outside it.
import type { Lexeme } from '../lexeme.ts';
import { abStar, CountedClass, integerRange, quotedString } from './lexeme-test-helpers.ts';

export interface LexemeFixture {
  readonly name: string;
  readonly grammar: string;
  readonly lexemes: Readonly<Record<string, Lexeme>>;
  readonly yes: readonly string[];
  readonly no: readonly string[];
  /** A small alphabet for brute-force checks of minCharsToAccept. */
  readonly alphabet: string;
}

export const LEXEME_FIXTURES: readonly LexemeFixture[] = [
  {
    name: 'a list of counted lexemes {2,5}',
    grammar: 'root ::= "[" L ("," L)* "]"',
    lexemes: { L: new CountedClass('[a-z]', 2, 5) },
    yes: ['[ab]', '[abcde]', '[ab,cd,efg]', '[zz,yyyyy]'],
    no: ['[a]', '[abcdef]', '[]', '[ab,]', '[ab,c]', 'ab', '[AB]', '[ab', '[ab]]'],
    alphabet: 'ab[],',
  },
  {
    name: 'nullable lexemes {0,3}',
    grammar: 'root ::= "<" N "|" N ">"',
    lexemes: { N: new CountedClass('[0-9]', 0, 3) },
    yes: ['<|>', '<123|4>', '<|999>', '<1|>'],
    no: ['<1234|>', '<|', '<||>', '<a|>', '|>', '<1|2|3>'],
    alphabet: '<|>1',
  },
  {
    name: 'adjacent lexemes (the split is ambiguous)',
    grammar: 'root ::= A B "."',
    lexemes: { A: new CountedClass('[ab]', 1, 3), B: new CountedClass('[bc]', 1, 3) },
    yes: ['ab.', 'abbb.', 'bbbbbb.', 'ac.', 'abc.', 'bb.'],
    no: ['a.', 'bbbbbbb.', 'abca.', 'c.', '.', 'ab', 'aaaac.'],
    alphabet: 'abc.',
  },
  {
    name: 'a lexeme in a left-recursive list',
    grammar: 'root ::= list\nlist ::= list ";" S | S',
    lexemes: { S: quotedString(4) },
    yes: ['""', '"abcd"', '"a";"";"xyz"', '"";""'],
    no: ['"abcde"', '"a";', ';""', '"a"b"', '"A"', '"a"""', ''],
    alphabet: 'a";',
  },
  {
    name: 'a lexeme in a right-recursive rule',
    grammar: 'root ::= T "+" root | T',
    lexemes: { T: new CountedClass('[a-c]', 1, 2) },
    yes: ['a', 'ab+c', 'a+b+cc+a'],
    no: ['abc', 'a+', '+a', 'a++b', ''],
    alphabet: 'ab+',
  },
  {
    name: 'a lexeme at the end of a right recursion (Leo items)',
    grammar: 'root ::= "x" root | S',
    lexemes: { S: quotedString(3) },
    yes: ['xxx""', '"abc"', 'x"a"'],
    no: ['x', 'xx"abcd"', '""x', 'x"'],
    alphabet: 'xa"',
  },
  {
    name: 'a lexeme stepping back into its initial state',
    grammar: 'root ::= X "!" X',
    lexemes: { X: abStar() },
    yes: ['!', 'ab!', 'abab!ab', '!abab'],
    no: ['a!', 'aba!', 'ab!b', 'ba!', 'ab', 'ab!!'],
    alphabet: 'ab!',
  },
  {
    name: 'an integer range lexeme',
    grammar: 'root ::= "[" (N ("," N)*)? "]"',
    lexemes: { N: integerRange(0, 120) },
    yes: ['[]', '[0]', '[120,7,99]', '[12]', '[100]'],
    no: ['[121]', '[01]', '[1,]', '[,]', '[-1]', '[1200]', '[00]'],
    alphabet: '[]10,',
  },
  {
    name: 'repeated lexemes, a nullable one under a star',
    grammar: 'root ::= L{2,3} "." M* "."',
    lexemes: { L: new CountedClass('[a-c]', 1, 2), M: new CountedClass('[x-z]', 0, 2) },
    yes: ['ab..', 'aabbcc.xyzx.', 'abc..', 'aa.xx.'],
    no: ['a..', 'aaaaaaa..', 'ab.', 'ab.xw.', '..'],
    alphabet: 'ax.',
  },
  {
    name: 'a shared lexeme, nullable rules, lexemes of no string and of the empty string',
    grammar: 'root ::= pre W | E "!" | "?" Z\npre ::= W "-" | ',
    lexemes: {
      W: new CountedClass('[a-z]', 1, 3),
      E: new CountedClass('[\\t]', 1, 2),
      Z: new CountedClass('[\\t]', 0, 2),
    },
    yes: ['a', 'ab-c', 'abc-abc', '?'],
    no: ['!', '-a', 'abcd', 'a-', '?a', ''],
    alphabet: 'a-?!',
  },
  {
    name: 'lexemes among recursive rules (JSON-like)',
    grammar: 'root ::= value\nvalue ::= S | N | "[" ws (value (ws "," ws value)*)? ws "]"\nws ::= [ ]?',
    lexemes: { S: quotedString(3), N: integerRange(0, 20) },
    yes: ['"a"', '[1, "ab" ,[ ]]', '[[[]]]', '20', '[ ]'],
    no: ['[01]', '[1,]', '"abcd"', '21', '[   ]', '[1 2]'],
    alphabet: '[]1,"',
  },
];
