// The JSON Schema compiler: completeness and exactness on the fixtures (every valid instance, written in the
// engine's key order and whitespace, is accepted; every invalid one rejected, in all three whitespace policies),
// the semantics the README promises (spec defaults, key order, whitespace), and the refusals (unimplemented
// keywords with their pointers, overlapping oneOf, caps), plus lenient and ignored keywords.
import { describe, expect, it } from 'vitest';
import { matcherAccepts } from '../grammar/grammar-test-helpers.ts';
import { compileJsonSchema } from './compile.ts';
import { SCHEMA_FIXTURES, SEED_SCHEMA } from './fixtures.ts';
import { parseLossless } from './lossless-json.ts';
import { SchemaError } from './schema-error.ts';
import type { Whitespace } from './whitespace.ts';
import { writeInstance } from './write-instance.ts';

const accepted = (schema: unknown, value: unknown, whitespace: Whitespace = 'spaced') =>
  writeInstance(
    compileJsonSchema(schema, { whitespace }).newMatcher(),
    parseLossless(JSON.stringify(value)),
    whitespace,
  ).accepted;

const errorOf = (schema: unknown, o: { lenient?: boolean } = {}): SchemaError => {
  try {
    compileJsonSchema(schema, o);
  } catch (e) {
    if (e instanceof SchemaError) return e;
    throw e;
  }
  throw new Error('compiled');
};

describe('fixtures: valid instances accepted, invalid ones rejected', () => {
  for (const f of SCHEMA_FIXTURES)
    it(f.name, () => {
      for (const ws of ['spaced', 'compact', 'flexible'] as const) {
        const k = compileJsonSchema(f.schema, { whitespace: ws });
        for (const v of f.valid) {
          const r = writeInstance(k.newMatcher(), parseLossless(JSON.stringify(v)), ws);
          expect(r.accepted, `${ws}: ${JSON.stringify(v)}`).toBe(true);
          expect(JSON.parse(r.text)).toEqual(v);
        }
        for (const v of f.invalid)
          expect(writeInstance(k.newMatcher(), parseLossless(JSON.stringify(v)), ws).accepted, JSON.stringify(v)).toBe(
            false,
          );
      }
    });
});

describe('semantics', () => {
  it('whitespace policies: spaced is {"a": 1, "b": [2, 3]}, compact has none, flexible allows both', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'integer' }, b: { type: 'array', items: { type: 'integer' } } },
    };
    const spaced = compileJsonSchema(schema);
    expect(spaced.info.whitespace).toBe('spaced');
    expect(matcherAccepts(spaced.newMatcher(), '{"a": 1, "b": [2, 3]}')).toBe(true);
    expect(matcherAccepts(spaced.newMatcher(), '{"a":1,"b":[2,3]}')).toBe(false);
    const compact = compileJsonSchema(schema, { whitespace: 'compact' });
    expect(matcherAccepts(compact.newMatcher(), '{"a":1,"b":[2,3]}')).toBe(true);
    expect(matcherAccepts(compact.newMatcher(), '{"a": 1}')).toBe(false);
    const flexible = compileJsonSchema(schema, { whitespace: 'flexible' });
    for (const t of ['{"a":1,"b":[2,3]}', '{"a": 1, "b": [2, 3]}', '{\n  "a": 1,\n  "b": [\n    2\n  ]\n}'])
      expect(matcherAccepts(flexible.newMatcher(), t), t).toBe(true);
  });

  it('listed properties come first in schema order, then extra ones (additionalProperties defaults to true)', () => {
    const k = compileJsonSchema({ type: 'object', properties: { b: {}, a: {} } });
    expect(matcherAccepts(k.newMatcher(), '{"b": 1, "a": 2, "z": 3}')).toBe(true);
    expect(matcherAccepts(k.newMatcher(), '{"a": 2, "b": 1}')).toBe(false); // schema order
    expect(matcherAccepts(k.newMatcher(), '{"z": 3, "b": 1}')).toBe(false); // listed first
    expect(matcherAccepts(k.newMatcher(), '{"b": 1, "b": 2}')).toBe(false); // a listed key once
    const closed = compileJsonSchema(SEED_SCHEMA);
    expect(matcherAccepts(closed.newMatcher(), '{"topic": "a", "confidence": 0.5}')).toBe(true);
    expect(matcherAccepts(closed.newMatcher(), '{"topic": "a", "confidence": 0.5, "z": 1}')).toBe(false);
  });

  it('strings: non-ASCII enum values are \\u escapes; strings may hold \\u escapes; lengths count code points', () => {
    const k = compileJsonSchema({ enum: ['café'] });
    expect(matcherAccepts(k.newMatcher(), '"caf\\u00e9"')).toBe(true);
    expect(matcherAccepts(compileJsonSchema({ enum: ['café'] }).newMatcher(), '"cafe"')).toBe(false);
    const s = compileJsonSchema({ type: 'string', maxLength: 2 });
    expect(matcherAccepts(s.newMatcher(), '"\\u00e9\\n"')).toBe(true);
    expect(matcherAccepts(s.newMatcher(), '"\\u00e9\\na"')).toBe(false);
    // characters outside the Basic Multilingual Plane (surrogate pairs) are not produced: a documented limitation
    expect(matcherAccepts(s.newMatcher(), '"\\ud83d\\ude00"')).toBe(false);
    const p = compileJsonSchema({ type: 'string', pattern: '^a\\nb$' });
    expect(matcherAccepts(p.newMatcher(), '"a\\nb"')).toBe(true);
    expect(matcherAccepts(p.newMatcher(), '"anb"')).toBe(false);
  });

  it('a 10,000-value enum compiles as one trie and accepts exactly its values', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => `v${i}`);
    const k = compileJsonSchema({ enum: values });
    expect(k.stats.rules).toBeLessThan(10);
    for (const v of ['v0', 'v9999', 'v512']) expect(matcherAccepts(k.newMatcher(), `"${v}"`)).toBe(true);
    for (const v of ['v10000', 'v', 'v01']) expect(matcherAccepts(k.newMatcher(), `"${v}"`)).toBe(false);
    const huge = Array.from({ length: 60_000 }, (_, i) => `value number ${i}`);
    expect(errorOf({ enum: huge }).message).toMatch(/cap enumChars/);
  });
});

describe('refusals and reports', () => {
  it('unimplemented keywords are refused, each with its pointer; lenient skips and lists them', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'array', uniqueItems: true, contains: { type: 'integer' } },
        b: { not: { type: 'null' } },
      },
      if: { required: ['a'] },
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword under test
      then: { required: ['b'] },
    };
    const e = errorOf(schema);
    expect(e.keywords.map((k) => `${k.keyword} ${k.pointer}`).sort()).toEqual(
      [
        'contains /properties/a/contains',
        'if /if',
        'not /properties/b/not',
        'then /then',
        'uniqueItems /properties/a/uniqueItems',
      ].sort(),
    );
    expect(e.message).toMatch(/uniqueItems at #\/properties\/a\/uniqueItems/);
    const lenient = compileJsonSchema(schema, { lenient: true });
    expect([...lenient.info.skipped_keywords].sort()).toEqual(
      ['#/if', '#/properties/a/contains', '#/properties/a/uniqueItems', '#/properties/b/not', '#/then'].sort(),
    );
    // vacuous uses are not refused
    expect(() => compileJsonSchema({ type: 'array', uniqueItems: false })).not.toThrow();
  });

  it('keywords outside the vocabularies and unknown formats are ignored and listed; annotations silently', () => {
    const k = compileJsonSchema({
      title: 'T',
      description: 'D',
      examples: [1],
      type: 'object',
      'x-internal': true,
      javaType: 'com.example.T',
      properties: { c: { type: 'string', format: 'colour', default: 'red' } },
    });
    expect(k.info.ignored_keywords).toEqual(['#/x-internal', '#/javaType', '#/properties/c/format']);
  });

  it('oneOf whose branches may overlap is refused (not treated as anyOf); disjoint ones compile', () => {
    expect(errorOf({ oneOf: [{ type: 'integer' }, { type: 'number' }] }).message).toMatch(/oneOf/);
    expect(errorOf({ oneOf: [{ type: 'string' }, { minLength: 2 }] }).message).toMatch(/oneOf/);
    const k = compileJsonSchema({ oneOf: [{ type: 'string' }, { type: 'integer' }, { const: null }] });
    for (const t of ['"a"', '12', 'null']) expect(matcherAccepts(k.newMatcher(), t)).toBe(true);
  });

  it('caps and impossible schemas are named', () => {
    let deep: unknown = { type: 'integer' };
    for (let i = 0; i < 1000; i++) deep = { type: 'array', items: deep };
    expect(errorOf(deep).cap).toBe('nestingDepth');
    expect(errorOf({ $ref: '#' }).message).toMatch(/cap refDepth/);
    expect(errorOf({ type: 'object', properties: { a: { $ref: '#' } }, required: ['a'] }).message).toMatch(
      /no finite JSON value/,
    );
    expect(errorOf({ type: 'integer', minimum: 5, maximum: 4 }).message).toMatch(/no JSON value satisfies/);
    expect(errorOf({ $ref: 'https://example.com/other.json' }).message).toMatch(/remote|outside/);
    expect(errorOf({ type: 'strnig' }).message).toMatch(/type at #\/type "strnig" is not a JSON type/);
    expect(errorOf({ type: 'integer', multipleOf: 0.5 }).message).toMatch(/multipleOf 0.5/);
  });

  it('drafts: $schema is read, and the answer says which', () => {
    expect(compileJsonSchema({ $schema: 'http://json-schema.org/draft-04/schema#' }).draft).toBe('04');
    expect(compileJsonSchema({ $schema: 'http://json-schema.org/draft-06/schema#' }).draft).toBe('06');
    expect(compileJsonSchema({ $schema: 'http://json-schema.org/draft-07/schema#' }).draft).toBe('07');
    expect(compileJsonSchema({ $schema: 'https://json-schema.org/draft/2019-09/schema' }).draft).toBe('2019-09');
    expect(compileJsonSchema({}).draft).toBe('2020-12');
  });
});

describe('integer bounds (llama.cpp-style cases)', () => {
  const cases: [unknown, number[], number[]][] = [
    [{ type: 'integer', minimum: 456 }, [456, 457, 999, 1000, 10_000], [455, 45, 0, -1]],
    [{ type: 'integer', minimum: -123, maximum: 42 }, [-123, -12, -1, 0, 4, 42], [-124, -1234, 43, 420]],
    [{ type: 'integer', exclusiveMinimum: 0 }, [1, 2, 10, 100], [0, -1]],
    [{ type: 'integer', exclusiveMaximum: 0 }, [-1, -100], [0, 1]],
    [{ type: 'integer', minimum: 0, maximum: 0 }, [0], [1, -1, 10]],
    [{ type: 'integer', minimum: 1, maximum: 1000000 }, [1, 999999, 1000000], [0, 1000001]],
  ];
  for (const [schema, yes, no] of cases)
    it(JSON.stringify(schema), () => {
      for (const v of yes) expect(accepted(schema, v), String(v)).toBe(true);
      for (const v of no) expect(accepted(schema, v), String(v)).toBe(false);
      // no leading zeros, no fraction, no exponent (written as the engine writes integers)
      for (const t of ['0456', '00', '1.0', '1e2'])
        expect(matcherAccepts(compileJsonSchema(schema).newMatcher(), t)).toBe(false);
    });
});
