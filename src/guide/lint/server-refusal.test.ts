// The lint's `refusal` is the server's 400, word for word, on both routes a constraint travels: each constraint is
// linted for the route and sent to a real server the way the playground sends it — direct: POST /sampling/generate
// with the constraint's own field; policy: the inline policy src/api/guide.ts builds (constraintPolicy), on both
// /v1/chat/completions and /v1/completions — and the 400's message is compared. A constraint the lint does not
// refuse is accepted (200). Each case says on which routes it is refused, so a lint and a server that both stopped
// refusing would not pass unnoticed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../../server/testing.ts';
import { CONSTRAINT_FIELD, constraintPolicy, type RunGuide } from '../../api/guide.ts';
import { lintConstraint } from './lint.ts';
import type { LintInput, LintRoute } from './types.ts';

let s: Awaited<ReturnType<typeof startTestServer>>;
let model: string;
beforeAll(async () => {
  s = await startTestServer({ workers: 1, maxQueue: 4 });
  const list = (await (await fetch(`${s.url}/v1/models`, { headers: { 'x-api-key': s.key } })).json()) as {
    data: { id: string }[];
  };
  model = list.data[0]?.id ?? 'default';
});
afterAll(() => s?.close());

type Endpoint = 'sampling' | 'chat' | 'completions';
const ROUTE_OF: Record<Endpoint, LintRoute> = { sampling: 'direct', chat: 'policy', completions: 'policy' };
const PATH: Record<Endpoint, string> = {
  sampling: '/sampling/generate',
  chat: '/v1/chat/completions',
  completions: '/v1/completions',
};
const SAMPLING = { temperature: 0.2 };
const SEED = 1;

/** The value the request carries: the editor's text (JSON parsed for json_schema). */
const sentValue = (input: LintInput): unknown => (input.kind === 'json_schema' ? JSON.parse(input.text) : input.text);

function guideOf(input: LintInput): Exclude<RunGuide, { kind: 'policy' }> {
  const value = sentValue(input);
  if (input.kind === 'json_schema') return { kind: 'json_schema', transport: 'openai', schema: value };
  if (input.kind === 'regex') return { kind: 'regex', transport: 'openai', pattern: String(value) };
  return { kind: 'grammar', transport: 'openai', grammar: String(value) };
}

/** The body the playground sends for the input on the endpoint. */
function bodyOf(input: LintInput, endpoint: Endpoint): Record<string, unknown> {
  if (endpoint === 'sampling') {
    const options = {
      ...(input.whitespace ? { whitespace: input.whitespace } : {}),
      ...(input.lenient ? { lenient: true } : {}),
    };
    return {
      model,
      prompt: 'Answer: ',
      method: 'guided-generation',
      max_new_tokens: input.maxTokens,
      params: { ...SAMPLING, seed: SEED },
      [CONSTRAINT_FIELD[input.kind]]: sentValue(input),
      ...(Object.keys(options).length ? { json_schema_options: options } : {}),
      stream: false,
    };
  }
  return {
    model,
    ...(endpoint === 'chat' ? { messages: [{ role: 'user', content: 'x' }] } : { prompt: 'x' }),
    max_tokens: input.maxTokens,
    seed: SEED,
    policy: constraintPolicy(guideOf(input), SAMPLING),
    stream: false,
  };
}

/** What the server answers for the input on the endpoint. */
async function send(input: LintInput, endpoint: Endpoint): Promise<{ status: number; message?: string }> {
  const res = await fetch(`${s.url}${PATH[endpoint]}`, {
    method: 'POST',
    headers: { 'x-api-key': s.key, 'content-type': 'application/json' },
    body: JSON.stringify(bodyOf(input, endpoint)),
    signal: AbortSignal.timeout(30_000),
  });
  const b = (await res.json()) as { error?: { message: string } };
  return { status: res.status, message: b.error?.message };
}

const schema = (v: unknown, over: Partial<LintInput> = {}): LintInput => ({
  kind: 'json_schema',
  text: JSON.stringify(v, null, 2),
  maxTokens: 20,
  ...over,
});
const json = (text: string): LintInput => ({ kind: 'json_schema', text, maxTokens: 20 });
const regex = (text: string, maxTokens = 20): LintInput => ({ kind: 'regex', text, maxTokens });
const grammar = (text: string, maxTokens = 20): LintInput => ({ kind: 'grammar', text, maxTokens });

const UNIMPLEMENTED = {
  type: 'object',
  properties: { a: { type: 'array', uniqueItems: true }, b: { type: 'string', not: { const: 'x' } } },
};
const TOPIC = { type: 'object', properties: { topic: { type: 'string' } }, required: ['topic'] };

/** Where the case is refused: on both routes, only on one, or on neither (accepted everywhere). */
type Refused = 'both' | LintRoute | 'none';

const CASES: [string, LintInput, Refused][] = [
  ['unimplemented keywords', schema(UNIMPLEMENTED), 'both'],
  [
    'unimplemented keywords, lenient (a policy cannot carry lenient)',
    schema(UNIMPLEMENTED, { lenient: true }),
    'policy',
  ],
  ['a malformed keyword', schema({ type: 'object', properties: { a: { type: 'strnig' } } }), 'both'],
  ['a schema no value satisfies', schema({ type: 'object', properties: { a: false }, required: ['a'] }), 'both'],
  ['the schema false', json('false'), 'both'],
  ['JSON that is not a schema (a string)', json('"object"'), 'both'],
  ['JSON that is not a schema (a number)', json('5'), 'both'],
  ['an empty array', json('[]'), 'both'],
  ['an empty object (any JSON value on the policy route)', json('{}'), 'direct'],
  ['null (json_mode: any object on the policy route)', json('null'), 'direct'],
  ['an empty string (json_mode: any object on the policy route)', json('""'), 'direct'],
  ['a schema longer than max tokens (spaced)', schema(TOPIC, { maxTokens: 12 }), 'both'],
  // compact makes it fit on the direct route; a policy cannot carry whitespace, so it is spaced (13) there
  ['a schema that fits only compact', schema(TOPIC, { maxTokens: 12, whitespace: 'compact' }), 'policy'],
  ['a schema longer than max tokens (compact)', schema(TOPIC, { maxTokens: 5, whitespace: 'compact' }), 'both'],
  ['a regex lookaround', regex('[a-z]+(?=x)'), 'both'],
  ['a regex that does not parse', regex('ab(c'), 'both'],
  ["a regex with an unmatched parenthesis (RegExp parses it inside the verifier's group)", regex('a)(b'), 'both'],
  ['a regex longer than max tokens', regex('[0-9]{8}', 5), 'both'],
  ['an empty regex (unconstrained on the policy route)', regex(''), 'direct'],
  ['an undefined grammar rule', grammar('root ::= "a" item\nitem ::= "b" tail\n'), 'both'],
  ['a grammar syntax error', grammar('root ::= "a" (\n'), 'both'],
  ['a grammar without a finite string', grammar('root ::= "a" root\n'), 'both'],
  ['a grammar longer than max tokens', grammar('root ::= "abcdef"\n', 4), 'both'],
  ['an empty grammar (unconstrained on the policy route)', grammar(''), 'direct'],
  [
    'an object schema that fits',
    schema(
      {
        type: 'object',
        properties: { topic: { type: 'string', maxLength: 3 }, confidence: { type: 'number' } },
        required: ['topic', 'confidence'],
        additionalProperties: false,
      },
      { maxTokens: 40 },
    ),
    'none',
  ],
  ['the schema true', json('true'), 'none'],
  ['a regex that fits exactly', regex('[0-9]{8}', 8), 'none'],
  ['a grammar that fits', grammar('root ::= "yes" | "no"\n', 8), 'none'],
];

const refusedOn = (refused: Refused, route: LintRoute) => refused === 'both' || refused === route;

describe("the lint's refusal is the server's 400 message, on both routes", () => {
  it.each(CASES)('%s', async (_, input, refused) => {
    const answers = await Promise.all(
      (['sampling', 'chat', 'completions'] as const).map(async (endpoint) => {
        const route = ROUTE_OF[endpoint];
        const lint = lintConstraint({ ...input, route });
        return { endpoint, route, refusal: lint.refusal, ...(await send(input, endpoint)) };
      }),
    );
    for (const a of answers) {
      const what = `${a.endpoint} (${a.route})`;
      if (refusedOn(refused, a.route)) {
        expect(a.refusal, what).toBeDefined();
        expect({ what, status: a.status, message: a.message }).toEqual({ what, status: 400, message: a.refusal });
      } else {
        expect(a.refusal, what).toBeUndefined();
        expect({ what, status: a.status, message: a.message }).toEqual({ what, status: 200, message: undefined });
      }
    }
  });
});
