// The relay against a second local server acting as the hosted API.
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSse, startTestServer } from './testing.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  closedEarly: boolean;
}

let upstream: Server;
let upstreamUrl: string;
const seen: Seen[] = [];
let s: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const entry: Seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        closedEarly: false,
      };
      seen.push(entry);
      if (req.url?.startsWith('/v1/chat/completions')) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        let i = 0;
        const timer = setInterval(() => {
          if (i < 5) res.write(`data: {"i":${i++}}\n\n`);
          else {
            clearInterval(timer);
            res.end('data: [DONE]\n\n');
          }
        }, 120);
        res.on('close', () => {
          if (!res.writableEnded) entry.closedEarly = true;
          clearInterval(timer);
        });
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, path: req.url }));
      }
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  s = await startTestServer({ upstream: upstreamUrl });
});
afterAll(async () => {
  await s.close();
  await new Promise((r) => upstream.close(r));
});

const relayHeaders = () => ({
  'x-axplay-key': s.key,
  'x-api-key': 'ax_hosted_key_for_test',
  'content-type': 'application/json',
});

function rawRequest(path: string, headers: Record<string, string>): Promise<number> {
  const u = new URL(s.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('relay', () => {
  it('forwards an allowlisted path, streams frames through as they come, strips x-axplay-key, passes the key', async () => {
    const before = seen.length;
    const t0 = performance.now();
    const r = await fetch(`${s.url}/upstream/v1/chat/completions?x=1`, {
      method: 'POST',
      headers: relayHeaders(),
      body: '{"stream":true}',
    });
    expect(r.status).toBe(200);
    const frames = await readSse(r, t0);
    expect(frames.map((f) => f.data)).toEqual(['{"i":0}', '{"i":1}', '{"i":2}', '{"i":3}', '{"i":4}', '[DONE]']);
    // unbuffered: the first frame arrived long before the last
    expect((frames.at(-1)?.at ?? 0) - (frames[0]?.at ?? 0)).toBeGreaterThan(400);
    const got = seen[before];
    expect(got?.url).toBe('/v1/chat/completions?x=1');
    expect(got?.body).toBe('{"stream":true}');
    expect(got?.headers['x-api-key']).toBe('ax_hosted_key_for_test');
    expect(got?.headers['x-axplay-key']).toBeUndefined();
    expect(JSON.stringify(got?.headers)).not.toContain(s.key);
  });

  it('without x-axplay-key → 401 and nothing reaches the upstream', async () => {
    const before = seen.length;
    const r = await fetch(`${s.url}/upstream/v1/models`, { headers: { 'x-api-key': 'ax_hosted' } });
    expect(r.status).toBe(401);
    expect((await r.json()).error.code).toBe('relay_key_required');
    const wrong = await fetch(`${s.url}/upstream/v1/models`, { headers: { 'x-axplay-key': `ax_${'2'.repeat(48)}` } });
    expect(wrong.status).toBe(401);
    expect(seen.length).toBe(before);
  });

  it('refuses a non-loopback Host', async () => {
    const before = seen.length;
    expect(await rawRequest('/upstream/v1/models', { host: 'evil.example', 'x-axplay-key': s.key })).toBe(403);
    expect(seen.length).toBe(before);
  });

  it('never reaches another host or a path off the allowlist', async () => {
    const before = seen.length;
    for (const path of [
      '/upstream//evil.example/v1/models',
      '/upstream/http://evil.example/v1/models',
      '/upstream/admin',
      '/upstream/v1/../../etc/passwd',
      '/upstream/v1/chat/completions/../../../x',
      '/upstream/@evil.example/v1/models',
    ]) {
      const status = await rawRequest(path, { host: new URL(s.url).host, 'x-axplay-key': s.key });
      expect(status, path).toBeGreaterThanOrEqual(400);
    }
    expect(seen.length).toBe(before);
    const ok = await fetch(`${s.url}/upstream/models`, { headers: relayHeaders() });
    expect(await ok.json()).toEqual({ ok: true, path: '/models' });
  });

  it('a client disconnect closes the upstream request too', async () => {
    const before = seen.length;
    const ac = new AbortController();
    const r = await fetch(`${s.url}/upstream/v1/chat/completions`, {
      method: 'POST',
      headers: relayHeaders(),
      body: '{}',
      signal: ac.signal,
    });
    const reader = (r.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    ac.abort();
    for (let i = 0; i < 40 && !seen[before]?.closedEarly; i++) await new Promise((res) => setTimeout(res, 25));
    expect(seen[before]?.closedEarly).toBe(true);
  });
});

describe('relay timeouts (hung or stalled upstreams)', () => {
  let hung: Server;
  let t: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    // /health never answers; /v1/completions and /generate send one frame, then nothing
    hung = createServer((req, res) => {
      if (req.url?.startsWith('/health')) return; // headers never come
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(req.url?.startsWith('/generate') ? 'data: {"status":"started"}\n\n' : 'data: {"choices":[]}\n\n');
    });
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', () => r()));
    t = await startTestServer({
      upstream: `http://127.0.0.1:${(hung.address() as AddressInfo).port}`,
      upstreamConnectTimeoutMs: 300,
      upstreamIdleTimeoutMs: 300,
    });
  });
  afterAll(async () => {
    await t.close();
    hung.closeAllConnections();
    await new Promise((r) => hung.close(r));
  });
  const headers = () => ({ 'x-axplay-key': t.key, 'x-api-key': 'ax_hosted', 'content-type': 'application/json' });

  it('an upstream that never answers gets 504 with the documented body after the connect timeout', async () => {
    const t0 = performance.now();
    const r = await fetch(`${t.url}/upstream/health`, { headers: headers() });
    expect(r.status).toBe(504);
    const body = await r.json();
    expect(body.error.code).toBe('upstream_timeout');
    expect(body.detail).toMatch(/did not answer within 0.3 s/);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('a /v1 stream that stalls ends with an OpenAI error chunk and [DONE]', async () => {
    const r = await fetch(`${t.url}/upstream/v1/completions`, { method: 'POST', headers: headers(), body: '{}' });
    const frames = (await readSse(r)).map((f) => f.data);
    expect(frames[0]).toBe('{"choices":[]}');
    expect(JSON.parse(frames[1] ?? '{}').error.code).toBe('upstream_timeout');
    expect(frames[2]).toBe('[DONE]');
  });

  it('a native stream that stalls ends with a status error frame', async () => {
    const r = await fetch(`${t.url}/upstream/generate`, { method: 'POST', headers: headers(), body: '{}' });
    const frames = (await readSse(r)).map((f) => JSON.parse(f.data));
    expect(frames.at(-1)).toMatchObject({ status: 'error', code: 'upstream_timeout', http_status: 504 });
  });
});
