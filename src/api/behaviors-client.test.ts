// @vitest-environment node
// The behaviors client against the real server (the built-ins with their evidence, create from the example pairs,
// rename, delete, refusals kept in the server's words with the field they name, one SAE latent's page), the example
// pairs and their limits, and the transport with a stubbed fetch (the hosted relay; no feature pages there).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MIN_PAIRS } from '../../server/behaviors/plan.ts';
import { startTestServer } from '../../server/testing.ts';
import type { ApiTarget } from './api-call.ts';
import { ApiError } from './api-error.ts';
import {
  EXAMPLE_BEHAVIOR_DESCRIPTION,
  EXAMPLE_BEHAVIOR_JSONL,
  EXAMPLE_BEHAVIOR_NAME,
  MIN_BEHAVIOR_PAIRS,
  parseBehaviorPairs,
} from './behavior-pairs.ts';
import { createBehavior, deleteBehavior, listBehaviors, renameBehavior, saeFeature } from './behaviors-client.ts';

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

function examplePairs() {
  const parsed = parseBehaviorPairs(EXAMPLE_BEHAVIOR_JSONL);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.pairs;
}

describe('behavior pairs', () => {
  it('needs as many pairs as the server does', () => {
    expect(MIN_BEHAVIOR_PAIRS).toBe(MIN_PAIRS);
    const one = JSON.stringify({ prompt: 'A ', positive_answer: '"Oh!"', negative_answer: 'calmly.' });
    expect(parseBehaviorPairs(one)).toEqual({
      ok: false,
      errors: ['1 pair: a behavior needs at least 2 (its separation is cross-validated over pairs)'],
    });
    expect(parseBehaviorPairs(`${one}\n${one}`).ok).toBe(true);
  });

  it('keeps the steering limits, worded for a behavior, and each problem with its line', () => {
    const one = JSON.stringify({ prompt: 'A ', positive_answer: 'x'.repeat(40_000), negative_answer: 'y' });
    const r = parseBehaviorPairs(`${one}\n${one}\n{"prompt": 1}`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toBe('line 3: prompt must be a string, not a number');
    expect(r.errors.at(-1)).toMatch(/at most 65,536 per behavior$/);
  });

  it('the example holds eight pairs, a name and a description', () => {
    expect(examplePairs().prompts).toHaveLength(8);
    expect(EXAMPLE_BEHAVIOR_NAME).toBe('casual');
    expect(EXAMPLE_BEHAVIOR_DESCRIPTION).toEqual(expect.any(String));
  });
});

describe('behaviors client against the real server', () => {
  let s: Awaited<ReturnType<typeof startTestServer>>;
  let t: ApiTarget;
  beforeAll(async () => {
    s = await startTestServer({ workers: 1 });
    t = { target: 'local', baseUrl: s.url, apiKey: s.key, localKey: s.key, origin: s.url };
  });
  afterAll(() => s.close());

  it('lists the built-ins with their held-out evidence', async () => {
    const list = await listBehaviors(t);
    const dialogue = list.find((b) => b.behavior_name === 'dialogue');
    expect(dialogue).toMatchObject({ id: 'austen-mini/dialogue', built_in: true, steering_vector_id: null });
    expect(dialogue?.separation_auc).toBeGreaterThan(0.9);
    expect(dialogue?.false_trigger_rate).toBeLessThan(0.1);
    expect(dialogue?.hook_name).toMatch(/^blocks\.\d\.hook_resid_pre$/);
  });

  it('creates a behavior from the example pairs: it separates them (AUC ≥ 0.75) and gets a correction vector', async () => {
    const r = await createBehavior(t, {
      behavior_name: EXAMPLE_BEHAVIOR_NAME,
      description: EXAMPLE_BEHAVIOR_DESCRIPTION,
      ...examplePairs(),
      model: 'austen-mini',
    });
    expect(r).toMatchObject({ behavior_name: 'casual', built_in: false, description: EXAMPLE_BEHAVIOR_DESCRIPTION });
    expect(r.id).toMatch(/^bh_/);
    expect(r.separation_auc).toBeGreaterThanOrEqual(0.75);
    expect(r.threshold).toBeGreaterThan(0);
    expect(r.steering_vector_id).toMatch(/^sv_/);
    expect((await listBehaviors(t)).map((b) => b.id)).toContain(r.id);
    const taken = await refusal(createBehavior(t, { behavior_name: 'casual', ...TINY }));
    expect(taken).toMatchObject({ status: 409, param: 'behavior_name' });
    expect(taken.message).toBe("behavior_name: a behavior named 'casual' already exists");
  });

  it('renames and deletes its own; built-ins are read-only; a missing id is a 404', async () => {
    const { id } = await createBehavior(t, { behavior_name: 'tiny', ...TINY });
    expect(await renameBehavior(t, id, 'exclaims')).toMatchObject({ id, behavior_name: 'exclaims' });
    expect((await listBehaviors(t)).find((b) => b.id === id)?.behavior_name).toBe('exclaims');
    expect(await deleteBehavior(t, id)).toEqual({ deleted: true, behavior_id: id });
    expect((await listBehaviors(t)).map((b) => b.id)).not.toContain(id);
    expect(await refusal(deleteBehavior(t, id))).toMatchObject({ status: 404, param: 'behavior_id' });
    const builtIn = await refusal(renameBehavior(t, 'austen-mini/dialogue', 'speech'));
    expect(builtIn).toMatchObject({ status: 400, code: 'read_only', param: 'behavior_id' });
  });

  it('reads one latent’s page, with its contexts and where the active character is', async () => {
    const f = await saeFeature(t, 5);
    expect(f.index).toBe(5);
    expect(f.label).toEqual(expect.any(String));
    for (const c of f.top_contexts) expect(c.at).toBeLessThan(c.text.length);
    expect((await saeFeature(t, 1023)).index).toBe(1023);
    const past = await refusal(saeFeature(t, 1024));
    expect(past).toMatchObject({ status: 404 });
    expect(past.message).toBe('The SAE has no latent 1024 (it has 1024)');
  });
});

describe('behaviors client transport', () => {
  afterEach(() => vi.restoreAllMocks());
  const hosted: ApiTarget = {
    target: 'hosted',
    baseUrl: 'https://api.axioniclabs.ai',
    apiKey: 'hk',
    localKey: 'lk',
    origin: 'http://127.0.0.1:8420',
  };

  it('goes through the relay for the hosted target, the id percent-encoded in the path', async () => {
    const b = {
      id: 'a/b',
      behavior_name: 'n',
      description: null,
      steering_vector_id: null,
      model_id: null,
      hook_name: 'h',
      sae_release: null,
      created_at: null,
    };
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => Response.json(b));
    await renameBehavior(hosted, 'a/b', 'n');
    const [url, init] = fetchSpy.mock.calls[0] ?? [];
    expect(url).toBe('http://127.0.0.1:8420/upstream/behaviors/a%2Fb/rename');
    expect(init?.method).toBe('PATCH');
    expect(init?.headers).toMatchObject({ 'x-api-key': 'hk', 'x-axplay-key': 'lk' });
    expect(JSON.parse(String(init?.body))).toEqual({ behavior_name: 'n' });
  });

  it('an answer of the wrong shape is an ApiError; the hosted API has no feature pages (nothing is fetched)', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => Response.json({ items: [] }));
    const e = await refusal(listBehaviors(hosted));
    expect(e).toMatchObject({ code: 'bad_response' });
    expect(e.message).toMatch(/^The answer of GET \/behaviors could not be read/);
    fetchSpy.mockClear();
    expect(await refusal(saeFeature(hosted, 3))).toMatchObject({ status: 404, code: 'not_available' });
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
