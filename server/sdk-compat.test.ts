// What other clients do, reproduced: curl (the real binary) reading frames as they arrive, and an SSE reader
// that behaves like mechanex 1.0.x's (status frames, unknown statuses ignored, error raises).
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './testing.ts';

let s: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  s = await startTestServer({ workers: 1 });
});
afterAll(() => s.close());

/** Runs curl -N and records when each chunk of output arrives. */
function curl(args: string[]): Promise<{ chunks: { at: number; text: string }[]; code: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn('curl', ['-sS', '-N', ...args]);
    const chunks: { at: number; text: string }[] = [];
    p.stdout.setEncoding('utf8');
    p.stdout.on('data', (d: string) => chunks.push({ at: performance.now() - t0, text: d }));
    p.on('error', reject);
    p.on('close', (code) => resolve({ chunks, code: code ?? -1 }));
  });
}

/** mechanex 1.0.x's _parse_sse_events + _post_sse semantics, in TypeScript. */
function mechanexParse(raw: string): unknown {
  const events: Record<string, unknown>[] = [];
  let data: string[] = [];
  const flush = () => {
    if (!data.length) return;
    try {
      const v = JSON.parse(data.join('\n'));
      if (v && typeof v === 'object' && !Array.isArray(v)) events.push(v);
    } catch {
      // non-JSON payloads (e.g. [DONE]) are skipped
    }
    data = [];
  };
  for (const line of raw.split(/\r?\n/)) {
    if (line === '') flush();
    else if (line.startsWith(':') || line.startsWith('event:')) continue;
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  flush();
  const err = events.find((e) => e.status === 'error');
  if (err) throw new Error(`MechanexError: ${String(err.message)}`);
  const done = events.find((e) => e.status === 'complete');
  if (done) return typeof done.result === 'object' && done.result ? done.result : done;
  if (events.length) return events.at(-1);
  return JSON.parse(raw);
}

describe('curl', () => {
  it('streams a chat completion frame by frame (not one buffered blob)', async () => {
    const { chunks, code } = await curl([
      '-X',
      'POST',
      `${s.url}/v1/chat/completions`,
      '-H',
      'Content-Type: application/json',
      '-H',
      `Authorization: Bearer ${s.key}`,
      '-d',
      JSON.stringify({
        model: 'austen-mini',
        messages: [{ role: 'user', content: 'Hello' }],
        max_tokens: 300,
        stream: true,
        logit_bias: { '96': -100 },
        stop: [],
      }),
    ]);
    expect(code).toBe(0);
    const all = chunks.map((c) => c.text).join('');
    expect(all.trim().endsWith('data: [DONE]')).toBe(true);
    const frames = all.split('\n\n').filter((f) => f.startsWith('data: {'));
    // the worker batches characters (one frame per few milliseconds), and frames arrive over time: several
    // separate reads, spread across the generation
    expect(frames.length).toBeGreaterThan(5);
    expect(chunks.length).toBeGreaterThan(5);
    expect((chunks.at(-1)?.at ?? 0) - (chunks[0]?.at ?? 0)).toBeGreaterThan(20);
  });

  it('streams /generate status frames', async () => {
    const { chunks, code } = await curl([
      '-X',
      'POST',
      `${s.url}/generate`,
      '-H',
      'Content-Type: application/json',
      '-H',
      `x-api-key: ${s.key}`,
      '-d',
      JSON.stringify({ prompt: 'It is a truth', max_tokens: 40 }),
    ]);
    expect(code).toBe(0);
    const all = chunks.map((c) => c.text).join('');
    const statuses = all
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)).status);
    expect(statuses[0]).toBe('started');
    expect(statuses.filter((x) => x === 'token').length).toBeGreaterThan(0);
    expect(statuses.at(-1)).toBe('complete');
    expect(statuses.filter((x) => x === 'complete' || x === 'error')).toHaveLength(1);
  });
});

describe('a mechanex-like reader of /generate', () => {
  it('gets result.output from exactly what mechanex sends (no temperature)', async () => {
    const body = {
      prompt: 'It is a truth',
      sampling_method: 'top-k',
      max_tokens: 30,
      top_k: 50,
      top_p: 0.9,
      steering_vector_id: null,
      steering_strength: 0,
    };
    const r = await fetch(`${s.url}/generate`, {
      method: 'POST',
      headers: { 'x-api-key': s.key, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const result = mechanexParse(await r.text()) as { output: string; usage: { completion_tokens: number } };
    expect(typeof result.output).toBe('string');
    expect(result.output.length).toBe(result.usage.completion_tokens);
  });

  it('raises on an error frame, and reads a plain JSON answer too', () => {
    expect(() => mechanexParse('data: {"status":"started"}\n\ndata: {"status":"error","message":"boom"}\n\n')).toThrow(
      /boom/,
    );
    expect(mechanexParse('{"output": "x"}')).toEqual({ output: 'x' });
  });

  it('set_model: GET /models lists the name, then set-model binds it to the key', async () => {
    const h = { 'x-api-key': s.key, 'content-type': 'application/json' };
    const models = (await (await fetch(`${s.url}/models`, { headers: h })).json()) as { name: string }[];
    expect(models.map((m) => m.name)).toContain('austen-mini');
    const ok = await fetch(`${s.url}/auth/api-keys/set-model`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ model_name: 'austen-mini' }),
    });
    expect(await ok.json()).toMatchObject({ status: 'ok', model_name: 'austen-mini' });
    const bad = await fetch(`${s.url}/auth/api-keys/set-model`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ model_name: 'gpt-9' }),
    });
    expect(bad.status).toBe(404);
  });
});
