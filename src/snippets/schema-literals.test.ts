// @vitest-environment node
// A JSON Schema is written as a native literal of each language (Python True/False/None, JS true/false/null), and
// comes back unchanged: a schema with booleans, nulls, nested arrays, unicode and quotes, in a policy of one
// constraint, a full policy and a direct guided request, is rendered by every target and run against the capture
// server, which must receive it as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestObject } from '../api/request-object.ts';
import { SNIPPET_TARGETS } from './registry.ts';
import { type CaptureServer, startCaptureServer } from './testing/capture-server.ts';
import { cannotCall, expectedBodies } from './testing/expected-bodies.ts';
import { LOCAL_BASE_URL, request } from './testing/fixture-request.ts';
import { retarget } from './testing/fixtures.ts';
import { runSnippet } from './testing/run-code.ts';

const SCHEMA = {
  type: 'object',
  properties: {
    flag: { enum: [true, false, null, 'True', 'None', 'null', 0, -1.5e-7] },
    grid: { type: 'array', items: { type: 'array' }, default: [[1, [2.5, [null]]], [], [[true, false]]] },
    note: {
      type: 'string',
      pattern: '^[\'"\\\\$`]+$',
      description: 'It\'s "quoted" — naïve 🦊 line\u2028sep {content} %s \'\'\' """ </script> $(whoami)',
    },
    'key with "quotes"': { type: 'object', properties: {}, additionalProperties: true },
  },
  required: ['flag'],
  additionalProperties: false,
};

const messages = [{ role: 'user', content: 'Fill it in.' }];
const REQUESTS: [string, RequestObject][] = [
  [
    'a policy of one constraint',
    request(LOCAL_BASE_URL, '/v1/chat/completions', {
      model: 'austen-mini',
      messages,
      policy: {
        sampling: { method: 'guided-generation', temperature: 0.2 },
        constraints: { json_mode: true, json_schema: SCHEMA },
        verifiers: { enabled: ['syntax', 'json_schema'], repair_on_failure: true },
      },
    }),
  ],
  [
    'a full policy',
    request(LOCAL_BASE_URL, '/v1/completions', {
      model: 'austen-mini',
      prompt: 'Fill it in: ',
      policy: { constraints: { json_mode: true, json_schema: SCHEMA }, optimization: { best_of_n: 2 } },
      include_trace: true,
    }),
  ],
  [
    'a direct guided request',
    request(LOCAL_BASE_URL, '/sampling/generate', { prompt: 'Fill it in: ', json_schema: SCHEMA }),
  ],
];

let capture: CaptureServer;
beforeAll(async () => {
  capture = await startCaptureServer(['austen-mini']);
});
afterAll(() => capture.close());

describe('schema literals', () => {
  it('are native to each language', () => {
    const [, chat] = REQUESTS[0] ?? [];
    if (!chat) throw new Error('no request');
    const code = (id: string) => SNIPPET_TARGETS.find((t) => t.id === id)?.render(chat, { keyMode: 'env' }).code;
    for (const id of ['python-openai', 'python-mechanex']) {
      expect(code(id)).toMatch(/"enum": \[\s*True,\s*False,\s*None,\s*"True",\s*"None",\s*"null",\s*0,\s*-1\.5e-7/);
      expect(code(id)).toContain('"additionalProperties": False,');
    }
    for (const id of ['javascript-openai', 'javascript-fetch']) {
      expect(code(id)).toMatch(/enum: \[\s*true,\s*false,\s*null,\s*'True',\s*'None',\s*'null',\s*0,\s*-1\.5e-7/);
      expect(code(id)).toContain(
        "'key with \"quotes\"': { type: 'object', properties: {}, additionalProperties: true }",
      );
    }
  });

  const cases = REQUESTS.flatMap(([what, req]) => SNIPPET_TARGETS.map((t) => ({ name: `${what} × ${t.id}`, req, t })));
  it.concurrent.each(cases)('$name: sent unchanged', async ({ req, t }) => {
    const key = `ax_schema_${t.id}_${req.meta.path.replaceAll('/', '_')}`;
    const local = retarget(req, capture.url, key);
    const r = await runSnippet(t, t.render(local, { keyMode: 'env' }).code, key);
    expect(r.code, r.stderr).toBe(0);
    const mine = capture.requests.filter(
      (c) => c.method === 'POST' && (c.headers['x-api-key'] === key || c.headers.authorization === `Bearer ${key}`),
    );
    expect(mine.map((c) => c.body)).toEqual(expectedBodies(t, local, { keyMode: 'env' }));
    if (!cannotCall(t, local)) expect(JSON.stringify(mine.map((c) => c.body))).toContain(JSON.stringify(SCHEMA));
  });
});
