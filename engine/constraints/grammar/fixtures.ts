// The project's GBNF fixtures (tests and the bench): each grammar with strings in its language and outside it.
// Many re-express the cases of llama.cpp's tests/test-grammar-integration.cpp as our own data; where llama.cpp
// refuses left recursion, we accept it (Earley), so those grammars appear here with their languages.

export interface GrammarFixture {
  readonly name: string;
  readonly grammar: string;
  readonly yes: readonly string[];
  readonly no: readonly string[];
}

export const ARITHMETIC = `
root ::= expression
expression ::= term ws (("+"|"-") ws term)*
term ::= factor ws (("*"|"/") ws factor)*
factor ::= number | variable | "(" expression ")" | function-call
number ::= [0-9]+
variable ::= [a-zA-Z_][a-zA-Z0-9_]*
function-call ::= variable ws "(" (expression ("," ws expression)*)? ")"
ws ::= [ \\t\\n\\r]?`;

export const LIST = `
# a grammar for lists
root ::= ("- " item)+
item ::= [^\\n]+ "\\n"`;

export const JSON_LIKE = `
root   ::= object
value  ::= object | array | string | number | ("true" | "false" | "null") ws

object ::=
  "{" ws (
            string ":" ws value
    ("," ws string ":" ws value)*
  )? "}" ws

array  ::=
  "[" ws (
            value
    ("," ws value)*
  )? "]" ws

string ::=
  "\\"" (
    [^"\\\\\\x7F\\x00-\\x1F] |
    "\\\\" (["\\\\/bfnrt] | "u" [0-9a-fA-F]{4}) # escapes
  )* "\\"" ws

number ::= ("-"? ([0-9] | [1-9] [0-9]{0,15})) ("." [0-9]+)? ([eE] [-+]? [0-9] [1-9]{0,15})? ws

# optional space: by convention, applied in this grammar after literal chars when allowed
ws ::= | " " | "\\n" [ \\t]{0,20}`;

export const CHESS = `
# the output must start with "1. " and a move pair, then more numbered move pairs
root ::= (
    "1. " move " " move "\\n"
    ([1-9] [0-9]? ". " move " " move "\\n")+
)
move ::= (pawn | nonpawn | castle) [+#]?
pawn ::= ([a-h] "x")? [a-h] [1-8] ("=" [NBRQ])?
nonpawn ::= [NBKQR] [a-h]? [1-8]? "x"? [a-h] [1-8]
castle ::= "O-O" "-O"?`;

export const GRAMMAR_FIXTURES: readonly GrammarFixture[] = [
  {
    name: 'simple expression',
    grammar: `
      root ::= expr
      expr ::= term ("+" term)*
      term ::= number
      number ::= [0-9]+`,
    yes: ['42', '1+2+3+4+5', '123+456'],
    no: ['+', '/ 3', '1+2+3+4+5+', '12a45', ''],
  },
  {
    name: 'arithmetic',
    grammar: ARITHMETIC,
    yes: [
      '42',
      '1*2*3*4*5',
      'x',
      'x+10',
      'x1+y2',
      '(a+b)*(c-d)',
      'func()',
      'func(x,y+2)',
      'a*(b+c)-d/e',
      'f(g(x),h(y,z))',
      'x + 10',
      'x1 + y2',
      '(a + b) * (c - d)',
      'func(x, y + 2)',
      'a * (b + c) - d / e',
      'f(g(x), h(y, z))',
      '123+456',
      '123*456*789-123/456+789*123',
      '123+456*789-123/456+789*123-456/789+123*456-789/123+456*789-123/456+789*123-456',
      'x\n+\ny',
      'x  + y',
    ],
    no: [
      '+',
      '/ 3x',
      'x + + y',
      'a * / b',
      'func(,)',
      'func(x y)',
      '(a + b',
      'x + y)',
      'a + b * (c - d',
      '42 +',
      'x +',
      'x + 10 +',
      '(a + b) * (c - d',
      'func(',
      'func(x, y + 2',
      'a * (b + c) - d /',
      'f(g(x), h(y, z)',
      '123+456*789-123/456+789*123-456/789+123*456-789/123+456*789-123/456+789*123-456/',
      'x\t+ y',
    ],
  },
  {
    name: 'any character',
    grammar: 'root ::= ... "abc" ...',
    yes: ['abcabcabc', 'aaaabcccc', '\n\n\nabc~~~', '   abc   '],
    no: ['aaabcccc', 'aaaaabcccc', 'aaaabccc', 'aaaabccccc', 'abc'],
  },
  {
    name: '* quantifier',
    grammar: 'root ::= "a"*',
    yes: ['', 'a', 'aaaaa', 'a'.repeat(62)],
    no: ['b', 'ab', 'aab', 'ba', `${'a'.repeat(62)}b`],
  },
  {
    name: '+ quantifier',
    grammar: 'root ::= "a"+',
    yes: ['a', 'aaaaa', 'a'.repeat(62)],
    no: ['', 'b', 'ab', 'aab', 'ba'],
  },
  { name: '? quantifier', grammar: 'root ::= "a"?', yes: ['', 'a'], no: ['b', 'ab', 'aa', 'ba'] },
  {
    name: 'mixed quantifiers',
    grammar: `
      root ::= cons+ vowel* cons? (vowel cons)*
      vowel ::= [aeiouy]
      cons ::= [bcdfghjklmnpqrstvwxyz]`,
    yes: ['yes', 'no', 'noyes', 'crwth', 'four', 'bryyyy'],
    no: ['yess', 'yesno', 'forty', 'catyyy', ''],
  },
  { name: 'exact repetition', grammar: 'root ::= [ab]{4}', yes: ['aaaa', 'bbbb', 'abab'], no: ['a', 'b', 'aaaaa', ''] },
  {
    name: 'min repetition',
    grammar: 'root ::= [ab]{4,}',
    yes: ['aaaa', 'aaaaab', 'bbbb', 'ababab', 'ab'.repeat(20)],
    no: ['', 'aba', 'aaac'],
  },
  { name: 'max repetition', grammar: 'root ::= [ab]{0,4}', yes: ['', 'a', 'aa', 'aaa', 'aaab'], no: ['aaaaa', 'c'] },
  {
    name: 'min / max repetition of a group',
    grammar: 'root ::= ("0x" [A-F0-9]{2} " "?){3,5}',
    yes: ['0xFF 0x12 0xAB', '0xFF 0x12 0xAB 0x00 0x00', '0xFF0x120xAB', '0xFF 0x12 0xAB '],
    no: ['', '0xFF', '0xFF 0x12', '0xFF 0x12 0xAB 0x00 0x00 0x00', '0xff 0x12 0xAB'],
  },
  {
    name: 'spaces inside braces, {0}',
    grammar: 'root ::= "a"{ 2 , 3 } "b"{0} "c"{1}',
    yes: ['aac', 'aaac'],
    no: ['ac', 'aaaac', 'aabc', 'aa'],
  },
  { name: 'star of a star', grammar: 'root ::= ( [x]* )*', yes: ['', 'x', 'xx', 'xxxxxxxx'], no: ['y', 'yy', 'xy'] },
  {
    name: 'stacked postfix',
    grammar: 'root ::= "ab"?+ "c"{2}?',
    yes: ['', 'ab', 'abab', 'cc', 'ababcc'],
    no: ['c', 'abc', 'ccc', 'aab'],
  },
  {
    name: 'left recursion',
    grammar: 'root ::= "a" | root "a"',
    yes: ['a', 'aa', 'a'.repeat(40)],
    no: ['', 'b', 'ab', 'ba'],
  },
  {
    name: 'indirect left recursion',
    grammar: `
      root ::= asdf
      asdf ::= "a" | foo "b"
      foo ::= "c" | asdf "d" | "e"`,
    yes: ['a', 'cb', 'eb', 'adb', 'cbdb', 'adbdb', 'ebdbdb'],
    no: ['', 'b', 'c', 'ad', 'ab', 'adbd'],
  },
  {
    name: 'left recursion through a nullable rule',
    grammar: `
      root ::= asdf
      asdf ::= "a" | foo "b"
      foo ::= "c" | empty asdf "d" | "e"
      empty ::= "blah" | `,
    yes: ['a', 'cb', 'adb', 'blahadb', 'blahcbdb', 'blahblahadbdb'],
    no: ['blah', 'blahab', '', 'blahdb'],
  },
  {
    name: 'left-recursive list',
    grammar: `
      root ::= "[" list "]"
      list ::= item | list "," item
      item ::= [0-9]+`,
    yes: ['[1]', '[1,22,333]', `[${Array.from({ length: 30 }, (_, i) => i).join(',')}]`],
    no: ['[]', '[1,]', '[,1]', '1,2', '[1,,2]'],
  },
  {
    name: 'right recursion',
    grammar: 'root ::= "x" root | "y"',
    yes: ['y', 'xy', 'xxxxxxxxy'],
    no: ['', 'x', 'yx', 'xyy'],
  },
  {
    name: 'nullable rules',
    grammar: `
      root ::= e e e "|" opt "z" opt
      e ::= | "e"
      opt ::= "o"*`,
    yes: ['|z', 'e|z', 'eee|z', '|ozoo', 'ee|oooz'],
    no: ['eeee|z', '|', 'z', '|o', 'e|zz'],
  },
  {
    name: 'a nullable rule everywhere',
    grammar: `
      root ::= n n (n "a" n)* n
      n ::= m m
      m ::= ("" | n0)
      n0 ::= ""`,
    yes: ['', 'a', 'aaaa'],
    no: ['b', 'ab'],
  },
  {
    name: 'lists',
    grammar: LIST,
    yes: ['- a\n', '- apples\n- pears\n', '- - -\n'],
    no: ['', '- \n', '- a', '-a\n', '- a\n\n'],
  },
  {
    name: 'negated classes and escapes',
    grammar: 'root ::= "\\"" ( [^"\\\\] | "\\\\" ["\\\\nt] )* "\\""',
    yes: ['"abc"', '"a\\"b"', '""', '"\\\\"', '"a\\nb"', '"new\nline"'],
    no: ['"a', '"a"b"', '"\\q"', 'abc', '"\\"'],
  },
  {
    name: 'hex and unicode escapes',
    grammar: 'root ::= "\\x41" [\\x30-\\x39] "\\u0042" [\\U00000061-\\U00000063] "\\x0A"?',
    yes: ['A0Ba', 'A9Bc\n'],
    no: ['A0B', 'a0Ba', 'A0Bd', 'A0Ba\n\n'],
  },
  {
    name: 'classes with dashes and brackets',
    grammar: 'root ::= [-a]+ [a-] [\\]\\[] [[] [^\\]]',
    yes: ['-aa[[x', 'a-][\n'],
    no: ['b-][x', '-a[[]'],
  },
  {
    name: 'characters outside the vocabulary drop out',
    grammar: 'root ::= "a" ("\\t" | "é" | "\\u00e9" | [\\x00-\\x09])? "b" [^a]',
    yes: ['ab\n', 'abb', 'ab~'],
    no: ['a\tb\n', 'aéb\n', 'aba', 'ab', 'ab\t'],
  },
  {
    name: 'alternation of groups',
    grammar: 'root ::= ("ab" | "c"){2,3} ("-" | )',
    yes: ['abab', 'cc', 'abcab', 'cab-', 'ccc-'],
    no: ['ab', 'c', 'abababab', 'cccc', '-'],
  },
  {
    name: 'integer without leading zeros',
    grammar: 'root ::= "-"? ([0-9] | [1-9] [0-9]{1,15})',
    yes: ['0', '-12', '1234567890123456', '-9'],
    no: ['01', '', '12345678901234567', '-', '--1', '1-'],
  },
  {
    name: 'rules spread over lines, comments, names with dashes and digits',
    grammar: `
      # greeting grammar
      root ::= greeting
        " " name-2   # a name follows
        "!"
      greeting ::= "hello"
        | "hi" # short
      name-2 ::=
        [A-Z]
        [a-z]*
      `,
    yes: ['hello World!', 'hi X!', 'hi Ada!'],
    no: ['hello world!', 'hey Ada!', 'hi Ada', 'hiAda!'],
  },
  {
    name: 'JSON-like',
    grammar: JSON_LIKE,
    yes: [
      '{}',
      '{"a": 1}',
      '{"a":[1,2,{"b":null}],"c":"x\\"y","d":true}',
      '{"x": -0.5e+3, "y": "\\u00e9"}',
      '{\n  "list": [\n    1,\n    2\n  ]\n}',
      '{"key": "value"} ',
    ],
    no: ['', '[]', '{', '{"a"}', '{"a": 01}', '{"a": tru}', '{"a": "\n"}', '{a: 1}', '{"a": 1,}', '{} {}'],
  },
  {
    name: 'chess',
    grammar: CHESS,
    yes: ['1. e4 e5\n2. Nf3 Nc6\n', '1. d4 d5\n2. c4 dxc4\n3. Nf3 Nf6\n4. e3 O-O\n', '1. e4 e5\n12. Qxf7# O-O-O\n'],
    no: ['1. e4 e5\n', '1. e4\n2. d4 d5\n', '1. e9 e5\n2. Nf3 Nc6\n', '1. e4 e5\n2. Nf3 Nc6'],
  },
];
