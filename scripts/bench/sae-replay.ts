// Recorded /sae/generate frames for the SAE view's browser bench (sae-view-bench.ts), and the replay proxy that
// serves them. Recording: the real server, the built-in behaviors, include_activations with 8 top features, seeded;
// one request holds at most MAX_TOKENS_CAP tokens, so a longer stream is several recordings joined into one valid
// stream: the first recording as it came (its `started`, its corrections — the dropped-text path — and its
// attempts), then the kept tokens of the next ones continuing the last attempt (their index shifted on, their own
// corrections left out: a real run has at most MAX_ATTEMPTS attempts), and one `complete` at the end. Replay: a
// Node proxy in front of the real server that forwards every request unchanged (the SPA and its local-key
// hand-over, /health, /models, /behaviors…) except POST /sae/generate, which it answers with the recording, token
// frames paced at a fixed rate (every TICK_MS the frames due by then, in one write).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { modelPath, REPO_ROOT } from '../../engine/node/load-model.ts';
import { MAX_TOKENS_CAP } from '../../protocol/limits.ts';
import { type SaeGenerateFrame, saeGenerateFrameSchema } from '../../protocol/sae.ts';
import { readSse } from '../../server/testing.ts';
import { droppedMask } from '../../src/api/sae-readings.ts';

type Frame<S extends SaeGenerateFrame['status']> = Extract<SaeGenerateFrame, { status: S }>;
type Started = Frame<'started'>;
type Token = Frame<'token'>;
type Correction = Frame<'correction'>;
type Complete = Frame<'complete'>;

export const BUILT_IN_BEHAVIORS = ['dialogue', 'json', 'exclamation', 'question'] as const;
export const RECORD_PROMPT = '“Well,” said Elizabeth, “';
const TOP_K_FEATURES = 8;
const SEED = 7;
/** The replay's timer: every TICK_MS it writes the frames due by then. */
export const TICK_MS = 5;

export interface Recording {
  /** The frames of one valid stream: `started` first, exactly one `complete` last. */
  frames: SaeGenerateFrame[];
  tokens: number;
  corrections: number;
  dropped_tokens: number;
  recordings: number;
  record_s: number;
  cached: boolean;
}

/** A recording as it is cached. */
const cacheSchema = z.object({ frames: z.array(saeGenerateFrameSchema), record_s: z.number(), n: z.number() });

/** The token frames of a recording that a later attempt took back — the page's own rule (src/api/sae-readings.ts). */
function droppedOf(frames: readonly SaeGenerateFrame[]): Set<Token> {
  const tokens = frames.filter((f): f is Token => f.status === 'token');
  const corrections = frames.filter((f): f is Correction => f.status === 'correction');
  const mask = droppedMask(
    tokens.map((t) => ({ sae: { index: t.index, attempt: t.attempt, behaviors: {} } })),
    { replay: true, corrections },
  );
  return new Set(tokens.filter((_, i) => mask[i]));
}

async function recordOne(url: string, key: string, maxTokens: number, seed: number): Promise<SaeGenerateFrame[]> {
  const res = await fetch(`${url}/sae/generate`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({
      prompt: RECORD_PROMPT,
      max_new_tokens: maxTokens,
      behavior_names: [...BUILT_IN_BEHAVIORS],
      include_activations: true,
      top_k_features: TOP_K_FEATURES,
      temperature: 0.8,
      seed,
    }),
  });
  if (res.status !== 200) throw new Error(`/sae/generate answered ${res.status}: ${await res.text()}`);
  const frames: SaeGenerateFrame[] = (await readSse(res)).map((f) => saeGenerateFrameSchema.parse(JSON.parse(f.data)));
  const last = frames.at(-1);
  if (frames[0]?.status !== 'started' || last?.status !== 'complete')
    throw new Error(`a recording did not run from started to complete (last: ${JSON.stringify(last).slice(0, 300)})`);
  return frames;
}

/** Joins recordings into one stream whose text is `total` tokens (see the header); one recording of `total` kept
 * tokens comes back as it is. */
export function joinRecordings(parts: readonly SaeGenerateFrame[][], total: number): SaeGenerateFrame[] {
  const [first, ...rest] = parts;
  if (!first) throw new Error('no recording');
  const started = first[0] as Started;
  const out: SaeGenerateFrame[] = [{ ...started, max_new_tokens: total }];
  let count = 0; // kept tokens so far
  let attempt = 1;
  let next = 0; // the next kept index
  let text = '';
  const body = first.slice(1, -1);
  const firstDropped = droppedOf(body);
  for (const f of body) {
    if (f.status === 'token') {
      const dropped = firstDropped.has(f);
      if (!dropped && count >= total) continue;
      out.push(f);
      attempt = f.attempt;
      if (!dropped) {
        count++;
        next = f.index + 1;
        text = text.slice(0, f.index) + f.text;
      }
    } else if (f.status === 'correction' && f.index < total) {
      if (f.action === 'regenerate') text = text.slice(0, f.index);
      out.push(f);
    }
  }
  const summary = (first.at(-1) as Complete).result;
  const maxScore = new Map(summary.behaviors.map((b) => [b.name, b.max_score ?? 0]));
  for (const part of rest) {
    if (count >= total) break;
    const gone = droppedOf(part);
    const kept = part.filter((f): f is Token => f.status === 'token' && !gone.has(f));
    const base = next;
    for (const t of kept) {
      if (count >= total) break;
      out.push({ ...t, attempt, index: base + t.index });
      count++;
      next = base + t.index + 1;
      text += t.text;
      for (const [n, r] of Object.entries(t.behaviors)) maxScore.set(n, Math.max(maxScore.get(n) ?? 0, r.score));
    }
  }
  const complete: Complete = {
    status: 'complete',
    result: {
      ...summary,
      text,
      output: summary.output === undefined ? undefined : text,
      behaviors: summary.behaviors.map((b) => ({ ...b, max_score: maxScore.get(b.name) ?? b.max_score })),
      usage: summary.usage
        ? { ...summary.usage, completion_tokens: count, total_tokens: summary.usage.prompt_tokens + count }
        : undefined,
    },
  };
  out.push(complete);
  return out;
}

function cacheKey(total: number, model: string): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ v: 2, total, BUILT_IN_BEHAVIORS, RECORD_PROMPT, TOP_K_FEATURES, SEED, MAX_TOKENS_CAP }));
  for (const f of [
    model,
    join(REPO_ROOT, 'models', 'austen-mini', 'sae', 'sae.safetensors'),
    ...BUILT_IN_BEHAVIORS.map((b) => join(REPO_ROOT, 'models', 'austen-mini', 'sae', 'behaviors', `${b}.json`)),
  ])
    if (existsSync(f)) h.update(`${f}:${statSync(f).size}:${statSync(f).mtimeMs}`);
  return h.digest('hex').slice(0, 16);
}

/** The recording of `total` tokens (the text's length) from the server running `model`: from the cache
 * (node_modules/.cache, git-ignored) or recorded now. */
export async function recording(
  server: { url: string; key: string },
  total: number,
  model = process.env.AXPLAY_MODEL ?? modelPath(),
): Promise<Recording> {
  const dir = join(REPO_ROOT, 'node_modules', '.cache', 'axplay-bench');
  const file = join(dir, `sae-view-frames-${cacheKey(total, model)}.json`);
  let frames: SaeGenerateFrame[] | undefined;
  let recordS = 0;
  let recordings = 0;
  let cached = false;
  if (existsSync(file)) {
    try {
      const c = cacheSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
      frames = c.frames;
      recordS = c.record_s;
      recordings = c.n;
      cached = true;
    } catch {
      frames = undefined;
    }
  }
  if (!frames) {
    const t0 = performance.now();
    const parts: SaeGenerateFrame[][] = [];
    let kept = 0;
    for (let i = 0; kept < total; i++) {
      const part = await recordOne(server.url, server.key, Math.min(MAX_TOKENS_CAP, total), SEED + i);
      const gone = droppedOf(part);
      kept += part.filter((f) => f.status === 'token' && !gone.has(f)).length;
      parts.push(part);
      if (i > 20) throw new Error('the recordings keep coming back short');
    }
    frames = joinRecordings(parts, total);
    recordS = (performance.now() - t0) / 1000;
    recordings = parts.length;
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify({ frames, record_s: recordS, n: recordings }));
  }
  const tokens = frames.filter((f) => f.status === 'token') as Token[];
  const cs = frames.filter((f): f is Correction => f.status === 'correction');
  return {
    frames,
    tokens: tokens.length,
    corrections: cs.length,
    dropped_tokens: droppedOf(frames).size,
    recordings,
    record_s: Number(recordS.toFixed(1)),
    cached,
  };
}

export interface ReplayStats {
  /** The body the page sent to /sae/generate (the replay answers it whatever it asks). */
  request?: Record<string, unknown>;
  tokens: number;
  /** Seconds from the first token frame written to the last. */
  seconds: number;
  tokens_per_s: number;
  /** The most bytes the socket held unsent (the page reading slower than the replay writes). */
  max_buffered_kb: number;
  ended: boolean;
}

export interface ReplayProxy {
  url: string;
  /** The frames the next POST /sae/generate gets. */
  use(frames: readonly SaeGenerateFrame[]): void;
  /** The latest replay's figures (undefined before the first). */
  last(): ReplayStats | undefined;
  close(): Promise<void>;
}

/** Starts the proxy in front of `target` (a free port on 127.0.0.1). */
export async function startReplayProxy(target: string, tokensPerS: number): Promise<ReplayProxy> {
  const up = new URL(target);
  // each frame's SSE text, whether it is a token, and how many token frames precede it (it is due once they are)
  let sse: { text: string; token: boolean; after: number }[] = [];
  let stats: ReplayStats | undefined;

  const replay = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    const frames = sse;
    req.on('end', () => {
      let body: Record<string, unknown> | undefined;
      try {
        body = z.record(z.string(), z.unknown()).parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        body = undefined;
      }
      const s: ReplayStats = {
        request: body,
        tokens: 0,
        seconds: 0,
        tokens_per_s: 0,
        max_buffered_kb: 0,
        ended: false,
      };
      stats = s;
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        'X-Accel-Buffering': 'no',
        Connection: 'keep-alive',
      });
      res.write(': stream open\n\n');
      let i = 0;
      let t0 = 0;
      let firstAt = 0;
      let lastAt = 0;
      let closed = false;
      res.on('close', () => {
        closed = true;
      });
      const tick = () => {
        if (closed) return;
        const now = performance.now();
        if (!t0) t0 = now;
        // token frames due by now: the first at once, then one every 1000 / tokensPerS ms
        const due = Math.floor(((now - t0) * tokensPerS) / 1000) + 1;
        let out = '';
        for (let f = frames[i]; f && f.after < due; f = frames[++i]) {
          out += f.text;
          if (f.token) {
            s.tokens++;
            if (!firstAt) firstAt = now;
            lastAt = now;
          }
        }
        if (out) res.write(out);
        s.max_buffered_kb = Math.max(s.max_buffered_kb, Math.round(res.writableLength / 1024));
        if (i < frames.length) {
          setTimeout(tick, TICK_MS);
          return;
        }
        s.seconds = Number(((lastAt - firstAt) / 1000).toFixed(3));
        s.tokens_per_s = s.seconds > 0 ? Math.round((s.tokens - 1) / s.seconds) : 0;
        s.ended = true;
        res.end();
      };
      tick();
    });
  };

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const p = httpRequest(
      { host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    p.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`replay proxy: ${e.message}`);
    });
    req.pipe(p);
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'POST' && path === '/sae/generate') replay(req, res);
    else forward(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    use(frames) {
      let n = 0;
      sse = frames.map((f) => {
        const x = { text: `data: ${JSON.stringify(f)}\n\n`, token: f.status === 'token', after: n };
        if (x.token) n++;
        return x;
      });
    },
    last: () => stats,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
