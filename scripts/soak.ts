// `npm run soak [-- --streams 16 --rounds 50 --url http://… --key ax_…]` (SOAK_TRACE=1 prints RSS every 10 rounds): concurrent streams against the server for
// many rounds, a fifth of them cut off by the client at a random moment, while /health is polled. Prints JSON:
// failures (with samples), 429s, the server's RSS after a warm-up round and at the end, /health p50/p99.
// Without --url it starts its own server (as `npm start` does, on a free port and a fresh data directory).
// Not part of `npm test`: it runs for minutes.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    streams: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '50' },
    url: { type: 'string' },
    key: { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});
const STREAMS = Number(values.streams);
const ROUNDS = Number(values.rounds);

let seed = Number(values.seed);
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

async function startOwnServer(): Promise<{ url: string; key: string; child: ChildProcess; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'axplay-soak-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'server', 'main.ts')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', AXPLAY_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const key = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /local API key: (ax_[0-9a-f]{48})/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  child.stdout?.resume();
  return { url: `http://127.0.0.1:${port}`, key, child, dataDir };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Number((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0).toFixed(1));
};

interface Outcome {
  ok: boolean;
  status: number;
  aborted: boolean;
  problem?: string;
}

/** One request of a random kind; reads the stream to its end (or cuts it off at a random moment). */
async function one(url: string, key: string): Promise<Outcome> {
  const kind = Math.floor(rand() * 4);
  const max_tokens = 20 + Math.floor(rand() * 180);
  const [path, body] =
    kind === 0
      ? [
          '/v1/chat/completions',
          { messages: [{ role: 'user', content: 'Tell me of Bath.' }], max_tokens, stream: true },
        ]
      : kind === 1
        ? ['/v1/completions', { prompt: 'It is a truth', max_tokens, stream: true, logprobs: 3 }]
        : kind === 2
          ? ['/generate', { prompt: 'My dear', max_tokens }]
          : ['/v1/chat/completions', { messages: [{ role: 'user', content: 'Hi' }], max_tokens: 20 }];
  const cut = rand() < 0.2;
  const ac = new AbortController();
  if (cut) setTimeout(() => ac.abort(), rand() * 400);
  try {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: ac.signal,
    });
    const text = await res.text();
    if (res.status === 429) return { ok: true, status: 429, aborted: false };
    if (res.status !== 200) return { ok: false, status: res.status, aborted: false, problem: text.slice(0, 200) };
    const streamed = (res.headers.get('content-type') ?? '').includes('event-stream');
    const ended = !streamed || text.includes('[DONE]') || text.includes('"status":"complete"');
    const errorFrame = streamed && (text.includes('"status":"error"') || text.includes('"error":{'));
    if (!ended || errorFrame)
      return { ok: false, status: 200, aborted: false, problem: `stream did not end cleanly: …${text.slice(-200)}` };
    return { ok: true, status: 200, aborted: false };
  } catch (e) {
    if (ac.signal.aborted) return { ok: true, status: 0, aborted: true };
    return { ok: false, status: 0, aborted: false, problem: (e as Error).message };
  }
}

async function health(url: string): Promise<{ ms: number; rss?: number }> {
  const t = performance.now();
  const r = await fetch(`${url}/health`);
  const b = (await r.json()) as { memory_mb?: number };
  return { ms: performance.now() - t, rss: b.memory_mb };
}

const own = values.url ? undefined : await startOwnServer();
const url = values.url ?? own?.url ?? '';
const key = values.key ?? own?.key ?? '';
try {
  let polling = true;
  const healthMs: number[] = [];
  const poll = (async () => {
    while (polling) {
      healthMs.push((await health(url)).ms);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const round = () => Promise.all(Array.from({ length: STREAMS }, () => one(url, key)));
  await round(); // warm-up: workers loaded, JIT warm, first buffers grown
  const rssWarm = (await health(url)).rss ?? 0;
  const outcomes: Outcome[] = [];
  const t0 = performance.now();
  for (let r = 0; r < ROUNDS; r++) {
    outcomes.push(...(await round()));
    if (process.env.SOAK_TRACE && r % 10 === 9) console.error('round', r + 1, 'rss', (await health(url)).rss);
  }
  const seconds = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 500)); // let aborted jobs wind down
  const rssEnd = (await health(url)).rss ?? 0;
  polling = false;
  await poll;
  const failures = outcomes.filter((o) => !o.ok);
  console.log(
    JSON.stringify(
      {
        streams: STREAMS,
        rounds: ROUNDS,
        requests: outcomes.length,
        seconds: Number(seconds.toFixed(1)),
        failures: failures.length,
        failure_samples: failures.slice(0, 5),
        status_429: outcomes.filter((o) => o.status === 429).length,
        client_disconnects: outcomes.filter((o) => o.aborted).length,
        rss_mb_after_warmup: rssWarm,
        rss_mb_end: rssEnd,
        rss_growth_pct: rssWarm ? Number((((rssEnd - rssWarm) / rssWarm) * 100).toFixed(1)) : null,
        health_ms: { p50: pct(healthMs, 50), p99: pct(healthMs, 99), samples: healthMs.length },
      },
      null,
      2,
    ),
  );
} finally {
  if (own) {
    own.child.kill('SIGTERM');
    rmSync(own.dataDir, { recursive: true, force: true });
  }
}
