// The lint's `refusal` is the server's 400, word for word: each constraint is linted here and sent to a real server
// (POST /sampling/generate, the body the playground's direct route sends), and the 400's message is compared. A
// constraint the lint does not refuse is accepted by the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../../server/testing.ts';
import { lintConstraint } from './lint.ts';
import { SAMPLING_FIELD } from './refusal.ts';
import type { LintInput } from './types.ts';

let s: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  s = await startTestServer({ workers: 1, maxQueue: 4 });
});
afterAll(() => s?.close());

/** What the server answers for the input, sent the way the playground sends it. */
async function send(input: LintInput): Promise<{ status: number; message?: string; param?: string | null }> {
  const value = input.kind === 'json_schema' ? JSON.parse(input.text) : input.text;
  const body = {
    prompt: 'Answer: ',
    method: 'guided-generation',
    max_new_tokens: input.maxTokens,
    params: { temperature: 0.2, seed: 1 },
    [SAMPLING_FIELD[input.kind]]: value,
    ...(input.whitespace ? { json_schema_options: { whitespace: input.whitespace } } : {}),
  };
  const res = await fetch(`${s.url}/sampling/generate`, {
    method: 'POST',
    headers: { 'x-api-key': s.key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const b = (await res.json()) as { error?: { message: string; param: string | null } };
  return { status: res.status, message: b.error?.message, param: b.error?.param };
}

const schema = (v: unknown, over: Partial<LintInput> = {}): LintInput => ({
  kind: 'json_schema',
  text: JSON.stringify(v, null, 2),
  maxTokens: 120,
  ...over,
});

describe("the lint's refusal is the server's 400 message", () => {
  it.each<[string, LintInput]>([
    [
      'unimplemented keywords',
      schema({
        type: 'object',
        properties: { a: { type: 'array', uniqueItems: true }, b: { type: 'string', not: { const: 'x' } } },
      }),
    ],
    ['a malformed keyword', schema({ type: 'object', properties: { a: { type: 'strnig' } } })],
    ['a schema no value satisfies', schema({ type: 'object', properties: { a: false }, required: ['a'] })],
    ['JSON that is not a schema', { kind: 'json_schema', text: '"object"', maxTokens: 50 }],
    [
      'a schema longer than max tokens (compact)',
      schema(
        { type: 'object', properties: { topic: { type: 'string' } }, required: ['topic'] },
        {
          maxTokens: 5,
          whitespace: 'compact',
        },
      ),
    ],
    ['a regex lookaround', { kind: 'regex', text: '[a-z]+(?=x)', maxTokens: 50 }],
    ['a regex that does not parse', { kind: 'regex', text: 'ab(c', maxTokens: 50 }],
    ['a regex longer than max tokens', { kind: 'regex', text: '[0-9]{8}', maxTokens: 5 }],
    ['an undefined grammar rule', { kind: 'grammar', text: 'root ::= "a" item\nitem ::= "b" tail\n', maxTokens: 50 }],
    ['a grammar syntax error', { kind: 'grammar', text: 'root ::= "a" (\n', maxTokens: 50 }],
    ['a grammar without a finite string', { kind: 'grammar', text: 'root ::= "a" root\n', maxTokens: 50 }],
  ])('%s', async (_, input) => {
    const lint = lintConstraint(input);
    expect(lint.refusal).toBeDefined();
    const answer = await send(input);
    expect(answer.status).toBe(400);
    expect(answer.message).toBe(lint.refusal);
  });

  it('a constraint the lint does not refuse is accepted', async () => {
    const input = schema(
      {
        type: 'object',
        properties: { topic: { type: 'string', maxLength: 3 }, confidence: { type: 'number' } },
        required: ['topic', 'confidence'],
        additionalProperties: false,
      },
      { maxTokens: 40 },
    );
    expect(lintConstraint(input).refusal).toBeUndefined();
    expect((await send(input)).status).toBe(200);
  });
});
