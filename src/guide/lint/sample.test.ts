// The sample preview: a seeded random walk of the compiled matcher that always ends in a complete output within
// max tokens — valid JSON that the server's own ajv check accepts, keys in the order the facts report; regex and
// grammar samples that their checks accept; the same seed gives the same sample, different seeds differ.
import { describe, expect, it } from 'vitest';
import { compileGrammarConstraint } from '../../../engine/constraints/grammar/constraint.ts';
import { SEED_SCHEMA, TWENTY_PROPERTIES } from '../../../engine/constraints/json/fixtures.ts';
import { jsonValidator } from '../../../server/worker/json-validator.ts';
import { lintConstraint, sampleInstance } from './lint.ts';
import type { LintInput, Whitespace } from './types.ts';

const SEEDS = Array.from({ length: 50 }, (_, i) => i + 1);
const schemaInput = (schema: unknown, maxTokens: number, whitespace?: Whitespace): LintInput => ({
  kind: 'json_schema',
  text: JSON.stringify(schema, null, 2),
  maxTokens,
  ...(whitespace ? { whitespace } : {}),
});

function samples(input: LintInput, seeds: readonly number[]): string[] {
  return seeds.map((seed) => {
    const r = sampleInstance(input, seed);
    expect(r.error, `seed ${seed}`).toBeUndefined();
    return r.text ?? '';
  });
}

describe('sampleInstance (json_schema)', () => {
  it("50 seeds of the seed page's schema: valid JSON of the schema within max tokens, not all alike", () => {
    const check = jsonValidator(SEED_SCHEMA, '2020-12');
    const texts = samples(schemaInput(SEED_SCHEMA, 120), SEEDS);
    for (const text of texts) {
      expect(check(text), text).toEqual({ valid: true });
      expect(text.length).toBeLessThanOrEqual(120);
      expect(Object.keys(JSON.parse(text))).toEqual(['topic', 'confidence']);
    }
    expect(new Set(texts).size).toBeGreaterThanOrEqual(10);
  });

  it('the same seed gives the same sample', () => {
    const input = schemaInput(TWENTY_PROPERTIES, 1000);
    expect(sampleInstance(input, 7)).toEqual(sampleInstance(input, 7));
  });

  it('a budget of exactly the fewest characters still ends complete', () => {
    const check = jsonValidator(SEED_SCHEMA, '2020-12');
    for (const text of samples(schemaInput(SEED_SCHEMA, 30), SEEDS.slice(0, 10))) {
      expect(text.length).toBeLessThanOrEqual(30);
      expect(check(text)).toEqual({ valid: true });
    }
  });

  it.each(['compact', 'flexible'] as const)('in the %s whitespace policy too', (ws) => {
    const check = jsonValidator(SEED_SCHEMA, '2020-12');
    for (const text of samples(schemaInput(SEED_SCHEMA, 120, ws), SEEDS.slice(0, 10)))
      expect(check(text), text).toEqual({ valid: true });
  });

  it('twenty properties: formats, enums and patterns hold (the server check, ajv-formats full)', () => {
    const check = jsonValidator(TWENTY_PROPERTIES, '2020-12');
    for (const text of samples(schemaInput(TWENTY_PROPERTIES, 1000), SEEDS.slice(0, 10))) {
      expect(check(text), text).toEqual({ valid: true });
      expect(text.length).toBeLessThanOrEqual(1000);
    }
  });

  it.each([
    ['the seed schema', SEED_SCHEMA],
    ['twenty properties', TWENTY_PROPERTIES],
    [
      'required names outside properties, open to other keys',
      { type: 'object', properties: { b: { type: 'integer' }, a: { type: 'string' } }, required: ['c', 'a'] },
    ],
    [
      'allOf branches',
      {
        type: 'object',
        allOf: [
          { properties: { x: { type: 'boolean' } } },
          { properties: { y: { type: 'null' } }, required: ['y', 'x'] },
        ],
      },
    ],
  ])('facts.keyOrder is the order keys are written in (%s)', (_, schema) => {
    const input = schemaInput(schema, 1000);
    const order = lintConstraint(input).facts?.keyOrder ?? [];
    for (const text of samples(input, SEEDS.slice(0, 20))) {
      const keys = Object.keys(JSON.parse(text));
      const listed = keys.filter((k) => order.includes(k));
      // the listed keys in keyOrder's order, and before any other key
      expect(listed, text).toEqual(order.filter((k) => listed.includes(k)));
      expect(keys.slice(0, listed.length)).toEqual(listed);
    }
    expect(order.length).toBeGreaterThan(0);
  });

  it('no sample where the constraint does not compile or does not fit', () => {
    expect(sampleInstance(schemaInput({ type: 'array', uniqueItems: true }, 50), 1).error).toMatch(
      /^json_schema: not supported by the local compiler: uniqueItems/,
    );
    expect(sampleInstance(schemaInput(SEED_SCHEMA, 10), 1).error).toMatch(/needs 30 characters but max tokens is 10/);
    expect(sampleInstance({ kind: 'json_schema', text: '{', maxTokens: 10 }, 1).error).toMatch(/^not valid JSON/);
  });
});

describe('sampleInstance (regex, grammar)', () => {
  it('regex samples fully match the pattern', () => {
    const pattern = '[a-z]+@[a-z]+\\.(com|org)|\\+?[0-9]{3}-[0-9]{4}';
    const full = new RegExp(`^(?:${pattern})$`);
    const texts = samples({ kind: 'regex', text: pattern, maxTokens: 40 }, SEEDS.slice(0, 30));
    for (const text of texts) {
      expect(text).toMatch(full);
      expect(text.length).toBeLessThanOrEqual(40);
    }
    expect(new Set(texts).size).toBeGreaterThanOrEqual(5);
  });

  it("grammar samples are accepted by the compiled constraint's check", () => {
    const source = 'root ::= "(" list ")"\nlist ::= item ("," item)*\nitem ::= [a-z]+ | [0-9]+ | "(" list ")"\n';
    const { check } = compileGrammarConstraint(source);
    const texts = samples({ kind: 'grammar', text: source, maxTokens: 60 }, SEEDS.slice(0, 30));
    for (const text of texts) {
      expect(check(text), text).toEqual({ valid: true });
      expect(text.length).toBeLessThanOrEqual(60);
    }
    expect(new Set(texts).size).toBeGreaterThanOrEqual(5);
  });
});
