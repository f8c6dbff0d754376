// POST /sae/generate against the real model and SAE: frame order and shapes, the prefix + deltas invariant, monitor
// corrections (where the drift began, the give-up after MAX_ATTEMPTS), forced steering, 404 / 400 before any frame,
// and a client that goes away stopping the worker. A crafted behavior ("steady": one latent that is active at
// nearly every character, with a threshold below its floor) drifts at once in every attempt, so the correction
// path runs deterministically; the built-ins are exercised in sae-builtins.test.ts.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, type SaeGenerateFrame, saeGenerateFrameSchema } from '../../protocol/sae.ts';
import { readSse, startTestServer } from '../testing.ts';
import { saeDirWith } from '../testing-sae.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let s: Server;
let saeDir: string;

beforeAll(async () => {
  saeDir = saeDirWith({ steadyRun: 3, builtIns: false });
  s = await startTestServer({ saeDir });
});
afterAll(async () => {
  await s?.close();
  rmSync(saeDir, { recursive: true, force: true });
});

const post = (path: string, body: unknown, signal?: AbortSignal) =>
  fetch(`${s.url}${path}`, {
    method: 'POST',
    headers: { 'x-api-key': s.key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });

async function frames(body: unknown): Promise<SaeGenerateFrame[]> {
  const res = await post('/sae/generate', body);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  return (await readSse(res)).map((f) => saeGenerateFrameSchema.parse(JSON.parse(f.data)));
}

type Frame<S extends SaeGenerateFrame['status']> = Extract<SaeGenerateFrame, { status: S }>;
const ofStatus = <S extends SaeGenerateFrame['status']>(fs: SaeGenerateFrame[], st: S) =>
  fs.filter((f): f is Frame<S> => f.status === st);

/** What a client shows: append each delta; a `regenerate` correction at i keeps the first i characters. */
function replay(fs: SaeGenerateFrame[]): string {
  let text = '';
  for (const f of fs) {
    if (f.status === 'token') {
      expect(f.index).toBe(text.length);
      text += f.text;
    } else if (f.status === 'correction' && f.action === 'regenerate') text = text.slice(0, f.index);
  }
  return text;
}

function checkOrder(fs: SaeGenerateFrame[]): Frame<'complete'> {
  expect(fs[0]?.status).toBe('started');
  const terminal = fs.filter((f) => f.status === 'complete' || f.status === 'error');
  expect(terminal).toHaveLength(1);
  expect(fs.at(-1)).toBe(terminal[0]);
  expect(terminal[0]?.status).toBe('complete');
  return terminal[0] as Frame<'complete'>;
}

describe('POST /sae/generate', () => {
  it('streams started, token frames with per-behavior scores, then one complete whose text is the deltas', async () => {
    const fs = await frames({
      prompt: 'It was',
      max_new_tokens: 24,
      seed: 5,
      force_steering: [],
      behavior_names: null,
    });
    const done = checkOrder(fs);
    const started = fs[0] as Frame<'started'>;
    expect(started).toMatchObject({ hook: 'blocks.3.hook_resid_pre', max_new_tokens: 24, behaviors: [] });
    expect(ofStatus(fs, 'token')).toHaveLength(24);
    expect(replay(fs)).toBe(done.result.text);
    expect(done.result).toMatchObject({ attempts: 1, corrected: false, behaviors: [] });
  });

  it('monitor: corrects where the drift began, continues from there, and gives up after MAX_ATTEMPTS', async () => {
    const fs = await frames({
      prompt: 'It was',
      max_new_tokens: 30,
      seed: 5,
      behavior_names: ['steady'],
      include_activations: true,
      top_k_features: 3,
    });
    const done = checkOrder(fs);
    const corrections = ofStatus(fs, 'correction');
    expect(corrections.map((c) => c.action)).toEqual([...Array(MAX_ATTEMPTS - 1).fill('regenerate'), 'give_up']);
    for (const c of corrections) {
      // the correction points at the first of the DRIFT_RUN tokens above the threshold in its attempt
      const own = ofStatus(fs, 'token').filter((t) => t.attempt === c.attempt);
      const scores = own.map((t) => t.behaviors.steady?.score ?? 0);
      const first = scores.findIndex(
        (_, i) => scores.slice(i, i + 3).every((x) => x > 0.047) && i + 3 <= scores.length,
      );
      expect(own[first]?.index).toBe(c.index);
      expect(c).toMatchObject({ behavior: 'steady', threshold: 0.047, strength: -1 });
      expect(c.steering_vector_id).toBe('austen-mini/exclamation');
    }
    // the next attempt's tokens continue from the correction's index
    for (const c of corrections.filter((x) => x.action === 'regenerate')) {
      const next = ofStatus(fs, 'token').find((t) => t.attempt === c.attempt + 1);
      expect(next?.index).toBe(c.index);
    }
    expect(replay(fs)).toBe(done.result.text);
    expect(done.result.attempts).toBe(MAX_ATTEMPTS);
    expect(done.result.corrected).toBe(true);
    expect(done.result.behaviors[0]).toMatchObject({ name: 'steady', mode: 'monitor', drift_detected: true });
    expect(done.result.behaviors[0]?.note).toMatch(/last attempt \(3\)/);
    // activations: the top latents with their labels
    const t = ofStatus(fs, 'token')[0];
    expect(t?.features?.length).toBeGreaterThan(0);
    expect(t?.features?.[0]).toMatchObject({ sae: 'blocks.3.hook_resid_pre' });
    expect(typeof t?.features?.[0]?.label).toBe('string');
  });

  it('auto_correct: false monitors without correcting (report only)', async () => {
    const fs = await frames({
      prompt: 'It was',
      max_new_tokens: 20,
      seed: 5,
      behavior_names: ['steady'],
      auto_correct: false,
    });
    const done = checkOrder(fs);
    expect(ofStatus(fs, 'correction')).toHaveLength(0);
    expect(ofStatus(fs, 'token').some((t) => t.behaviors.steady?.drift)).toBe(true);
    expect(done.result).toMatchObject({ attempts: 1, corrected: false });
    expect(done.result.behaviors[0]).toMatchObject({ drift_detected: true, corrected: false });
    expect(done.result.behaviors[0]?.note).toMatch(/report only/);
  });

  it('forced: the linked vector applies at +1 from the start and changes the text', async () => {
    const body = { prompt: 'It was', max_new_tokens: 60, seed: 9 };
    const plain = checkOrder(await frames(body)).result.text;
    const fs = await frames({ ...body, force_steering: ['steady'] });
    const done = checkOrder(fs);
    expect((fs[0] as Frame<'started'>).behaviors[0]).toMatchObject({ name: 'steady', mode: 'forced' });
    expect(ofStatus(fs, 'token')[0]?.behaviors.steady).toMatchObject({ forced: true });
    expect(ofStatus(fs, 'correction')).toHaveLength(0);
    expect(done.result.text).not.toBe(plain);
    // the exclamation vector at +1: more "!" than without it
    expect(done.result.text.split('!').length).toBeGreaterThan(plain.split('!').length);
    expect(done.result.behaviors).toEqual([
      { name: 'steady', mode: 'forced', applied: true, max_score: expect.any(Number) },
    ]);
  });

  it('answers 404 before streaming for an unknown behavior, listing those that exist; 400 for one named twice', async () => {
    const r = await post('/sae/generate', { prompt: 'x', behavior_names: ['Honesty'] });
    expect(r.status).toBe(404);
    const b = (await r.json()) as { error: { message: string; param: string } };
    expect(b.error.param).toBe('behavior_names');
    expect(b.error.message).toMatch(/'Honesty'.*steady/);
    const r2 = await post('/sae/generate', { prompt: 'x', behavior_names: ['steady'], force_steering: ['steady'] });
    expect(r2.status).toBe(400);
    expect(((await r2.json()) as { error: { param: string } }).error.param).toBe('force_steering');
  });

  it('answers the result as JSON with Accept: application/json', async () => {
    const r = await fetch(`${s.url}/sae/generate`, {
      method: 'POST',
      headers: { 'x-api-key': s.key, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ prompt: 'It was', max_new_tokens: 10, behavior_names: ['steady'], seed: 1 }),
    });
    expect(r.status).toBe(200);
    const j = (await r.json()) as { text: string; attempts: number; corrected: boolean };
    expect(j.text).toHaveLength(10);
    expect(j.attempts).toBe(MAX_ATTEMPTS);
    expect(j.corrected).toBe(true);
  });

  it('a client that goes away stops the run', async () => {
    const ac = new AbortController();
    const r = await post('/sae/generate', { prompt: 'It was', max_new_tokens: 4000, behavior_names: [] }, ac.signal);
    const reader = (r.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.read();
    ac.abort();
    for (let i = 0; i < 200 && s.pool.busy > 0; i++) await new Promise((res) => setTimeout(res, 25));
    const after = s.pool.tokensProduced;
    await new Promise((res) => setTimeout(res, 300));
    expect(s.pool.tokensProduced).toBe(after);
    expect(s.pool.busy).toBe(0);
  });
});

describe('behavior_names on the /v1 routes', () => {
  it('streams: every token’s scores in axionic.tokens (one index each), report only (corrected: false)', async () => {
    const r = await post('/v1/completions', {
      prompt: 'It was',
      max_tokens: 20,
      seed: 2,
      stream: true,
      behavior_names: ['steady'],
    });
    const chunks = (await readSse(r)).filter((f) => f.data !== '[DONE]').map((f) => JSON.parse(f.data));
    const entries = chunks.flatMap((c) => c.axionic?.tokens ?? []) as {
      index: number;
      attempt: number;
      behaviors: Record<string, { score: number; drift: boolean }>;
    }[];
    expect(entries.map((e) => e.index)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(entries.every((e) => e.attempt === 1 && typeof e.behaviors.steady?.score === 'number')).toBe(true);
    expect(entries.some((e) => e.behaviors.steady?.drift)).toBe(true);
    const last = chunks.at(-1);
    expect(last.axionic.corrected).toBe(false);
    expect(last.axionic.behaviors[0]).toMatchObject({ name: 'steady', drift_detected: true, corrected: false });
    expect(last.axionic.behaviors[0].note).toMatch(/report only/);
  });

  it('not streamed: corrections apply (chat), and the answer summarises them', async () => {
    const r = await post('/v1/chat/completions', {
      messages: [{ role: 'user', content: 'Hello' }],
      max_tokens: 12,
      seed: 2,
      behavior_names: ['steady'],
    });
    expect(r.status).toBe(200);
    const j = (await r.json()) as {
      choices: { message: { content: string } }[];
      axionic: { corrected: boolean; behaviors: { corrected: boolean }[] };
    };
    expect(j.axionic.corrected).toBe(true);
    expect(j.axionic.behaviors[0]?.corrected).toBe(true);
  });

  it('not streamed: the logprobs are those of the final text (a dropped tail leaves them too)', async () => {
    const r = await post('/v1/completions', {
      prompt: 'It was',
      max_tokens: 12,
      seed: 2,
      logprobs: 1,
      behavior_names: ['steady'],
    });
    const j = (await r.json()) as {
      choices: { text: string; logprobs: { tokens: string[] } }[];
      axionic: { corrected: boolean };
    };
    expect(j.axionic.corrected).toBe(true);
    expect(j.choices[0]?.logprobs.tokens.join('')).toBe(j.choices[0]?.text);
  });

  it('refuses behaviors with a policy or several choices, naming the field; 404 for an unknown name', async () => {
    const n2 = await post('/v1/completions', { prompt: 'x', n: 2, behavior_names: ['steady'] });
    expect(n2.status).toBe(400);
    expect(((await n2.json()) as { error: { param: string } }).error.param).toBe('behavior_names');
    const unknown = await post('/v1/chat/completions', {
      messages: [{ role: 'user', content: 'x' }],
      force_steering: ['nope'],
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { param: string } }).error.param).toBe('force_steering');
  });
});
