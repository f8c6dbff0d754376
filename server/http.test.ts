// The HTTP surface over a real port: auth, the key hand-over, errors for bad input, URL space, queue, abort.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSse, startTestServer } from './testing.ts';

let s: Awaited<ReturnType<typeof startTestServer>>;
let auth: Record<string, string>;

beforeAll(async () => {
  s = await startTestServer({ workers: 1, maxQueue: 1 });
  auth = { 'x-api-key': s.key, 'content-type': 'application/json' };
});
afterAll(() => s.close());

const post = (path: string, body: unknown, headers: Record<string, string> = auth) =>
  fetch(`${s.url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

/** A raw HTTP GET with a chosen Host header (fetch does not allow overriding Host). */
function getWithHost(
  path: string,
  host: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const u = new URL(s.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path, method: 'GET', headers: { host, ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('auth', () => {
  it('creates an ax_ + 48 hex key and keeps it in the data directory', () => {
    expect(s.key).toMatch(/^ax_[0-9a-f]{48}$/);
    expect(s.store.localKey()).toBe(s.key);
  });

  it('answers /health without a key and every API route with 401 without one or with a wrong one', async () => {
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
    for (const path of ['/models', '/v1/models', '/graph', '/auth/verify-key']) {
      const r = await fetch(`${s.url}${path}`);
      expect(r.status, path).toBe(401);
      const body = await r.json();
      expect(body.error.type).toBe('authentication_error');
      expect(typeof body.detail).toBe('string');
    }
    const wrong = await fetch(`${s.url}/models`, { headers: { 'x-api-key': `ax_${'0'.repeat(48)}` } });
    expect(wrong.status).toBe(401);
    expect(
      (
        await post(
          '/v1/chat/completions',
          { messages: [{ role: 'user', content: 'hi' }] },
          { 'content-type': 'application/json' },
        )
      ).status,
    ).toBe(401);
  });

  it('accepts the key as x-api-key or as a Bearer token', async () => {
    expect((await fetch(`${s.url}/models`, { headers: { 'x-api-key': s.key } })).status).toBe(200);
    expect((await fetch(`${s.url}/models`, { headers: { authorization: `Bearer ${s.key}` } })).status).toBe(200);
  });
});

describe('key hand-over to the page', () => {
  beforeAll(() => {
    // a minimal built SPA for the static routes
    const dist = join(s.dataDir, 'no-spa');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><title>x</title></head><body></body></html>');
  });

  it('puts the key in index.html for a loopback Host', async () => {
    for (const host of [new URL(s.url).host, `localhost:${new URL(s.url).port}`]) {
      const r = await getWithHost('/', host);
      expect(r.status).toBe(200);
      expect(r.body).toContain(s.key);
    }
  });

  it('refuses it for any other Host (DNS rebinding)', async () => {
    for (const host of ['evil.example', 'evil.example:8420', '127.0.0.1.evil.example', '192.168.1.5:8420']) {
      const r = await getWithHost('/', host);
      expect(r.status).toBe(200);
      expect(r.body).not.toContain(s.key);
      expect(r.body).not.toMatch(/ax_[0-9a-f]{48}/);
    }
  });
});

describe('bad input never gets a 500', () => {
  it('JSON that does not parse → 400 naming the problem', async () => {
    const r = await post('/v1/chat/completions', '{"messages": [');
    expect(r.status).toBe(400);
    const b = await r.json();
    expect(b.error.code).toBe('invalid_json');
    expect(b.detail).toMatch(/not valid JSON/);
  });

  it('invalid fields → 422 with a FastAPI-style list naming each field', async () => {
    const r = await post('/v1/chat/completions', {
      messages: [{ role: 'wizard', content: 1 }],
      temperature: 9,
      max_tokens: 0,
    });
    expect(r.status).toBe(422);
    const b = await r.json();
    const locs = (b.detail as { loc: (string | number)[] }[]).map((d) => d.loc.join('.'));
    expect(locs).toEqual(
      expect.arrayContaining([
        'body.messages.0.role',
        'body.messages.0.content',
        'body.temperature',
        'body.max_tokens',
      ]),
    );
    expect(b.error.type).toBe('validation_error');
  });

  it('a body over the limit → 413', async () => {
    const r = await post('/v1/completions', { prompt: 'x'.repeat(1_100_000) });
    expect(r.status).toBe(413);
    expect((await r.json()).error.code).toBe('payload_too_large');
  });

  it('max_tokens above the cap → 422', async () => {
    const r = await post('/v1/completions', { prompt: 'a', max_tokens: 100_000 });
    expect(r.status).toBe(422);
  });

  it('fields of later features → 400 unsupported_parameter naming the field; defaults are accepted', async () => {
    for (const [field, value] of [
      ['tools', [{ type: 'function', function: { name: 'f' } }]],
      ['ads_subset_size', 8],
      ['response_format', { type: 'json_object' }],
    ] as const) {
      const r = await post('/v1/chat/completions', { messages: [{ role: 'user', content: 'hi' }], [field]: value });
      expect(r.status, field).toBe(400);
      const b = await r.json();
      expect(b.error.code).toBe('unsupported_parameter');
      expect(b.error.param).toBe(field);
    }
    const ok = await post(
      '/generate',
      { prompt: 'It is', max_tokens: 3, steering_strength: 0, steering_vector_id: null },
      { ...auth, accept: 'application/json' },
    );
    expect(ok.status).toBe(200);
    expect(typeof (await ok.json()).output).toBe('string');
  });

  it('an unknown model → 404', async () => {
    const r = await post('/v1/chat/completions', { model: 'gpt-9', messages: [{ role: 'user', content: 'hi' }] });
    expect(r.status).toBe(404);
    expect((await r.json()).detail).toMatch(/gpt-9/);
  });

  it('suffix (fill-in-the-middle) is refused, not ignored', async () => {
    const r = await post('/v1/completions', { prompt: 'a', suffix: 'b' });
    expect(r.status).toBe(400);
    expect((await r.json()).error.param).toBe('suffix');
  });
});

describe('URL space', () => {
  it('unknown paths are JSON 404s, never HTML', async () => {
    for (const path of ['/nope', '/assets/missing.js', '/v2/chat', '/upstreamx']) {
      const r = await fetch(`${s.url}${path}`, { headers: { 'x-api-key': s.key } });
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-type')).toMatch(/application\/json/);
    }
  });

  it('routes of later features answer 501 with a message', async () => {
    for (const path of ['/behaviors/recompute-baselines', '/steering/evaluate']) {
      const r = await post(path, { prompt: 'x' });
      expect(r.status, path).toBe(501);
      expect((await r.json()).detail).toMatch(/not available on the local runtime yet/);
    }
  });

  it('a known path with the wrong method answers 405 with Allow', async () => {
    const r = await post('/behaviors', {});
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET');
    expect((await r.json()).error.code).toBe('method_not_allowed');
    const g = await fetch(`${s.url}/v1/chat/completions`, { headers: { 'x-api-key': s.key } });
    expect(g.status).toBe(405);
    expect(g.headers.get('allow')).toBe('POST');
  });

  it('non-account /auth routes say there are no accounts', async () => {
    const r = await fetch(`${s.url}/auth/whoami`, { headers: { 'x-api-key': s.key } });
    expect(r.status).toBe(404);
    expect((await r.json()).detail).toMatch(/no accounts/);
  });
});

describe('engine pool behaviour', () => {
  it('streams SSE with the right headers and sends the first byte at once', async () => {
    const r = await post('/generate', { prompt: 'It is', max_tokens: 5 });
    expect(r.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(r.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(r.headers.get('x-accel-buffering')).toBe('no');
    expect(r.headers.get('content-encoding')).toBeNull();
    const frames = await readSse(r);
    expect(frames.at(-1)?.event).toBe('complete');
  });

  it('keeps /health responsive while a long generation runs', async () => {
    const ac = new AbortController();
    const long = await fetch(`${s.url}/v1/completions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ prompt: 'It was', max_tokens: 4000, stream: true }),
      signal: ac.signal,
    });
    await new Promise((r) => setTimeout(r, 200));
    const h = await fetch(`${s.url}/health`);
    expect(h.status).toBe(200);
    // answered while the generation is still running: had it blocked the event loop, /health would only be
    // served after it ended, with busy back at 0
    expect((await h.json()).busy).toBe(1);
    ac.abort();
    await long.body?.cancel().catch(() => {});
    await waitIdle();
  });

  it('a full queue answers 429 with Retry-After', async () => {
    // one worker, queue of one: the third concurrent request is refused
    // (a queued stream gets its headers when a worker accepts it, so wait for the pool, not for the responses)
    const streams = [0, 1].map(() => post('/v1/completions', { prompt: 'It was', max_tokens: 2000, stream: true }));
    for (let i = 0; i < 200 && !(s.pool.busy === 1 && s.pool.queued === 1); i++)
      await new Promise((r) => setTimeout(r, 10));
    const third = await post('/v1/completions', { prompt: 'It was', max_tokens: 5 });
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await third.json()).error.type).toBe('rate_limit_exceeded');
    for (const o of await Promise.all(streams)) await o.body?.cancel();
    await waitIdle();
  });

  it('a client disconnect aborts the generation: the worker stops producing', async () => {
    await waitIdle();
    const ac = new AbortController();
    const r = await fetch(`${s.url}/v1/completions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ prompt: 'It was', max_tokens: 4000, stream: true }),
      signal: ac.signal,
    });
    const reader = (r.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.read();
    ac.abort();
    await waitIdle();
    const after = s.pool.tokensProduced;
    await new Promise((res) => setTimeout(res, 300));
    expect(s.pool.tokensProduced).toBe(after);
    expect(after).toBeLessThan(4000);
    expect(s.pool.busy).toBe(0);
  });
});

async function waitIdle(): Promise<void> {
  for (let i = 0; i < 200 && (s.pool.busy > 0 || s.pool.queued > 0); i++) await new Promise((r) => setTimeout(r, 25));
  expect(s.pool.busy).toBe(0);
}

describe('continue_final_message (extension)', () => {
  it('continues the final assistant message: the same text as completing the open prompt', async () => {
    const messages = [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'It is a truth univers' },
    ];
    const chat = await post('/v1/chat/completions', {
      messages,
      continue_final_message: true,
      temperature: 0,
      max_tokens: 30,
    });
    expect(chat.status).toBe(200);
    const content = (await chat.json()).choices[0].message.content as string;
    const completion = await post('/v1/completions', {
      prompt: 'User: Hi\nAssistant: It is a truth univers',
      temperature: 0,
      max_tokens: 30,
      stop: ['\nUser:'],
    });
    expect(content).toBe((await completion.json()).choices[0].text);
    expect(content.length).toBeGreaterThan(0);
  });

  it('refuses it when the last message is not an assistant message, naming the field', async () => {
    const r = await post('/v1/chat/completions', {
      messages: [{ role: 'user', content: 'Hi' }],
      continue_final_message: true,
    });
    expect(r.status).toBe(400);
    expect((await r.json()).error.param).toBe('continue_final_message');
  });
});
