// The official `openai` npm client (6.x) against the local server, unchanged but for base URL and key.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './testing.ts';

let s: Awaited<ReturnType<typeof startTestServer>>;
let client: OpenAI;

beforeAll(async () => {
  s = await startTestServer({ workers: 1 });
  client = new OpenAI({ apiKey: s.key, baseURL: `${s.url}/v1`, maxRetries: 0 });
});
afterAll(() => s.close());

describe('openai client', () => {
  it('lists the local model', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['austen-mini']);
  });

  it('chat, not streamed', async () => {
    const r = await client.chat.completions.create({
      model: 'austen-mini',
      messages: [{ role: 'user', content: 'Who is Emma?' }],
      max_tokens: 20,
      seed: 3,
    });
    expect(r.object).toBe('chat.completion');
    expect(r.choices[0]?.message.role).toBe('assistant');
    expect(typeof r.choices[0]?.message.content).toBe('string');
    expect(['stop', 'length']).toContain(r.choices[0]?.finish_reason);
    expect(r.usage?.completion_tokens).toBeGreaterThan(0);
    expect(r.usage?.total_tokens).toBe((r.usage?.prompt_tokens ?? 0) + (r.usage?.completion_tokens ?? 0));
  });

  it('chat, streamed: chunks, then usage in the last chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'austen-mini',
      messages: [{ role: 'user', content: 'Tell me of Bath.' }],
      max_tokens: 30,
      stream: true,
      seed: 1,
    });
    let text = '';
    let chunks = 0;
    let usage: OpenAI.CompletionUsage | null | undefined;
    let finish: string | null | undefined;
    for await (const c of stream) {
      chunks++;
      text += c.choices[0]?.delta.content ?? '';
      if (c.choices[0]?.finish_reason) finish = c.choices[0].finish_reason;
      if (c.usage) usage = c.usage;
    }
    expect(chunks).toBeGreaterThan(3);
    expect(text.length).toBeGreaterThan(0);
    expect(finish).toMatch(/stop|length/);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('the same seed gives the same text; extension fields pass through', async () => {
    const req = {
      model: 'austen-mini',
      messages: [{ role: 'user' as const, content: 'Describe Highbury.' }],
      max_tokens: 40,
      seed: 42,
      temperature: 0.9,
      // Axionic / axplay extensions, sent as extra body fields
      sampling_method: 'min-p',
      min_p: 0.1,
      repetition_penalty: 1.1,
    } as OpenAI.ChatCompletionCreateParamsNonStreaming;
    const a = await client.chat.completions.create(req);
    const b = await client.chat.completions.create(req);
    expect(a.choices[0]?.message.content).toBe(b.choices[0]?.message.content);
    const c = await client.chat.completions.create({ ...req, seed: 43 });
    expect(c.choices[0]?.message.content).not.toBe(a.choices[0]?.message.content);
  });

  it('chat logprobs in the OpenAI shape', async () => {
    const r = await client.chat.completions.create({
      model: 'austen-mini',
      messages: [{ role: 'user', content: 'Hello' }],
      max_tokens: 8,
      logprobs: true,
      top_logprobs: 3,
      temperature: 0,
    });
    const content = r.choices[0]?.logprobs?.content ?? [];
    expect(content.length).toBe(r.usage?.completion_tokens);
    for (const t of content) {
      expect(t.logprob).toBeLessThanOrEqual(0);
      expect(t.top_logprobs).toHaveLength(3);
      // greedy: the chosen token is the most likely one
      expect(t.top_logprobs[0]?.token).toBe(t.token);
    }
    expect(content.map((t) => t.token).join('')).toBe(r.choices[0]?.message.content);
  });

  it('completions with echo and logprobs', async () => {
    const r = await client.completions.create({
      model: 'austen-mini',
      prompt: 'It is a truth',
      max_tokens: 10,
      echo: true,
      logprobs: 2,
      temperature: 0,
    });
    const ch = r.choices[0];
    expect(ch?.text.startsWith('It is a truth')).toBe(true);
    expect(ch?.logprobs?.tokens?.join('')).toBe(ch?.text);
    expect(ch?.logprobs?.token_logprobs?.[0]).toBeNull();
    expect(ch?.logprobs?.text_offset?.[1]).toBe(1);
  });

  it('completions streamed', async () => {
    const stream = await client.completions.create({
      model: 'austen-mini',
      prompt: 'She was',
      max_tokens: 15,
      stream: true,
      seed: 2,
    });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.text ?? '';
    expect(text.length).toBeGreaterThan(0);
  });

  it('maps 401, 404 and 422 to the client’s error classes', async () => {
    const bad = new OpenAI({ apiKey: `ax_${'1'.repeat(48)}`, baseURL: `${s.url}/v1`, maxRetries: 0 });
    await expect(bad.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(
      client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    const err = await client.chat.completions
      .create({ model: 'austen-mini', messages: [{ role: 'user', content: 'x' }], temperature: 7 })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.UnprocessableEntityError);
    expect(String(err.message)).toMatch(/temperature/);
  });
});
