// JSON Schema over HTTP with the real model: the seed page's own /sampling/generate body gives valid JSON of exactly
// the schema's shape for several seeds (streamed too); unimplemented keywords and hostile schemas are 400s that name
// the keyword and its pointer, or the cap; the answer reports the whitespace policy and ignored/skipped keywords.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSse, startTestServer } from './testing.ts';

let s: Awaited<ReturnType<typeof startTestServer>>;
let auth: Record<string, string>;

beforeAll(async () => {
  s = await startTestServer({ workers: 1, maxQueue: 4 });
  auth = { 'x-api-key': s.key, 'content-type': 'application/json' };
});
afterAll(() => s.close());

const post = (body: unknown) =>
  fetch(`${s.url}/sampling/generate`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000), // a hang guard only
  });

/** The body of the seed page's curl example, exactly. */
const SEED_BODY = {
  prompt: 'Extract the primary topic and confidence from: relayer outage on Osmosis, confidence 0.82',
  method: 'guided-generation',
  max_new_tokens: 120,
  params: { temperature: 0.2 },
  json_schema: {
    type: 'object',
    properties: { topic: { type: 'string' }, confidence: { type: 'number' } },
    required: ['topic', 'confidence'],
    additionalProperties: false,
  },
};

describe('POST /sampling/generate with json_schema', () => {
  it("the seed page's body gives valid JSON with exactly topic (string) and confidence (number), every seed", async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const res = await post({ ...SEED_BODY, params: { ...SEED_BODY.params, seed } });
      expect(res.status).toBe(200);
      const b = await res.json();
      expect(b, b.output).toMatchObject({
        valid: true,
        validation_error: null,
        method_used: 'guided-generation',
        constraint: { kind: 'json_schema', whitespace: 'spaced', ignored_keywords: [], skipped_keywords: [] },
      });
      const value = JSON.parse(b.output);
      expect(Object.keys(value)).toEqual(['topic', 'confidence']);
      expect(typeof value.topic).toBe('string');
      expect(typeof value.confidence).toBe('number');
      expect(b.output.length).toBeLessThanOrEqual(120);
    }
    // without a seed (the body exactly as pasted) it is valid too
    const b = await (await post(SEED_BODY)).json();
    expect(b.valid).toBe(true);
  });

  it('streams the same answer; whitespace policies and ignored keywords are reported', async () => {
    const frames = (await readSse(await post({ ...SEED_BODY, params: { seed: 9 }, stream: true }))).map((f) =>
      JSON.parse(f.data),
    );
    const done = frames.at(-1);
    expect(done).toMatchObject({ status: 'complete', result: { valid: true } });
    expect(
      frames
        .filter((f) => f.status === 'token')
        .map((f) => f.text)
        .join(''),
    ).toBe(done.result.output);

    const compact = await (
      await post({
        ...SEED_BODY,
        params: { seed: 2 },
        json_schema: {
          ...SEED_BODY.json_schema,
          'x-owner': 'ops',
          properties: { ...SEED_BODY.json_schema.properties, topic: { type: 'string', format: 'colour' } },
        },
        json_schema_options: { whitespace: 'compact' },
      })
    ).json();
    expect(compact).toMatchObject({
      valid: true,
      constraint: {
        whitespace: 'compact',
        ignored_keywords: ['#/x-owner', '#/properties/topic/format'],
      },
    });
    expect(compact.output).toMatch(/^\{"topic":".*","confidence":-?[0-9]/);
  });

  it('an unimplemented keyword is a 400 naming it and its pointer; lenient skips it and ajv still checks', async () => {
    const schema = {
      type: 'object',
      properties: { tags: { type: 'array', items: { enum: ['a', 'b', 'c'] }, uniqueItems: true, maxItems: 3 } },
      required: ['tags'],
      additionalProperties: false,
    };
    const res = await post({ prompt: 'Tags: ', json_schema: schema });
    expect(res.status).toBe(400);
    const b = await res.json();
    expect(b.error).toMatchObject({ code: 'invalid_value', param: 'json_schema' });
    expect(b.error.message).toMatch(/uniqueItems at #\/properties\/tags/);

    const lenient = await (
      await post({ prompt: 'Tags: ', json_schema: schema, json_schema_options: { lenient: true }, params: { seed: 1 } })
    ).json();
    expect(lenient.constraint.skipped_keywords).toEqual(['#/properties/tags/uniqueItems']);
    // the matcher ignored uniqueItems; the validator did not, and says which way it went
    const tags = JSON.parse(lenient.output).tags as string[];
    expect(lenient.valid).toBe(new Set(tags).size === tags.length);
  });

  it('hostile schemas are refused by a named cap; bad options name the field; the server keeps answering', async () => {
    let deep: unknown = { type: 'integer' };
    for (let i = 0; i < 1000; i++) deep = { type: 'array', items: deep };
    const hostile: [unknown, RegExp][] = [
      [deep, /cap nestingDepth/],
      [{ $ref: '#' }, /cap refDepth|no value satisfies/],
      [{ type: 'object', properties: { a: { $ref: '#' } }, required: ['a'] }, /no finite JSON value/],
    ];
    for (const [json_schema, cap] of hostile) {
      const res = await post({ prompt: 'x', json_schema });
      const b = await res.json();
      expect(res.status, JSON.stringify(json_schema).slice(0, 60)).toBe(400);
      expect(b.error).toMatchObject({ code: 'invalid_value', param: 'json_schema' });
      expect(b.error.message).toMatch(cap);
    }
    const bad: [unknown, number, string][] = [
      [{ prompt: 'x', json_schema: 'object' }, 400, 'json_schema'],
      [{ prompt: 'x', json_schema: { type: 'strnig' } }, 400, 'json_schema'],
      [{ prompt: 'x', regex_pattern: 'a', json_schema_options: { lenient: true } }, 400, 'json_schema_options'],
      [
        { prompt: 'x', json_schema: { type: 'string' }, json_schema_options: { whitespace: 'wide' } },
        422,
        'json_schema_options',
      ],
    ];
    for (const [body, status, param] of bad) {
      const res = await post(body);
      const b = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(status);
      if (status === 400) expect(b.error.param).toBe(param);
      else expect(JSON.stringify(b.detail)).toMatch(param);
    }
    // a 10,000-value enum compiles as a trie, and the output is one of the values
    const values = Array.from({ length: 10_000 }, (_, i) => `v${i}`);
    const big = await (await post({ prompt: 'x', json_schema: { enum: values }, params: { seed: 4 } })).json();
    expect(big.valid).toBe(true);
    expect(values).toContain(JSON.parse(big.output));
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
  });
});
