import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error.ts';
import type { RequestObject } from './request-object.ts';
import { type RunEvent, runRequest } from './run-client.ts';

const BASE = 'http://127.0.0.1:8420';

function req(path: string, body: Record<string, unknown> = {}): RequestObject {
  return {
    method: 'POST',
    url: `${BASE}${path}`,
    headers: { 'Content-Type': 'application/json', 'x-api-key': 'ax_test' },
    body,
    meta: { target: 'local', baseUrl: BASE, path },
  };
}

const sse = (frames: string[]) =>
  new Response(frames.map((f) => `data: ${f}\n\n`).join(''), {
    headers: { 'content-type': 'text/event-stream' },
  });
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function run(r: RequestObject, res: Response): Promise<{ events: RunEvent[]; error?: unknown }> {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => res),
  );
  const events: RunEvent[] = [];
  try {
    await runRequest(r, {
      localKey: 'ax_local',
      origin: BASE,
      signal: new AbortController().signal,
      onEvent: (e) => events.push(e),
    });
    return { events };
  } catch (error) {
    return { events, error };
  }
}

const text = (events: RunEvent[]) =>
  events.flatMap((e) => (e.type === 'delta' ? e.tokens.map((t) => t.text) : [])).join('');
const finish = (events: RunEvent[]) => events.find((e) => e.type === 'finish');
const problems = (events: RunEvent[]) => events.flatMap((e) => (e.type === 'frame' && e.problem ? [e.problem] : []));

const chatChunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: null, ...extra }],
  });

afterEach(() => vi.unstubAllGlobals());

describe('runRequest: the response itself', () => {
  it('reports the status line and headers first; an error with its body, and throws it in words', async () => {
    const ok = await run(req('/v1/chat/completions', { stream: false }), json({ choices: [] }));
    expect(ok.events[0]).toMatchObject({
      type: 'response',
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
    expect(ok.events[0]).not.toHaveProperty('body');
    const body = { error: { message: 'temperature: Too big', type: 'validation_error', param: 'temperature' } };
    const bad = await run(req('/v1/chat/completions', { stream: false }), json(body, 422));
    expect(bad.events).toEqual([
      expect.objectContaining({ type: 'response', status: 422, body: JSON.stringify(body) }),
    ]);
    expect(bad.error).toMatchObject({ status: 422, message: 'temperature: Too big', param: 'temperature' });
  });
});

describe('runRequest: /v1/chat/completions', () => {
  it('streams chat chunks into text with per-token logprobs, then the finish and usage', async () => {
    const lp = {
      content: [{ token: 'H', logprob: -0.5, bytes: [72], top_logprobs: [{ token: 'H', logprob: -0.5, bytes: [72] }] }],
    };
    const { events, error } = await run(
      req('/v1/chat/completions'),
      sse([
        chatChunk({ role: 'assistant', content: '' }),
        chatChunk({ content: 'H' }, { logprobs: lp }),
        chatChunk({ content: 'i' }),
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion.chunk',
          created: 1,
          model: 'm',
          choices: [{ index: 0, delta: {}, finish_reason: 'length' }],
          usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
        }),
        '[DONE]',
      ]),
    );
    expect(error).toBeUndefined();
    expect(text(events)).toBe('Hi');
    const first = events.find((e) => e.type === 'delta');
    expect(first).toMatchObject({ tokens: [{ text: 'H', logprob: -0.5, top: [{ token: 'H', logprob: -0.5 }] }] });
    expect(finish(events)).toEqual({
      type: 'finish',
      reason: 'length',
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
    expect(events.filter((e) => e.type === 'frame')).toHaveLength(5);
    expect(problems(events)).toEqual([]);
  });

  it('reads a whole chat answer', async () => {
    const { events } = await run(
      req('/v1/chat/completions', { stream: false }),
      json({
        id: 'chatcmpl-2',
        object: 'chat.completion',
        created: 1,
        model: 'm',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Good day' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 8, total_tokens: 9 },
      }),
    );
    expect(text(events)).toBe('Good day');
    expect(finish(events)).toMatchObject({ reason: 'stop', usage: { total_tokens: 9 } });
  });

  it('throws the error chunk a stream reports, with its message and code', async () => {
    const { events, error } = await run(
      req('/v1/chat/completions'),
      sse([
        chatChunk({ content: 'a' }),
        JSON.stringify({ error: { message: 'worker died', type: 'server_error', code: 'boom', param: null } }),
        '[DONE]',
      ]),
    );
    expect(text(events)).toBe('a');
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('worker died');
    expect((error as ApiError).code).toBe('boom');
    expect(finish(events)).toBeUndefined();
  });

  it('reports a malformed frame with its problem and keeps reading the stream', async () => {
    const { events, error } = await run(
      req('/v1/chat/completions'),
      sse([chatChunk({ content: 'a' }), '{not json', '{"choices": "nope"}', chatChunk({ content: 'b' }), '[DONE]']),
    );
    expect(error).toBeUndefined();
    expect(text(events)).toBe('ab');
    const p = problems(events);
    expect(p).toHaveLength(2);
    expect(p[0]).toMatch(/not JSON/);
    expect(p[1]).toMatch(/unexpected shape/);
  });

  it('shows choice 0 only', async () => {
    const two = JSON.stringify({
      id: 'x',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 1, delta: { content: 'other' }, finish_reason: null }],
    });
    const { events } = await run(req('/v1/chat/completions'), sse([chatChunk({ content: 'mine' }), two, '[DONE]']));
    expect(text(events)).toBe('mine');
  });
});

describe('runRequest: /v1/completions', () => {
  const chunk = (t: string, logprobs: unknown = null, finish_reason: string | null = null) =>
    JSON.stringify({
      id: 'cmpl-1',
      object: 'text_completion',
      created: 1,
      model: 'm',
      choices: [{ text: t, index: 0, logprobs, finish_reason }],
    });

  it('streams legacy chunks with their logprobs, alternatives sorted by probability', async () => {
    const { events } = await run(
      req('/v1/completions'),
      sse([
        chunk('x', { tokens: ['x'], token_logprobs: [-1], top_logprobs: [{ y: -2, x: -1 }], text_offset: [0] }),
        chunk('y'),
        chunk('', null, 'stop'),
        '[DONE]',
      ]),
    );
    expect(text(events)).toBe('xy');
    expect(events.find((e) => e.type === 'delta')).toMatchObject({
      tokens: [
        {
          text: 'x',
          logprob: -1,
          top: [
            { token: 'x', logprob: -1 },
            { token: 'y', logprob: -2 },
          ],
        },
      ],
    });
    expect(finish(events)).toMatchObject({ reason: 'stop' });
  });

  it('reads a whole legacy answer, and refuses one of the wrong shape with the problem', async () => {
    const ok = await run(
      req('/v1/completions', { stream: false }),
      json({
        id: 'c',
        object: 'text_completion',
        created: 1,
        model: 'm',
        choices: [{ text: 'whole', index: 0, logprobs: null, finish_reason: 'length' }],
      }),
    );
    expect(text(ok.events)).toBe('whole');
    expect(finish(ok.events)).toMatchObject({ reason: 'length' });
    const bad = await run(req('/v1/completions', { stream: false }), json({ choices: 'no' }));
    expect(bad.error).toBeInstanceOf(ApiError);
    expect((bad.error as Error).message).toMatch(/could not be read/);
    expect(problems(bad.events)).toHaveLength(1);
  });
});

describe('runRequest: /generate (native status frames)', () => {
  it('decodes started → token… → complete', async () => {
    const { events, error } = await run(
      req('/generate'),
      sse([
        JSON.stringify({ status: 'started', request_id: 'req_1', model: 'm', max_tokens: 2 }),
        JSON.stringify({ status: 'token', index: 0, token: 'O', text: 'O', token_id: 48, logprob: -0.1 }),
        JSON.stringify({ status: 'token', index: 1, token: 'k', text: 'k', token_id: 76, logprob: -0.2 }),
        JSON.stringify({
          status: 'complete',
          result: {
            output: 'Ok',
            finish_reason: 'length',
            usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
          },
        }),
      ]),
    );
    expect(error).toBeUndefined();
    expect(text(events)).toBe('Ok');
    expect(events.find((e) => e.type === 'delta')).toMatchObject({ tokens: [{ text: 'O', logprob: -0.1 }] });
    expect(finish(events)).toMatchObject({ reason: 'length', usage: { completion_tokens: 2 } });
  });

  it('throws the error frame with its status and code', async () => {
    const { error } = await run(
      req('/generate'),
      sse([
        JSON.stringify({ status: 'started', request_id: 'r', model: 'm', max_tokens: 2 }),
        JSON.stringify({ status: 'error', message: 'overloaded', code: 'overloaded', http_status: 503 }),
      ]),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect((error as ApiError).code).toBe('overloaded');
  });

  it('reports a frame with an unknown status, and the JSON result when not streaming', async () => {
    const s = await run(
      req('/generate'),
      sse([JSON.stringify({ status: 'weird' }), JSON.stringify({ status: 'complete', result: { output: 'x' } })]),
    );
    expect(problems(s.events)).toHaveLength(1);
    const j = await run(req('/generate'), json({ output: 'whole text', finish_reason: 'stop' }));
    expect(text(j.events)).toBe('whole text');
  });
});

describe('runRequest: errors before the stream', () => {
  it('turns an error response into ApiError with the server message, code and field', async () => {
    const { error } = await run(
      req('/v1/chat/completions'),
      json(
        {
          detail: [{ loc: ['body', 'max_tokens'], msg: 'Too big', type: 'too_big' }],
          error: {
            message: 'max_tokens: Too big',
            type: 'validation_error',
            code: 'validation_error',
            param: 'max_tokens',
          },
        },
        422,
      ),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, message: 'max_tokens: Too big', param: 'max_tokens' });
  });

  it('reads FastAPI-only and plain-text error bodies', async () => {
    const fastapi = await run(req('/generate'), json({ detail: 'Not enough credits' }, 402));
    expect(fastapi.error).toMatchObject({ status: 402, message: 'Not enough credits' });
    const plain = await run(req('/generate'), new Response('upstream exploded', { status: 502 }));
    expect(plain.error).toMatchObject({ status: 502, message: 'upstream exploded' });
  });
});
