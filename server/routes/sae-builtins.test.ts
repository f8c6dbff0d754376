// The seed page's /sae/generate curl against the local model with a built-in behavior (the real curl binary, frames
// read as they arrive), and the built-ins at work: monitoring dialogue on a prompt that leads into speech corrects
// where the drift began, and a forced behavior's scores read the text, not its vector.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SaeGenerateFrame, saeGenerateFrameSchema } from '../../protocol/sae.ts';
import { readSse, startTestServer } from '../testing.ts';

let s: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  s = await startTestServer({ workers: 1 });
});
afterAll(() => s?.close());

function curl(args: string[]): Promise<{ chunks: string[]; code: number }> {
  return new Promise((resolve, reject) => {
    const p = spawn('curl', ['-sS', '-N', ...args]);
    const chunks: string[] = [];
    p.stdout.setEncoding('utf8');
    p.stdout.on('data', (d: string) => chunks.push(d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ chunks, code: code ?? -1 }));
  });
}

const parseFrames = (raw: string): SaeGenerateFrame[] =>
  raw
    .split('\n')
    .filter((l) => l.startsWith('data:'))
    .map((l) => saeGenerateFrameSchema.parse(JSON.parse(l.slice(5))));

async function frames(body: unknown): Promise<SaeGenerateFrame[]> {
  const res = await fetch(`${s.url}/sae/generate`, {
    method: 'POST',
    headers: { 'x-api-key': s.key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await readSse(res)).map((f) => saeGenerateFrameSchema.parse(JSON.parse(f.data)));
}

type Frame<S extends SaeGenerateFrame['status']> = Extract<SaeGenerateFrame, { status: S }>;
const ofStatus = <S extends SaeGenerateFrame['status']>(fs: SaeGenerateFrame[], st: S) =>
  fs.filter((f): f is Frame<S> => f.status === st);

describe('the built-in behaviors on /sae/generate', () => {
  it('the seed’s curl streams per-token frames with a built-in behavior', async () => {
    const { chunks, code } = await curl([
      '-X',
      'POST',
      `${s.url}/sae/generate`,
      '-H',
      'Content-Type: application/json',
      '-H',
      `x-api-key: ${s.key}`,
      '-d',
      JSON.stringify({
        model: 'austen-mini',
        prompt: 'Explain how this policy handles refunds.',
        max_new_tokens: 120,
        behavior_names: ['dialogue'],
      }),
    ]);
    expect(code).toBe(0);
    expect(chunks.length).toBeGreaterThan(2); // frames arrive as they are made, not as one blob
    const fs = parseFrames(chunks.join(''));
    expect(fs[0]).toMatchObject({ status: 'started', behaviors: [{ name: 'dialogue', mode: 'monitor' }] });
    const tokens = ofStatus(fs, 'token');
    expect(tokens.length).toBeGreaterThanOrEqual(120);
    for (const t of tokens) expect(t.behaviors.dialogue?.score).toBeGreaterThanOrEqual(0);
    const done = fs.at(-1) as Frame<'complete'>;
    expect(done.status).toBe('complete');
    expect(done.result.text.length).toBeLessThanOrEqual(120);
  });

  it('monitor: dialogue drifting mid-text is cut where the drift began and regenerated from there', async () => {
    const fs = await frames({ prompt: PROMPT, max_new_tokens: 80, seed: SEED, behavior_names: ['dialogue'] });
    const threshold = (fs[0] as Frame<'started'>).behaviors[0]?.threshold as number;
    const first = ofStatus(fs, 'correction')[0];
    expect(first?.action).toBe('regenerate');
    expect(first?.index).toBeGreaterThan(0);
    const own = ofStatus(fs, 'token').filter((t) => t.attempt === 1);
    const scores = own.map((t) => t.behaviors.dialogue?.score as number);
    // the first run of 3 above the threshold begins at the correction's index
    const firstRun = scores.findIndex(
      (_, j) => j + 3 <= scores.length && scores.slice(j, j + 3).every((x) => x > threshold),
    );
    expect(firstRun).toBe(first?.index);
    const next = ofStatus(fs, 'token').find((t) => t.attempt === 2);
    expect(next?.index).toBe(first?.index);
  });

  it('forced: the scores read the text (the vector at the SAE’s own hook is taken out), and the text changes', async () => {
    const body = { prompt: 'It was a fine morning, and ', max_new_tokens: 60, seed: 4 };
    const plain = ofStatus(await frames({ ...body, behavior_names: ['dialogue'], auto_correct: false }), 'token');
    const forced = ofStatus(await frames({ ...body, force_steering: ['dialogue'] }), 'token');
    expect(forced.map((t) => t.text).join('')).not.toBe(plain.map((t) => t.text).join(''));
    // not pinned at 1 by the vector itself
    expect(Math.min(...forced.map((t) => t.behaviors.dialogue?.score as number))).toBeLessThan(0.9);
  });
});

const PROMPT = 'Anne looked up from her letter, and said, ';
const SEED = 2;
