// The defects a hostile-client probe found, each reproduced: malformed URLs, forged log lines, client aborts
// logged as errors, degenerate sampling values, missing security headers, framework errors without the documented
// body, and Retry-After.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_CSP } from './security-headers.ts';
import { startTestServer } from './testing.ts';

let s: Awaited<ReturnType<typeof startTestServer>>;
const logs: string[] = [];
let auth: Record<string, string>;

beforeAll(async () => {
  s = await startTestServer({ workers: 1, maxQueue: 2 }, { log: (l) => logs.push(l) });
  auth = { 'x-api-key': s.key, 'content-type': 'application/json' };
});
afterAll(() => s.close());

/** A raw HTTP exchange (fetch would refuse or normalise these requests). */
function raw(request: string): Promise<string> {
  const u = new URL(s.url);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(u.port), u.hostname, () => sock.write(request));
    let out = '';
    sock.setEncoding('latin1');
    sock.on('data', (d) => (out += d));
    sock.on('end', () => resolve(out));
    sock.on('error', reject);
    setTimeout(() => {
      sock.destroy();
      resolve(out);
    }, 3000);
  });
}

const bodyOf = (response: string) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));

describe('malformed percent-encoding (defect 2)', () => {
  const paths = [
    '/%',
    '/%%',
    '/%zz',
    '/%E0',
    '/%C0%AF',
    '/%ED%A0%80',
    '/graph%',
    '/v1/models%E0',
    '/v1/chat/completions%',
    '/assets/%zz.js',
    '/upstream/%',
    '/health%FF',
    '/%F4%90%80%80',
  ];
  it('answers 400 with the documented body, with or without a key, and the server stays up', async () => {
    for (const p of paths) {
      for (const headers of [{}, auth]) {
        const r = await raw(
          `GET ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers)
            .map(([k, v]) => `${k}: ${v}\r\n`)
            .join('')}Connection: close\r\n\r\n`,
        );
        expect(r.split('\r\n')[0], p).toBe('HTTP/1.1 400 Bad Request');
        const b = bodyOf(r);
        expect(b.error.code, p).toBe('malformed_url');
        expect(typeof b.detail).toBe('string');
      }
    }
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
  });
});

describe('the request log (defects 4 and 5)', () => {
  it('cannot be forged with encoded newlines or NUL bytes: one line per request, control characters escaped', async () => {
    logs.length = 0;
    await fetch(`${s.url}/x%0d%0aPOST%20/v1/chat/completions%20200%2012ms`);
    await fetch(`${s.url}/a%00b`);
    expect(logs).toHaveLength(2);
    for (const l of logs) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the point of the test
      expect(l).not.toMatch(/[\r\n\u0000]/);
      expect(l).toMatch(/^GET \S+ 404 \d+ms$/);
    }
    expect(logs[0]).toContain('/x%0d%0aPOST%20');
  });

  it('logs a client that leaves a queued, non-streamed request as a 499 client close, not a server error', async () => {
    logs.length = 0;
    const busy = [0, 1].map(() =>
      fetch(`${s.url}/v1/completions`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ prompt: 'It is', max_tokens: 1500, stream: true }),
      }),
    );
    for (let i = 0; i < 200 && !(s.pool.busy === 1 && s.pool.queued === 1); i++)
      await new Promise((r) => setTimeout(r, 10));
    const ac = new AbortController();
    const queued = fetch(`${s.url}/v1/chat/completions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }], max_tokens: 5, n: 2 }),
      signal: ac.signal,
    }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    ac.abort();
    await queued;
    for (const r of await Promise.all(busy)) await r.body?.cancel();
    for (let i = 0; i < 100 && !logs.some((l) => l.startsWith('POST /v1/chat/completions')); i++)
      await new Promise((r) => setTimeout(r, 20));
    const line = logs.find((l) => l.startsWith('POST /v1/chat/completions'));
    expect(line).toMatch(/ 499 client closed /);
    expect(logs.join('\n')).not.toMatch(/error on|500/);
  });
});

describe('degenerate sampling values (defect 6)', () => {
  const complete = async (extra: Record<string, unknown>) => {
    const r = await fetch(`${s.url}/v1/completions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ prompt: 'It is a truth universally', max_tokens: 40, seed: 3, ...extra }),
    });
    expect(r.status).toBe(200);
    return (await r.json()).choices[0].text as string;
  };

  it('a temperature below 1e-4 is greedy (5e-324 gives the argmax text, not a wall of newlines)', async () => {
    const greedy = await complete({ temperature: 0 });
    expect(await complete({ temperature: 5e-324 })).toBe(greedy);
    expect(await complete({ temperature: 1e-5 })).toBe(greedy);
    expect(greedy.trim().length).toBeGreaterThan(10);
  });

  it('the repetition penalty is computed in log space: 1e-39 and 10 give text, not degenerate output', async () => {
    for (const repetition_penalty of [1e-39, 10]) {
      const t = await complete({ repetition_penalty, temperature: 0.8 });
      expect(t.length).toBeGreaterThan(0);
      expect(new Set(t).size, JSON.stringify(t)).toBeGreaterThan(3);
      expect(t).not.toMatch(/^\n+$/);
    }
  });
});

describe('security headers (defect 7)', () => {
  it('the page gets a strict CSP: scripts only from this origin, no eval, no framing', async () => {
    const csp = PAGE_CSP;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    const r = await fetch(`${s.url}/`);
    expect(r.headers.get('content-security-policy')).toBe(csp);
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('every response is nosniff and unframeable, errors and API answers included', async () => {
    for (const [path, init] of [
      ['/health', {}],
      ['/models', { headers: auth }],
      ['/nope', {}],
      ['/v1/models', {}],
    ] as const) {
      const r = await fetch(`${s.url}${path}`, init);
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
      expect(r.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
    }
  });
});

describe('errors Node answers before the app (defect 8)', () => {
  it('headers over 16 KB get 431 with the documented body', async () => {
    const r = await raw(`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(r.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(bodyOf(r).error).toMatchObject({ type: 'invalid_request_error', code: 'headers_too_large' });
  });

  it('a malformed request gets 400 with the documented body', async () => {
    const r = await raw('GARBAGE\r\n\r\n');
    expect(r.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(bodyOf(r).error.code).toBe('malformed_request');
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
  });
});

describe('Retry-After (defect 10)', () => {
  it('estimates from the queue and recent job times instead of echoing the queue length', () => {
    const pool = s.pool as unknown as { recentJobMs?: number; queue: unknown[]; retryAfterSeconds(): number };
    const saved = pool.recentJobMs;
    pool.recentJobMs = 4000;
    pool.queue.push({}, {});
    expect(pool.retryAfterSeconds()).toBe(12); // (2 queued + 1) / 1 worker × 4 s
    pool.recentJobMs = 100;
    expect(pool.retryAfterSeconds()).toBe(1); // never below 1
    pool.queue.length = 0;
    pool.recentJobMs = saved;
  });

  it('the 429 carries that estimate', async () => {
    const busy = [0, 1, 2].map(() =>
      fetch(`${s.url}/v1/completions`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ prompt: 'It was', max_tokens: 1500, stream: true }),
      }),
    );
    for (let i = 0; i < 200 && !(s.pool.busy === 1 && s.pool.queued === 2); i++)
      await new Promise((r) => setTimeout(r, 10));
    const r = await fetch(`${s.url}/v1/completions`, { method: 'POST', headers: auth, body: '{"prompt":"x"}' });
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBe(s.pool.retryAfterSeconds());
    for (const b of await Promise.all(busy)) await b.body?.cancel();
  });
});
