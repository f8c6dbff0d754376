import Ajv from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConstraintError } from '../../matcher.ts';
import { SchemaError } from '../schema-error.ts';
import { decimalOf, nextDown, nextUp } from './decimal.ts';
import { MAX_INT_DIGITS } from './lexeme-caps.ts';
import { accepts, checkState, randomWalk, run, seeded, statesWithin } from './lexeme-test-helpers.ts';
import { type IntegerLexemeOptions, jsonIntegerLexeme, jsonNumberLexeme, type NumberBounds } from './number-lexeme.ts';

interface Case<O> {
  readonly opts: O;
  readonly yes: readonly string[];
  readonly no: readonly string[];
}

const INTEGER_CASES: Case<IntegerLexemeOptions>[] = [
  {
    opts: {},
    yes: ['0', '-0', '1', '-1', '10', '9007199254740993', '-12345678901234567890'],
    no: ['', '-', '01', '-01', '00', '1.0', '1e3', '+1', ' 1', '1 ', '--1'],
  },
  {
    opts: { minimum: 456 },
    yes: ['456', '457', '460', '499', '500', '999', '1000', '123456'],
    no: ['455', '0', '-456', '45', '99', '-0'],
  },
  { opts: { minimum: 0 }, yes: ['0', '-0', '1', '1000000'], no: ['-1', '-10'] },
  {
    opts: { minimum: -123, maximum: 42 },
    yes: ['-123', '-122', '-100', '-99', '-1', '-0', '0', '9', '10', '39', '40', '42'],
    no: ['-124', '-200', '-1000', '43', '50', '100', '420'],
  },
  { opts: { maximum: 0 }, yes: ['0', '-0', '-1', '-999999999999'], no: ['1', '10'] },
  { opts: { exclusiveMaximum: 0 }, yes: ['-1', '-2', '-10'], no: ['0', '-0', '1'] },
  { opts: { exclusiveMinimum: 0 }, yes: ['1', '2', '10'], no: ['0', '-0', '-1'] },
  { opts: { minimum: 0, maximum: 10 }, yes: ['0', '-0', '1', '9', '10'], no: ['11', '-1', '100', '01'] },
  { opts: { exclusiveMinimum: 0, exclusiveMaximum: 10 }, yes: ['1', '5', '9'], no: ['0', '10', '-0'] },
  { opts: { minimum: -10, maximum: -5 }, yes: ['-10', '-9', '-5'], no: ['-11', '-4', '0', '-0', '5', '-100'] },
  {
    opts: { minimum: -5, maximum: 21 },
    yes: ['-5', '-1', '0', '9', '10', '19', '20', '21'],
    no: ['-6', '-10', '22', '30', '100'],
  },
  {
    opts: { minimum: 1, maximum: 900 },
    yes: ['1', '9', '10', '99', '100', '899', '900'],
    no: ['0', '-0', '901', '999', '1000'],
  },
  {
    opts: { minimum: 12, maximum: 34 },
    yes: ['12', '19', '20', '29', '30', '34'],
    no: ['11', '1', '35', '40', '3', '123'],
  },
  { opts: { minimum: 0, maximum: 15 }, yes: ['0', '9', '10', '15'], no: ['16', '-1', '100'] },
  { opts: { minimum: -1, maximum: 1 }, yes: ['-1', '-0', '0', '1'], no: ['-2', '2', '10', '-10'] },
  { opts: { minimum: 0.5 }, yes: ['1', '2'], no: ['0', '-0'] },
  { opts: { maximum: 2.5, minimum: -2.5 }, yes: ['-2', '2', '0'], no: ['3', '-3'] },
  { opts: { exclusiveMinimum: 1.5, exclusiveMaximum: 3.5 }, yes: ['2', '3'], no: ['1', '4'] },
  {
    opts: { minimum: 1e15, maximum: 1e15 + 10 },
    yes: ['1000000000000000', '1000000000000010'],
    no: ['999999999999999', '1000000000000011', '10000000000000000'],
  },
  {
    opts: { maximum: -1e15 },
    yes: ['-1000000000000000', '-1000000000000001', '-99999999999999999'],
    no: ['-999999999999999', '0'],
  },
  { opts: { multipleOf: 3 }, yes: ['0', '-0', '3', '-3', '99', '123456789'], no: ['1', '2', '-4', '100'] },
  { opts: { multipleOf: 7, minimum: 0, maximum: 100 }, yes: ['0', '7', '49', '98'], no: ['105', '-7', '50', '1'] },
  { opts: { multipleOf: 100 }, yes: ['0', '100', '-300', '123400'], no: ['10', '150', '1001'] },
  {
    opts: { multipleOf: 100, minimum: 150, maximum: 1000 },
    yes: ['200', '1000', '900'],
    no: ['100', '1100', '0', '250'],
  },
  { opts: { multipleOf: [4, 6] }, yes: ['12', '24', '-36'], no: ['4', '6', '18'] },
  {
    opts: { multipleOf: 7, exclusiveMinimum: -15, exclusiveMaximum: 15 },
    yes: ['-14', '-7', '0', '7', '14'],
    no: ['-21', '21', '1'],
  },
  {
    opts: { multipleOf: 5 },
    yes: ['9007199254740990', '-9007199254740990'],
    no: ['9007199254740995', '90071992547409900'], // beyond 2^53 − 1: not produced with multipleOf
  },
];

const NUMBER_CASES: Case<NumberBounds>[] = [
  {
    opts: {},
    yes: ['0', '-0', '1.5', '-0.0', '1e5', '1E+5', '1e-05', '-12.34e99', '0.000001', '123456789012345678901234567890'],
    no: ['', '-', '.5', '5.', '01', '1e', '1e+', '1e999', '+1', '1.5.5', '0x1', '1e100'],
  },
  {
    opts: { minimum: 0.01, maximum: 1.5 },
    yes: ['0.01', '0.010', '0.011', '0.1', '1', '1.5', '1.50', '1.499999', '0.0100000000000000001'],
    no: ['0', '0.009', '0.0099999999999', '1.5000001', '2', '-1', '1e0', '0.01e0'],
  },
  {
    opts: { minimum: -1.5, maximum: -0.25 },
    yes: ['-1.5', '-1', '-0.25', '-0.3', '-1.49'],
    no: ['-1.51', '-0.2', '0', '-0', '-2', '1'],
  },
  { opts: { minimum: 0 }, yes: ['0', '-0', '-0.0', '0.5', '123'], no: ['-0.1', '-1'] },
  { opts: { exclusiveMinimum: 0 }, yes: ['0.5', '1', '0.000000000001'], no: ['0', '-0', '0.0', '-0.5'] },
  { opts: { exclusiveMaximum: 10 }, yes: ['9', '9.99', '-100', '9.999999999'], no: ['10', '10.0', '11'] },
  {
    opts: { exclusiveMinimum: 0.1 },
    yes: ['0.2', '0.10000000000000002', '1'],
    no: ['0.1', '0.10000000000000001', '0.1000000000000000000001', '0.05'],
  },
  { opts: { minimum: 1e15 }, yes: ['1000000000000000', '1000000000000000.5'], no: ['999999999999999.9', '1e15'] },
  { opts: { maximum: 0 }, yes: ['0', '-0', '-5.5', '0.0'], no: ['0.1', '1'] },
];

const ajv = new Ajv({ allErrors: false });

function integerSchema(o: IntegerLexemeOptions): object {
  const { multipleOf, ...rest } = o;
  const ms = multipleOf === undefined ? [] : typeof multipleOf === 'number' ? [multipleOf] : multipleOf;
  return { type: 'integer', ...rest, ...(ms.length ? { allOf: ms.map((m) => ({ multipleOf: m })) } : {}) };
}

describe('integer lexeme: accept/reject lists', () => {
  for (const c of INTEGER_CASES) {
    it(`${JSON.stringify(c.opts)}`, () => {
      const lex = jsonIntegerLexeme(c.opts);
      for (const y of c.yes) expect(accepts(lex, y), `${y} in ${lex.name}`).toBe(true);
      for (const n of c.no) expect(accepts(lex, n), `${n} not in ${lex.name}`).toBe(false);
    });
  }
});

describe('number lexeme: accept/reject lists', () => {
  for (const c of NUMBER_CASES) {
    it(`${JSON.stringify(c.opts)}`, () => {
      const lex = jsonNumberLexeme(c.opts);
      for (const y of c.yes) expect(accepts(lex, y), `${y} in ${lex.name}`).toBe(true);
      for (const n of c.no) expect(accepts(lex, n), `${n} not in ${lex.name}`).toBe(false);
    });
  }
});

/** Exact check of a text against the options, with BigInt/decimal arithmetic. */
function integerSatisfies(o: IntegerLexemeOptions, text: string): boolean {
  const n = BigInt(text);
  const lo = o.minimum !== undefined ? o.minimum : undefined;
  const v = JSON.parse(text) as number;
  if (lo !== undefined && !(v >= lo)) return false;
  if (o.maximum !== undefined && !(v <= o.maximum)) return false;
  if (o.exclusiveMinimum !== undefined && !(v > o.exclusiveMinimum)) return false;
  if (o.exclusiveMaximum !== undefined && !(v < o.exclusiveMaximum)) return false;
  const ms = o.multipleOf === undefined ? [] : typeof o.multipleOf === 'number' ? [o.multipleOf] : o.multipleOf;
  return ms.every((m) => n % BigInt(m) === 0n);
}

describe('soundness by random walks', () => {
  const intOpts: IntegerLexemeOptions[] = [
    ...INTEGER_CASES.map((c) => c.opts),
    { minimum: -5, maximum: 5, multipleOf: 2 },
  ];
  intOpts.forEach((o, i) => {
    it(`integer ${JSON.stringify(o)}`, () => {
      const lex = jsonIntegerLexeme(o);
      const rand = seeded(100 + i);
      const validate = ajv.compile(integerSchema(o));
      for (let k = 0; k < 300; k++) {
        const budget = lex.dist(lex.initial) + Math.floor(rand() * 25);
        const out = randomWalk(lex, rand, budget);
        expect(out.length).toBeLessThanOrEqual(budget);
        expect(/^-?(0|[1-9][0-9]*)$/.test(out), out).toBe(true);
        expect(integerSatisfies(o, out), `${out} for ${lex.name}`).toBe(true);
        expect(validate(JSON.parse(out)), `${out} for ${lex.name} (ajv)`).toBe(true);
      }
    });
  });
  const numOpts: NumberBounds[] = [
    ...NUMBER_CASES.map((c) => c.opts),
    { exclusiveMinimum: -1.5, exclusiveMaximum: 0 },
    { minimum: 123.456, maximum: 123.457 },
    { exclusiveMinimum: 5e-324 },
  ];
  numOpts.forEach((o, i) => {
    it(`number ${JSON.stringify(o)}`, () => {
      const lex = jsonNumberLexeme(o);
      const rand = seeded(200 + i);
      const validate = ajv.compile({ type: 'number', ...o });
      for (let k = 0; k < 300; k++) {
        const budget = lex.dist(lex.initial) + Math.floor(rand() * 30);
        const out = randomWalk(lex, rand, budget);
        expect(/^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(out), out).toBe(true);
        const v = JSON.parse(out) as number;
        expect(Number.isFinite(v)).toBe(true);
        expect(validate(v), `${out} for ${lex.name} (ajv)`).toBe(true);
      }
    });
  });
  it('long walks stay finite (digit caps) and within the budget', () => {
    const rand = seeded(7);
    for (const lex of [jsonIntegerLexeme(), jsonNumberLexeme(), jsonNumberLexeme({ minimum: 0 })]) {
      for (let k = 0; k < 20; k++) {
        const out = randomWalk(lex, rand, 700, 0.001);
        expect(Number.isFinite(JSON.parse(out) as number), `${out.length} chars`).toBe(true);
      }
    }
  });
});

describe('completeness: in-range values are accepted', () => {
  it('integers in random ranges, with and without multipleOf', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.integer({ min: -200_000, max: 200_000 }), { minLength: 1, maxLength: 10 }),
        (lo, width, k, values) => {
          const hi = lo + width;
          const plain = jsonIntegerLexeme({ minimum: lo, maximum: hi });
          const mult = jsonIntegerLexeme({ minimum: lo, maximum: hi + k, multipleOf: k });
          for (const v of values) {
            expect(accepts(plain, String(v))).toBe(v >= lo && v <= hi);
            expect(accepts(mult, String(v))).toBe(v >= lo && v <= hi + k && v % k === 0);
          }
        },
      ),
      { numRuns: 120, seed: 42 },
    );
  });
  it('decimals in random decimal ranges', () => {
    const dec = fc
      .tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 0, max: 3 }))
      .map(([m, e]) => Number((m / 10 ** e).toFixed(e)));
    fc.assert(
      fc.property(
        dec,
        dec,
        fc.array(fc.tuple(fc.integer({ min: -999999, max: 999999 }), fc.integer({ min: 0, max: 5 }))),
        (a, b, vs) => {
          const lo = Math.min(a, b);
          const hi = Math.max(a, b);
          const lex = jsonNumberLexeme({ minimum: lo, maximum: hi });
          for (const [m, e] of vs) {
            const neg = m < 0;
            const digits = String(Math.abs(m)).padStart(e + 1, '0');
            const text = `${neg ? '-' : ''}${e ? `${digits.slice(0, -e)}.${digits.slice(-e)}` : digits}`;
            const v = Number(text);
            expect(accepts(lex, text), `${text} in [${lo}, ${hi}]`).toBe(v >= lo && v <= hi);
          }
        },
      ),
      { numRuns: 150, seed: 43 },
    );
  });
});

describe('exact dist, allowedInto, minStep, maxStep (brute force)', () => {
  const lexemes = [
    jsonIntegerLexeme({ minimum: 456 }),
    jsonIntegerLexeme({ minimum: -123, maximum: 42 }),
    jsonIntegerLexeme({ minimum: -20, maximum: 100, multipleOf: 7 }),
    jsonIntegerLexeme({ multipleOf: 13 }),
    jsonIntegerLexeme({ exclusiveMinimum: 0, multipleOf: 100 }),
    jsonNumberLexeme({ minimum: 0.01, maximum: 1.5 }),
    jsonNumberLexeme({ exclusiveMinimum: -1.5, exclusiveMaximum: 2 }),
    jsonNumberLexeme(),
  ];
  for (const lex of lexemes)
    it(lex.name, () => {
      for (const s of statesWithin(lex, 5, 400)) expect(checkState(lex, s, 40), `state ${s}`).toEqual([]);
    });
});

describe('bounds and errors', () => {
  it('reads bounds as exact decimals and exclusive bounds through the next double', () => {
    expect(decimalOf(0.1)).toEqual({ neg: false, int: '0', frac: '1' });
    expect(decimalOf(1e21)).toEqual({ neg: false, int: '1000000000000000000000', frac: '' });
    expect(decimalOf(-1.5e-7)).toEqual({ neg: true, int: '0', frac: '00000015' });
    expect(nextUp(1) > 1 && nextDown(1) < 1).toBe(true);
    expect(nextUp(0)).toBe(Number.MIN_VALUE);
    // 2^53 < x: the next double after 2^53 is 2^53 + 2, so 2^53 + 1 (which parses to 2^53) is not produced
    const big = jsonIntegerLexeme({ exclusiveMinimum: 2 ** 53 });
    expect(accepts(big, '9007199254740993')).toBe(false);
    expect(accepts(big, '9007199254740994')).toBe(true);
  });
  it('empty ranges give a lexeme out of reach; invalid options and caps are errors naming the pointer', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ConstraintError);
        expect(e).toBeInstanceOf(SchemaError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    for (const lex of [
      jsonIntegerLexeme({ minimum: 5, maximum: 4 }),
      jsonIntegerLexeme({ minimum: 1.2, maximum: 1.8 }),
      jsonIntegerLexeme({ minimum: 1, maximum: 4, multipleOf: 5 }),
      jsonIntegerLexeme({ exclusiveMinimum: 3, exclusiveMaximum: 4 }),
      jsonNumberLexeme({ minimum: 2, exclusiveMaximum: 2 }),
      jsonNumberLexeme({ exclusiveMinimum: Number.MAX_VALUE }),
    ]) {
      expect(lex.dist(lex.initial), lex.name).toBe(Number.POSITIVE_INFINITY);
      expect(lex.step(lex.initial, 17)).toBe(-1);
    }
    expect(err(() => jsonIntegerLexeme({ multipleOf: 0.5, pointer: '/x' }))).toMatch(
      /^json_schema: multipleOf 0.5 .* at #\/x$/,
    );
    expect(err(() => jsonIntegerLexeme({ multipleOf: 3, minimum: Number.NaN, pointer: '#/y' }))).toMatch(
      /not a finite number at #\/y$/,
    );
    const cap = (() => {
      try {
        jsonIntegerLexeme({ multipleOf: [9999, 9998] });
      } catch (e) {
        return e as SchemaError;
      }
      return undefined;
    })();
    expect(cap?.message).toMatch(/\(cap multipleOf\)/);
    expect(cap?.cap).toBe('multipleOf');
    expect(err(() => jsonNumberLexeme({ minimum: Number.POSITIVE_INFINITY }))).toMatch(/not a finite number/);
  });
  it('caps integer digits only where no bound limits the magnitude', () => {
    const lex = jsonIntegerLexeme({ minimum: 0 });
    expect(accepts(lex, `1${'0'.repeat(MAX_INT_DIGITS - 1)}`)).toBe(true);
    expect(accepts(lex, `1${'0'.repeat(MAX_INT_DIGITS)}`)).toBe(false);
    const bounded = jsonIntegerLexeme({ minimum: 1e305, maximum: 1e306 });
    expect(accepts(bounded, `5${'0'.repeat(305)}`)).toBe(true);
    expect(run(jsonNumberLexeme(), `1${'0'.repeat(250)}e`)).toBe(-1); // exponent only after ≤ 200 digits
  });
});
