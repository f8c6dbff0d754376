// @vitest-environment node
// The steering client against the real server (list with built-ins, create streamed, relabel, download, delete,
// refusals kept in the server's words, built-in ids with their slash), and the stream's failure modes with a
// stubbed fetch (an error frame, a stream cut before its complete frame, Stop, the hosted relay's transport).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer } from '../../server/testing.ts';
import type { ApiTarget } from './api-call.ts';
import { ApiError } from './api-error.ts';
import {
  createVector,
  deleteVector,
  downloadVector,
  listVectors,
  relabelVector,
  type SteeringProgressFrame,
} from './steering-client.ts';
import { EXAMPLE_PAIRS_JSONL, parsePairs } from './steering-pairs.ts';

const TINY = {
  prompts: ['She said ', 'He cried ', 'They called '],
  positive_answers: ['"Oh!"', '"Ah, no!"', '"Come!"'],
  negative_answers: ['nothing.', 'softly.', 'to them.'],
};

/** The ApiError a promise rejects with (fails the test when it resolves or throws something else). */
async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(e)}`);
  return e;
}

describe('steering client against the real server', () => {
  let s: Awaited<ReturnType<typeof startTestServer>>;
  let t: ApiTarget;
  beforeAll(async () => {
    s = await startTestServer({ workers: 1 });
    t = { target: 'local', baseUrl: s.url, apiKey: s.key, localKey: s.key, origin: s.url };
  });
  afterAll(() => s.close());

  it('lists the built-in vectors with their layers and description', async () => {
    const list = await listVectors(t);
    const json = list.find((v) => v.id === 'austen-mini/json');
    expect(json).toMatchObject({ built_in: true, model_name: 'austen-mini' });
    expect(json?.layers[0]?.hook).toMatch(/^blocks\.\d\.hook_resid_pre$/);
    expect(json?.description).toEqual(expect.any(String));
    expect(list.find((v) => v.id === 'austen-mini/exclamation')?.built_in).toBe(true);
  });

  it('creates a vector from three pairs, streaming started, processing and complete frames in order', async () => {
    const frames: SteeringProgressFrame[] = [];
    const r = await createVector(t, { ...TINY, name: 'tiny' }, { onFrame: (f) => frames.push(f) });
    expect(frames[0]).toMatchObject({ status: 'started', pairs: 3 });
    const progress = frames.flatMap((f) => (f.status === 'processing' ? [f.progress] : []));
    expect(progress.length).toBeGreaterThan(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(frames.at(-1)).toEqual({ status: 'complete', result: r });
    expect(r.steering_vector_id).toMatch(/^sv_/);
    expect(r.name).toBe('tiny');
    expect(typeof r.separation_auc).toBe('number');
    expect((await listVectors(t)).map((v) => v.id)).toContain(r.steering_vector_id);
  });

  it('the example pairs define a clear direction (leave-one-out AUC ≥ 0.9)', async () => {
    const parsed = parsePairs(EXAMPLE_PAIRS_JSONL);
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const r = await createVector(t, parsed.pairs);
    expect(r.separation_auc).toBeGreaterThanOrEqual(0.9);
  });

  it('relabels, downloads and deletes a vector; a missing id is a 404', async () => {
    const { steering_vector_id: id } = await createVector(t, TINY);
    expect(await relabelVector(t, id, 'exclaims')).toMatchObject({ id, label: 'exclaims', built_in: false });
    expect((await listVectors(t)).find((v) => v.id === id)?.label).toBe('exclaims');
    const floats = await downloadVector(t, id);
    expect(Object.values(floats)[0]?.length).toBeGreaterThan(0);
    expect(await deleteVector(t, id)).toEqual({ deleted: true, vector_id: id });
    expect((await listVectors(t)).map((v) => v.id)).not.toContain(id);
    const gone = await refusal(deleteVector(t, id));
    expect(gone.status).toBe(404);
    expect(gone.message).toContain(id);
    expect((await refusal(relabelVector(t, 'sv_nothing', 'x'))).status).toBe(404);
  });

  it('a built-in id (with its slash) reaches its vector: downloadable, relabel and delete refused with 403', async () => {
    const floats = await downloadVector(t, 'austen-mini/json');
    expect(Object.keys(floats)).toHaveLength(1);
    const relabel = await refusal(relabelVector(t, 'austen-mini/json', 'mine'));
    expect(relabel.status).toBe(403);
    expect(relabel.message).toMatch(/'austen-mini\/json' is a built-in vector.*read-only/);
    expect((await refusal(deleteVector(t, 'austen-mini/json'))).status).toBe(403);
  });

  it('keeps the message and field of a refused creation, before any frame', async () => {
    const frames: SteeringProgressFrame[] = [];
    const e = await refusal(createVector(t, { ...TINY, layer_idxs: [99] }, { onFrame: (f) => frames.push(f) }));
    expect(e).toMatchObject({ status: 400, param: 'layer_idxs' });
    expect(e.message).toMatch(/layer 99 does not exist/);
    expect(frames).toEqual([]);
  });
});

describe('createVector’s stream, with a stubbed server', () => {
  afterEach(() => vi.restoreAllMocks());
  const local: ApiTarget = { target: 'local', baseUrl: 'http://x', apiKey: 'k', localKey: 'lk', origin: 'http://o' };
  const sse = (...frames: unknown[]) =>
    new Response(frames.map((f) => `data: ${JSON.stringify(f)}\n\n`).join(''), {
      headers: { 'content-type': 'text/event-stream' },
    });
  const started = { status: 'started', request_id: 'r', model: 'm', pairs: 3, layers: [3] };

  it('an error frame is an ApiError with its message, code and status', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      sse(started, { status: 'error', message: 'the queue is full', code: 'queue_full', http_status: 429 }),
    );
    const e = await refusal(createVector(local, TINY));
    expect(e).toMatchObject({ status: 429, code: 'queue_full', message: 'the queue is full' });
  });

  it('a stream that ends without its complete frame is a lost connection', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      sse(started, { status: 'processing', message: 'm', progress: 40, step: 'extract' }),
    );
    const e = await refusal(createVector(local, TINY));
    expect(e).toMatchObject({ status: 0, code: 'connection_lost' });
  });

  it('a frame that does not fit the schema is reported, not skipped', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(sse(started, { status: 'processing', progress: 'half' }));
    const e = await refusal(createVector(local, TINY));
    expect(e.code).toBe('bad_response');
    expect(e.message).toMatch(/progress frame could not be read/);
  });

  it('Stop rejects with the abort, not an ApiError', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(
      (_url, init) =>
        new Promise((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    );
    const ac = new AbortController();
    const p = createVector(local, TINY, { signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('goes to the hosted API through the local relay with the local key, and asks for the stream', async () => {
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(sse({ status: 'error', message: 'x', http_status: 500 }));
    await refusal(createVector({ ...local, target: 'hosted' }, TINY));
    const [url, init] = fetchSpy.mock.calls[0] ?? [];
    expect(url).toBe('http://o/upstream/steering/generate');
    expect(init?.headers).toEqual({
      'x-api-key': 'k',
      'x-axplay-key': 'lk',
      'Content-Type': 'application/json',
      Accept: 'text/event-stream',
    });
    expect(JSON.parse(String(init?.body))).toEqual(TINY);
  });
});
