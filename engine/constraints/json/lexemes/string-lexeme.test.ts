import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Lexeme } from '../../lexeme.ts';
import { ConstraintError } from '../../matcher.ts';
import { SchemaError } from '../schema-error.ts';
import { MAX_COUNT } from './lexeme-caps.ts';
import { accepts, checkState, randomWalk, run, seeded, statesWithin } from './lexeme-test-helpers.ts';
import { jsonStringLexeme, type StringLexemeSpec } from './string-lexeme.ts';

/** The canonical JSON spelling the lexeme expects (hex digits in the given case), or undefined for astral text. */
function encode(s: string, upper = false): string | undefined {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0xffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (cp >= 32 && cp <= 126) out += ch;
    else if (cp === 8) out += '\\b';
    else if (cp === 9) out += '\\t';
    else if (cp === 10) out += '\\n';
    else if (cp === 12) out += '\\f';
    else if (cp === 13) out += '\\r';
    else {
      const hex = cp.toString(16).padStart(4, '0');
      out += `\\u${upper ? hex.toUpperCase() : hex}`;
    }
  }
  return `${out}"`;
}

/** The reference: whether a decoded string satisfies the spec. */
function satisfies(spec: StringLexemeSpec, s: string): boolean {
  const len = [...s].length;
  if (spec.minLength !== undefined && len < spec.minLength) return false;
  if (spec.maxLength !== undefined && len > spec.maxLength) return false;
  const pats = spec.pattern === undefined ? [] : typeof spec.pattern === 'string' ? [spec.pattern] : spec.pattern;
  if (!pats.every((p) => new RegExp(p, 'u').test(s))) return false;
  if (spec.notIn?.includes(s)) return false;
  const kp = spec.keyPatterns ?? {};
  if (!(kp.allOf ?? []).every((p) => new RegExp(p, 'u').test(s))) return false;
  if (kp.anyOf && !kp.anyOf.some((p) => new RegExp(p, 'u').test(s))) return false;
  if ((kp.noneOf ?? []).some((p) => new RegExp(p, 'u').test(s))) return false;
  return true;
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConstraintError);
    expect(e).toBeInstanceOf(SchemaError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('encoding', () => {
  const lex = jsonStringLexeme();
  it('accepts every canonical spelling', () => {
    for (const t of [
      '""',
      '"a"',
      '"\\""',
      '"\\\\"',
      '"/"',
      '"\\/"',
      '"\\b\\f\\n\\r\\t"',
      '"\\u00e9"',
      '"\\u00E9"',
      '"\\u0000"',
      '"\\u001f"',
      '"\\u001F"',
      '"\\u007f"',
      '"\\uffff"',
      '"\\uFfFf"',
      '"\\ue000"',
      '"\\ud7ff"',
      '"\\u000b"',
      '" ~!#$%&\'()*+,-.:;<=>?@[]^_`{|}"',
    ])
      expect(accepts(lex, t), t).toBe(true);
  });
  it('refuses other spellings and broken strings', () => {
    for (const t of [
      '',
      '"',
      'a',
      '"a',
      '"a"b',
      '"\n"',
      '"\\u0041"', // printable ASCII never via \u
      '"\\u0022"',
      '"\\u005c"',
      '"\\u000a"', // a newline only as \n
      '"\\u0009"',
      '"\\ud800"', // surrogates never
      '"\\udfff"',
      '"\\x41"',
      '"\\u12"',
      '"\\u12g4"',
      '"\\a"',
      '"\\U00e9"',
      '"\\"',
    ])
      expect(accepts(lex, t), t).toBe(false);
  });
  it('states and distances along a string', () => {
    expect(lex.dist(lex.initial)).toBe(2);
    const afterBackslash = run(lex, '"\\');
    expect(lex.dist(afterBackslash)).toBe(2); // one escape character and the quote
    expect(lex.dist(run(lex, '"\\u'))).toBe(5);
    expect(lex.dist(run(lex, '"\\u00'))).toBe(3);
    expect(run(lex, '"\\u002')).toBe(-1); // U+0020–U+002F are all printable
    expect(run(lex, '"\\ud8')).toBe(-1);
    expect(lex.accepting(run(lex, '"x"'))).toBe(true);
    expect(lex.step(run(lex, '"x"'), 1)).toBe(-1);
  });
});

describe('lengths count decoded code points', () => {
  it('minLength and maxLength', () => {
    const lex = jsonStringLexeme({ minLength: 2, maxLength: 3 });
    expect(accepts(lex, '"ab"')).toBe(true);
    expect(accepts(lex, '"\\u00e9\\n"')).toBe(true);
    expect(accepts(lex, '"\\"\\\\\\/"')).toBe(true);
    expect(accepts(lex, '"a"')).toBe(false);
    expect(accepts(lex, '"abcd"')).toBe(false);
    expect(accepts(lex, '"ab\\u00e9x"')).toBe(false);
    expect(lex.dist(lex.initial)).toBe(4);
    expect(lex.dist(run(lex, '"abc'))).toBe(1);
    expect(run(lex, '"abc\\')).toBe(-1); // no room for a fourth character
  });
  it('bounds past MAX_COUNT: maxLength is unbounded, minLength unreachable within any budget', () => {
    const open = jsonStringLexeme({ maxLength: 100_000 });
    expect(open.name).toBe('string{0,100000}');
    const long = jsonStringLexeme({ minLength: 100_000 });
    expect(long.dist(long.initial)).toBe(MAX_COUNT + 2);
    expect(jsonStringLexeme({ minLength: 5, maxLength: 4 }).dist(0)).toBe(Number.POSITIVE_INFINITY);
  });
});

const LANGUAGE_SPECS: StringLexemeSpec[] = [
  { pattern: 'ab' },
  { pattern: '^ab' },
  { pattern: 'ab$' },
  { pattern: '^a|b$' },
  { pattern: '^(?:a|é)+$' },
  { pattern: '^[^a]*$', maxLength: 4 },
  { pattern: '^.$' },
  { pattern: '\\d{2}', minLength: 3 },
  { pattern: '^\\p{Lu}' },
  { pattern: ['a', 'b'], maxLength: 5 },
  { pattern: '^[\\s\\S]{2}$' },
  { pattern: '"|\\\\' },
  { pattern: '^[\\u0000-\\u001f]+$' },
  { notIn: ['a', 'ab', '', 'é'] },
  { keyPatterns: { allOf: ['a'], noneOf: ['b', '^c'] } },
  { keyPatterns: { anyOf: ['^a', 'z$'] }, notIn: ['az'] },
  { keyPatterns: { anyOf: [] } },
  { minLength: 1, maxLength: 2, notIn: ['x'] },
];

const charArb = fc.constantFrom(
  'a',
  'b',
  'c',
  'z',
  'A',
  'É',
  'é',
  '1',
  '2',
  '"',
  '\\',
  '/',
  '\n',
  '\t',
  '\u0001',
  '\u007f',
  ' ',
  '\uffff',
);

describe('the decoded language equals the reference (patterns, notIn, key classes, lengths)', () => {
  LANGUAGE_SPECS.forEach((spec) => {
    it(JSON.stringify(spec), () => {
      const lex = jsonStringLexeme(spec);
      fc.assert(
        fc.property(fc.array(charArb, { maxLength: 7 }), fc.boolean(), (chars, upper) => {
          const s = chars.join('');
          const text = encode(s, upper) ?? '';
          expect(accepts(lex, text), `${text} for ${lex.name}`).toBe(satisfies(spec, s));
        }),
        { numRuns: 400, seed: 5 },
      );
    });
  });
  it('anyOf of no patterns allows nothing', () => {
    expect(jsonStringLexeme({ keyPatterns: { anyOf: [] } }).dist(0)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('generated patterns: search semantics, anchors and lengths agree with RegExp (u flag)', () => {
  const atom = fc.constantFrom(
    'a',
    'b',
    'é',
    '.',
    '[a-c]',
    '[^a]',
    '\\d',
    '(?:ab|c)',
    '\\n',
    '"',
    '\\\\',
    '\\u0001',
    '\\p{Lu}',
  );
  const quant = fc.constantFrom('', '', '*', '+', '?', '{1,2}', '{2}');
  const alt = fc
    .tuple(fc.boolean(), fc.array(fc.tuple(atom, quant), { minLength: 1, maxLength: 3 }), fc.boolean())
    .map(([s, els, e]) => `${s ? '^' : ''}${els.map(([a, q]) => a + q).join('')}${e ? '$' : ''}`);
  const pattern = fc.array(alt, { minLength: 1, maxLength: 2 }).map((alts) => alts.join('|'));
  const bounds = fc.tuple(fc.option(fc.integer({ min: 0, max: 4 })), fc.option(fc.integer({ min: 0, max: 6 })));
  it('random patterns and strings', () => {
    fc.assert(
      fc.property(
        pattern,
        bounds,
        fc.array(fc.array(charArb, { maxLength: 6 }), { minLength: 20, maxLength: 20 }),
        (p, [lo, hi], strings) => {
          const spec: StringLexemeSpec = { pattern: p, minLength: lo ?? undefined, maxLength: hi ?? undefined };
          if ((lo ?? 0) > (hi ?? Number.POSITIVE_INFINITY)) return;
          let lex: Lexeme;
          try {
            lex = jsonStringLexeme(spec);
          } catch (e) {
            expect((e as Error).message).toMatch(/no string satisfies/);
            return;
          }
          for (const chars of strings) {
            const str = chars.join('');
            expect(accepts(lex, encode(str) ?? ''), `${JSON.stringify(str)} for /${p}/u`).toBe(satisfies(spec, str));
          }
        },
      ),
      { numRuns: 150, seed: 11 },
    );
  });
});

describe('soundness by random walks', () => {
  const specs: StringLexemeSpec[] = [
    {},
    { minLength: 3, maxLength: 5 },
    { maxLength: 1 },
    ...LANGUAGE_SPECS.filter((s) => s.keyPatterns?.anyOf?.length !== 0),
    { pattern: '^[a-z]+@[a-z]+\\.com$', maxLength: 12 },
    { pattern: '^\\u00e9{3}$' },
    { pattern: '^[\\u0100-\\u0fff]{1,2}$' },
  ];
  specs.forEach((spec, i) => {
    it(JSON.stringify(spec), () => {
      const lex = jsonStringLexeme(spec);
      const rand = seeded(300 + i);
      for (let k = 0; k < 200; k++) {
        const budget = lex.dist(lex.initial) + Math.floor(rand() * 30);
        const out = randomWalk(lex, rand, budget, 0.5);
        expect(out.length).toBeLessThanOrEqual(budget);
        const s = JSON.parse(out) as string;
        expect(typeof s).toBe('string');
        expect(satisfies(spec, s), `${out} for ${lex.name}`).toBe(true);
        expect(encode(s) === out || /\\\/|\\u[0-9a-f]*[A-F]/.test(out), `${out} is canonical`).toBe(true);
      }
    });
  });
});

describe('exact dist, allowedInto, minStep, maxStep (brute force)', () => {
  const specs: StringLexemeSpec[] = [
    {},
    { minLength: 2, maxLength: 3 },
    { minLength: 2 },
    { pattern: '^[a-c]*$', minLength: 1, maxLength: 3 },
    { pattern: 'é|"a', maxLength: 4 },
    { pattern: '^(?:\\u00e9|\\u0100x)+$' },
    { pattern: '^[\\u0001-\\u0007]|\\n' },
    { notIn: ['', 'a'], maxLength: 2 },
  ];
  for (const spec of specs)
    it(JSON.stringify(spec), () => {
      const lex: Lexeme = jsonStringLexeme(spec);
      const states = statesWithin(lex, 4, 300);
      for (const s of states) expect(checkState(lex, s, 16), `state ${s}`).toEqual([]);
    });
});

describe('errors name the position, the cap and the pointer', () => {
  it('unsupported and invalid patterns', () => {
    expect(errorOf(() => jsonStringLexeme({ pattern: 'a(?=b)', pointer: '/properties/x' }))).toMatch(
      /^json_schema: pattern "a\(\?=b\)": lookarounds .*\(at position 2\) at #\/properties\/x$/,
    );
    expect(errorOf(() => jsonStringLexeme({ pattern: '(a)\\1' }))).toMatch(/backreferences .*\(at position 4\) at #$/);
    expect(errorOf(() => jsonStringLexeme({ pattern: '(?<=a)', pointer: '#/p' }))).toMatch(/ at #\/p$/);
    expect(errorOf(() => jsonStringLexeme({ pattern: 'a^b' }))).toMatch(/anchor .*\(at position 2\)/);
    expect(errorOf(() => jsonStringLexeme({ pattern: '(' }))).toMatch(/not a valid regular expression/);
    expect(errorOf(() => jsonStringLexeme({ pattern: '\\q' }))).toMatch(/not a valid regular expression/); // u flag
    expect(errorOf(() => jsonStringLexeme({ pattern: 'a{2000}' }))).toMatch(/\(cap repetitionBound\)/);
    expect(errorOf(() => jsonStringLexeme({ keyPatterns: { noneOf: ['\\bx'] } }))).toMatch(/word boundaries/);
  });
  it('caps', () => {
    expect(errorOf(() => jsonStringLexeme({ pattern: 'a[ab]{14}' }))).toMatch(/\(cap dfaStates\)/);
    const e = (() => {
      try {
        jsonStringLexeme({ pattern: '^[a-z]{0,900}$', maxLength: 4000 });
      } catch (err) {
        return err as SchemaError;
      }
      return undefined;
    })();
    expect(e?.message).toMatch(/\(cap stringLengthTable\)/);
    expect(e?.cap).toBe('stringLengthTable');
  });
  it('empty languages give a lexeme out of reach (dist Infinity), not an error', () => {
    for (const spec of [
      { pattern: '^a$', minLength: 2 },
      { pattern: '^\\u{1F600}$' }, // astral code points are never produced
      { pattern: '^a$', notIn: ['a'] },
      { minLength: 3, maxLength: 2 },
    ]) {
      const lex = jsonStringLexeme(spec);
      expect(lex.dist(lex.initial), JSON.stringify(spec)).toBe(Number.POSITIVE_INFINITY);
      expect(lex.step(lex.initial, 3)).toBe(-1);
      expect(lex.maxStep(lex.initial)).toBe(0);
    }
    expect(errorOf(() => jsonStringLexeme({ pattern: '(', minLength: 3, maxLength: 2 }))).toMatch(/not a valid/);
  });
});

describe('names and speed', () => {
  it('names', () => {
    expect(jsonStringLexeme().name).toBe('string');
    expect(jsonStringLexeme({ minLength: 3, maxLength: 255, pattern: 'x' }).name).toBe('string{3,255}/pattern');
    expect(jsonStringLexeme({ format: ['email', 'nonsense'] }).name).toBe('string/format:email');
    expect(jsonStringLexeme({ notIn: ['a'], keyPatterns: { noneOf: ['b'] } }).name).toBe('string/notIn/keys');
  });
  it('wide Unicode classes compile to small hex automata', () => {
    const lex = jsonStringLexeme({ pattern: '^\\p{L}+$', maxLength: 64 }) as Lexeme & {
      stats: { decodedStates: number; hexStates: number };
    };
    expect(lex.stats.decodedStates).toBeLessThan(5);
    expect(lex.stats.hexStates).toBeLessThan(3000);
    expect(accepts(lex, '"\\u4e2d\\u6587x"')).toBe(true);
    expect(accepts(lex, '"\\u4e2d1"')).toBe(false);
  });
});
