// The seed page's "OpenAI client with an inline policy" example, sent with the official `openai` npm client (the
// same request, model name aside): the content parses into topic and confidence, streamed or not, and
// `axionic.policy` reports the outcome. A saved policy works by `policy_id` on /v1/completions.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSse, startTestServer } from './testing.ts';

let s: Awaited<ReturnType<typeof startTestServer>>;
let client: OpenAI;

beforeAll(async () => {
  s = await startTestServer({ workers: 1 });
  client = new OpenAI({ apiKey: s.key, baseURL: `${s.url}/v1`, maxRetries: 0 });
});
afterAll(() => s.close());

const messages = [
  { role: 'system' as const, content: 'Extract the message into a typed JSON object.' },
  { role: 'user' as const, content: 'Relayer outage on Osmosis, confidence 0.82' },
];
const policy = {
  sampling: { method: 'guided-generation', temperature: 0.2, top_p: 0.9 },
  constraints: {
    json_mode: true,
    json_schema: {
      type: 'object',
      properties: { topic: { type: 'string' }, confidence: { type: 'number' } },
      required: ['topic', 'confidence'],
      additionalProperties: false,
    },
  },
  verifiers: { enabled: ['syntax', 'json_schema'], repair_on_failure: true },
};

type ChatParams = OpenAI.ChatCompletionCreateParamsNonStreaming;
type WithAxionic = { axionic?: { policy?: Record<string, unknown> } };

describe('a policy on the OpenAI routes', () => {
  it("the seed page's inline-policy example: content parses into topic and confidence", async () => {
    // extra_body is the Python client's name; the npm client sends fields it does not know as given
    const r = await client.chat.completions.create({ model: 'austen-mini', messages, policy } as ChatParams);
    const data = JSON.parse(r.choices[0]?.message.content ?? '');
    expect(Object.keys(data)).toEqual(['topic', 'confidence']);
    expect([typeof data.topic, typeof data.confidence]).toEqual(['string', 'number']);
    expect((r as unknown as WithAxionic).axionic?.policy).toMatchObject({
      accepted: true,
      constraints_ok: true,
      verifier_ok: true,
    });
  });

  it('streamed: the concatenated deltas are the content, and the last chunk carries axionic.policy', async () => {
    const stream = await client.chat.completions.create({
      model: 'austen-mini',
      messages,
      stream: true,
      policy,
      include_trace: true,
    } as OpenAI.ChatCompletionCreateParamsStreaming);
    let text = '';
    let last: unknown;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      last = chunk;
    }
    expect(Object.keys(JSON.parse(text))).toEqual(['topic', 'confidence']);
    const outcome = (last as WithAxionic).axionic?.policy as {
      accepted: boolean;
      trace: { selection: { output: string } };
    };
    expect(outcome.accepted).toBe(true);
    expect(outcome.trace.selection.output).toBe(text);
  });

  it("the request's stop ends a policy's output, as without a policy", async () => {
    const base = { model: 'austen-mini', prompt: 'It is a truth', max_tokens: 60, seed: 1, policy: {} };
    const free = await client.completions.create(base as OpenAI.CompletionCreateParamsNonStreaming);
    expect(free.choices[0]?.text).toContain('e');
    const stopped = await client.completions.create({
      ...base,
      stop: ['e'],
    } as OpenAI.CompletionCreateParamsNonStreaming);
    expect(stopped.choices[0]?.text).not.toContain('e');
    expect(free.choices[0]?.text.startsWith(stopped.choices[0]?.text ?? '')).toBe(true);
    const chat = await client.chat.completions.create({
      model: 'austen-mini',
      messages,
      max_tokens: 60,
      seed: 1,
      stop: ['e'],
      policy: {},
    } as ChatParams);
    expect(chat.choices[0]?.message.content).not.toContain('e');
  });

  it('a saved policy by policy_id on /v1/completions; a bad policy is a 400 naming the path', async () => {
    const saved = await fetch(`${s.url}/policies/save`, {
      method: 'POST',
      headers: { 'x-api-key': s.key, 'content-type': 'application/json' },
      body: JSON.stringify({
        policy: { id: 'pol_year', constraints: { regex_pattern: '1[0-9]{3}' }, verifiers: { enabled: ['regex'] } },
      }),
    });
    expect(saved.status).toBe(200);
    const r = await client.completions.create({
      model: 'austen-mini',
      prompt: 'The year was ',
      policy_id: 'pol_year',
      seed: 2,
    } as OpenAI.CompletionCreateParamsNonStreaming);
    expect(r.choices[0]?.text).toMatch(/^1[0-9]{3}$/);
    await expect(
      client.chat.completions.create({
        model: 'austen-mini',
        messages,
        policy: { verifiers: { enabled: ['factuality'] } },
      } as ChatParams),
    ).rejects.toMatchObject({ status: 400, param: 'policy.verifiers.enabled' });
  });

  it('a single-candidate policy streams as it generates; a bad constraint is still a 400 before any byte', async () => {
    const single = {
      sampling: { method: 'top-p', temperature: 0.8 },
      constraints: { regex_pattern: '[A-Za-z ,.]{40,80}' },
      verifiers: { enabled: ['regex'], max_retries: 0 },
      optimization: { retry_on_failure: 0 },
    };
    const res = await fetch(`${s.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'x-api-key': s.key, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'austen-mini',
        messages,
        stream: true,
        policy: single,
        include_trace: true,
        max_tokens: 80,
        seed: 5,
      }),
    });
    expect(res.status).toBe(200);
    const frames = (await readSse(res)).map((f) => f.data);
    expect(frames.at(-1)).toBe('[DONE]');
    const chunks = frames.slice(0, -1).map((f) => JSON.parse(f));
    const deltas = chunks.map((c) => c.choices[0]?.delta?.content ?? '').filter((t: string) => t.length > 0);
    expect(deltas.length).toBeGreaterThan(2); // the text came in pieces, not once after selection
    const text = deltas.join('');
    expect(text).toMatch(/^[A-Za-z ,.]{40,80}$/);
    const outcome = chunks.at(-1).axionic.policy;
    expect(outcome).toMatchObject({ accepted: true });
    expect(outcome.trace.selection.output).toBe(text);

    const bad = await fetch(`${s.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'x-api-key': s.key, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'austen-mini',
        messages,
        stream: true,
        policy: { ...single, constraints: { regex_pattern: 'a(?=b)' } },
      }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.param).toBe('policy.constraints.regex_pattern');
  });
});
