// The JSON Schema lint: the seed schema lints clean with its compiled facts; refusals, meta-schema errors, the seed
// page's advice, the budget and JSON syntax errors each give their lint, marked at the right place in the text.
import { describe, expect, it } from 'vitest';
import { SEED_SCHEMA } from '../../../engine/constraints/json/fixtures.ts';
import { lintConstraint, sampleInstance } from './lint.ts';
import type { Lint, LintInput } from './types.ts';

const pretty = (v: unknown) => JSON.stringify(v, null, 2);
const input = (text: string, over: Partial<LintInput> = {}): LintInput => ({
  kind: 'json_schema',
  text,
  maxTokens: 120,
  ...over,
});
/** The text a lint marks. */
const marked = (text: string, l: Lint | undefined) => text.slice(l?.from ?? 0, l?.to ?? 0);
const only = (lints: readonly Lint[], source: Lint['source']) => lints.filter((l) => l.source === source);

/** An object-rooted schema that draws no advice, around `properties`. */
const clean = (properties: unknown, required: string[] = []) =>
  pretty({ type: 'object', properties, required, additionalProperties: false });

describe('lintConstraint (json_schema)', () => {
  it("the seed page's schema lints clean, with the compiled facts", () => {
    const r = lintConstraint(input(pretty(SEED_SCHEMA)));
    expect(r.lints).toEqual([]);
    expect(r.refusal).toBeUndefined();
    expect(r.facts).toMatchObject({
      draft: '2020-12',
      whitespace: 'spaced',
      keyOrder: ['topic', 'confidence'],
      ignoredKeywords: [],
      skippedKeywords: [],
    });
    // {"topic": "", "confidence": 0}
    expect(r.facts?.minChars).toBe(30);
    expect(r.facts?.compileMs).toBeGreaterThan(0);
  });

  it('reports the draft and whitespace it compiled with', () => {
    const r = lintConstraint(
      input(pretty({ ...SEED_SCHEMA, $schema: 'http://json-schema.org/draft-07/schema#' }), { whitespace: 'compact' }),
    );
    expect(r.lints).toEqual([]);
    expect(r.facts).toMatchObject({ draft: '07', whitespace: 'compact', minChars: 27 }); // {"topic":"","confidence":0}
  });

  it('an unimplemented keyword is a compiler error on its key, and the refusal is the whole message', () => {
    const text = clean({ tags: { type: 'array', items: { type: 'string' }, uniqueItems: true }, n: { not: {} } });
    const r = lintConstraint(input(text));
    const errors = only(r.lints, 'compiler');
    expect(errors.map((l) => l.pointer)).toEqual(['/properties/tags/uniqueItems', '/properties/n/not']);
    expect(errors.map((l) => marked(text, l))).toEqual(['"uniqueItems"', '"not"']);
    expect(errors.every((l) => l.severity === 'error')).toBe(true);
    expect(errors[0]?.message).toMatch(/^uniqueItems is not supported by the local compiler/);
    expect(r.refusal).toBe(
      'json_schema: not supported by the local compiler: uniqueItems at #/properties/tags/uniqueItems, not at #/properties/n/not',
    );
    expect(r.facts).toBeUndefined();
  });

  it('a key with "/" or "~" in it is still found from its escaped pointer', () => {
    const text = clean({ 'a/b~c': { type: 'string', not: { const: 'x' } } });
    const r = lintConstraint(input(text));
    const [e] = only(r.lints, 'compiler');
    expect(e?.pointer).toBe('/properties/a~1b~0c/not');
    expect(marked(text, e)).toBe('"not"');
  });

  it('with lenient, the keyword is skipped: a warning on its key, no refusal', () => {
    const text = clean({ tags: { type: 'array', uniqueItems: true } });
    const r = lintConstraint(input(text, { lenient: true }));
    expect(r.refusal).toBeUndefined();
    expect(r.facts?.skippedKeywords).toEqual(['#/properties/tags/uniqueItems']);
    const [w] = only(r.lints, 'compiler');
    expect(w).toMatchObject({ severity: 'warning', pointer: '/properties/tags/uniqueItems' });
    expect(marked(text, w)).toBe('"uniqueItems"');
  });

  it('a malformed keyword is a compiler error at its pointer (one per item of the list)', () => {
    const text = clean({ a: { type: 'strnig' }, b: { type: 'string', minLength: -1 } });
    const r = lintConstraint(input(text));
    const errors = only(r.lints, 'compiler');
    expect(errors.map((l) => l.pointer)).toEqual(['/properties/a/type', '/properties/b/minLength']);
    expect(errors.map((l) => marked(text, l))).toEqual(['"type"', '"minLength"']);
    expect(r.refusal).toMatch(/^json_schema: not a valid schema: type at #\/properties\/a\/type /);
  });

  it('ignored keywords (unknown ones, unknown formats) are info lints on their keys', () => {
    const text = clean({ a: { type: 'string', format: 'phone', 'x-ui': 'big' } }, ['a']);
    const r = lintConstraint(input(text));
    expect(r.facts?.ignoredKeywords).toEqual(['#/properties/a/format', '#/properties/a/x-ui']);
    const infos = only(r.lints, 'compiler');
    expect(infos.map((l) => l.severity)).toEqual(['info', 'info']);
    expect(infos.map((l) => marked(text, l))).toEqual(['"format"', '"x-ui"']);
  });

  it('a meta-schema error is marked at the value it is about, said once in plain words', () => {
    const text = '{"type": 5}';
    const r = lintConstraint(input(text));
    const meta = only(r.lints, 'meta-schema');
    expect(meta).toHaveLength(1);
    expect(meta[0]).toMatchObject({ severity: 'error', pointer: '/type' });
    expect(marked(text, meta[0])).toBe('5');
    expect(meta[0]?.message).toMatch(/^\/type: must be one of "array", "boolean", .*"string"/);
  });

  it('meta-schema errors deep in the schema keep only the deepest place', () => {
    const text = clean({ a: { type: 'string', minLength: 1.5, pattern: '(' } });
    const meta = only(lintConstraint(input(text)).lints, 'meta-schema');
    expect(meta.map((l) => l.pointer)).toEqual(['/properties/a/minLength', '/properties/a/pattern']);
    expect(meta.map((l) => marked(text, l))).toEqual(['1.5', '"("']);
    expect(meta[0]?.message).toMatch(/^\/properties\/a\/minLength: must be an integer/);
    expect(meta[1]?.message).toMatch(/^\/properties\/a\/pattern: is not a valid regular expression/);
  });

  it.each([
    ['http://json-schema.org/draft-04/schema#', '04'],
    ['http://json-schema.org/draft-06/schema#', '06'],
    ['http://json-schema.org/draft-07/schema#', '07'],
    ['https://json-schema.org/draft/2019-09/schema', '2019-09'],
    ['https://json-schema.org/draft/2020-12/schema', '2020-12'],
  ])('validates against the meta-schema of the draft declared (%s)', (uri, draft) => {
    const bad = { $schema: uri, type: 'object', properties: { a: { type: 'string', maxLength: 'ten' } } };
    const meta = only(lintConstraint(input(pretty(bad))).lints, 'meta-schema');
    expect(meta.map((l) => l.pointer)).toEqual(['/properties/a/maxLength']);
    expect(meta[0]?.message).toContain(`draft ${draft} meta-schema`);
    // and a valid schema of that draft passes it
    const good = { ...SEED_SCHEMA, $schema: uri };
    expect(only(lintConstraint(input(pretty(good))).lints, 'meta-schema')).toEqual([]);
  });

  describe("the seed page's advice", () => {
    it('a root that is not an object schema', () => {
      const text = pretty({ type: 'array', items: { type: 'string' } });
      const advice = only(lintConstraint(input(text)).lints, 'advice');
      expect(advice).toHaveLength(1);
      expect(advice[0]).toMatchObject({ severity: 'warning', pointer: '/type' });
      expect(marked(text, advice[0])).toBe('"array"');
      expect(advice[0]?.message).toMatch(/keep the root schema as a JSON object/);
    });

    it('object schemas without additionalProperties: false, the root and nested ones', () => {
      const text = pretty({
        type: 'object',
        properties: { address: { type: 'object', properties: { city: { type: 'string' } } } },
      });
      const advice = only(lintConstraint(input(text)).lints, 'advice');
      expect(advice.map((l) => l.pointer)).toEqual(['', '/properties/address']);
      expect(advice.every((l) => /additionalProperties": false/.test(l.message))).toBe(true);
      // each marked at the schema's "type" key
      expect(advice.map((l) => marked(text, l))).toEqual(['"type"', '"type"']);
      expect(advice[1]?.from).toBeGreaterThan(text.indexOf('"address"'));
    });

    it('a required name missing from properties, marked in the required list', () => {
      const text = clean({ name: { type: 'string' } }, ['name', 'nmae']);
      const advice = only(lintConstraint(input(text)).lints, 'advice');
      expect(advice).toHaveLength(1);
      expect(advice[0]).toMatchObject({ severity: 'warning', pointer: '/required/1' });
      expect(marked(text, advice[0])).toBe('"nmae"');
      expect(advice[0]?.message).toMatch(/^"nmae" is required but not in properties/);
    });

    it('an empty schema is no constraint: /sampling/generate refuses method "guided-generation" without one', () => {
      for (const text of ['{}', 'null', '""', '[]']) {
        const r = lintConstraint(input(text));
        expect(r.lints, text).toEqual([expect.objectContaining({ source: 'compiler', severity: 'error' })]);
        expect(r.lints[0]?.message).toMatch(/^an empty schema \(.*\) is no constraint/);
        expect(r.refusal).toBe('method "guided-generation" needs one of json_schema, regex_pattern or grammar');
        expect(r.facts).toBeUndefined();
      }
    });
  });

  it('a budget error when the shortest instance needs more characters than max tokens', () => {
    const r = lintConstraint(input(pretty(SEED_SCHEMA), { maxTokens: 20 }));
    expect(only(r.lints, 'budget')).toEqual([
      {
        severity: 'error',
        source: 'budget',
        message:
          'the shortest output that satisfies it needs 30 characters but max tokens is 20 (one character per token on the local model)',
      },
    ]);
    expect(r.facts?.minChars).toBe(30);
    expect(r.refusal).toBe('max_new_tokens: the json_schema needs at least 30 characters, but max_new_tokens is 20');
    expect(only(lintConstraint(input(pretty(SEED_SCHEMA), { maxTokens: 30 })).lints, 'budget')).toEqual([]);
  });

  it('a JSON syntax error is one syntax lint at the place it is found', () => {
    const text = '{\n  "type": "object",\n  "properties": {"a": {"type": "string"},}\n}';
    const r = lintConstraint(input(text));
    expect(r.lints).toHaveLength(1);
    expect(r.lints[0]).toMatchObject({ severity: 'error', source: 'syntax' });
    expect(r.lints[0]?.message).toMatch(/line 3, column 42/);
    expect(marked(text, r.lints[0])).toBe('}');
    expect(r.refusal).toBeUndefined();
    expect(r.facts).toBeUndefined();
    // comments are not JSON, and neither is an unclosed string
    expect(lintConstraint(input('{"type": "object"} // c')).lints[0]?.source).toBe('syntax');
    expect(lintConstraint(input('{"type": "obj')).lints[0]?.message).toMatch(/string is not closed/);
  });

  it('JSON that is not a schema is refused as the route refuses it', () => {
    const r = lintConstraint(input('"object"'));
    expect(r.refusal).toBe('json_schema must be a JSON Schema: an object (or true/false)');
    expect(only(r.lints, 'compiler')[0]?.severity).toBe('error');
  });

  it('never throws, whatever the text, on either route', () => {
    for (const route of ['direct', 'policy'] as const)
      for (const text of ['', ' ', '[]', 'null', '""', '5', 'false', 'true', '{"$ref": "#"}', '{"$ref": "#/nope"}'])
        expect(() => lintConstraint(input(text, { route }))).not.toThrow();
    expect(() => lintConstraint(input('{'.repeat(500), { route: 'policy' }))).not.toThrow();
  });
});

describe('lintConstraint (json_schema, in an inline policy on the OpenAI routes)', () => {
  const policy = (text: string, over: Partial<LintInput> = {}) => input(text, { route: 'policy', ...over });

  it('the budget names the policy field (and max_new_tokens, as the server does for max_tokens)', () => {
    const r = lintConstraint(policy(pretty(SEED_SCHEMA), { maxTokens: 20 }));
    expect(r.refusal).toBe(
      'max_new_tokens: the policy.constraints.json_schema needs at least 30 characters, but max_new_tokens is 20',
    );
  });

  it("JSON that is not a schema is the compiler's refusal (the policy route has no check of its own)", () => {
    for (const text of ['"object"', '5', '[]']) {
      const r = lintConstraint(policy(text));
      expect(r.refusal, text).toBe('json_schema: the schema must be an object or a boolean');
      expect(only(r.lints, 'compiler')[0]?.message).toBe('the schema must be an object or a boolean');
    }
  });

  it('null or "" is no schema: json_mode constrains to any object', () => {
    for (const text of ['null', '""']) {
      const r = lintConstraint(policy(text));
      expect(r.refusal, text).toBeUndefined();
      expect(r.lints).toEqual([expect.objectContaining({ severity: 'info', source: 'advice' })]);
      expect(r.lints[0]?.message).toMatch(/json_mode constrains the output to any JSON object/);
      expect(r.facts).toMatchObject({ minChars: 2, keyOrder: [] });
      expect(sampleInstance(policy(text), 1).text).toMatch(/^\{/);
    }
    expect(lintConstraint(policy('null', { maxTokens: 1 })).refusal).toBe(
      'max_new_tokens: the policy.constraints.json_schema needs at least 2 characters, but max_new_tokens is 1',
    );
  });

  it('{} is a schema that allows any JSON value (json_mode does not narrow it)', () => {
    const r = lintConstraint(policy('{}'));
    expect(r.refusal).toBeUndefined();
    expect(r.facts?.minChars).toBe(1);
    expect(r.lints.map((l) => [l.severity, l.source])).toEqual([
      ['info', 'advice'],
      ['warning', 'advice'],
    ]);
    expect(r.lints[0]?.message).toMatch(/allows any JSON value/);
  });

  it('a policy carries no json_schema_options: whitespace and lenient do not apply', () => {
    const schema = pretty({ type: 'object', properties: { a: { type: 'array', uniqueItems: true } } });
    expect(lintConstraint(input(schema, { lenient: true })).refusal).toBeUndefined();
    const r = lintConstraint(policy(schema, { lenient: true }));
    expect(r.refusal).toBe(
      'json_schema: not supported by the local compiler: uniqueItems at #/properties/a/uniqueItems',
    );
    expect(only(r.lints, 'compiler')[0]?.message).toMatch(/a policy cannot skip it/);
    expect(lintConstraint(policy(pretty(SEED_SCHEMA), { whitespace: 'compact' })).facts?.whitespace).toBe('spaced');
  });
});
