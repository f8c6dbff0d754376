// Steering over real HTTP: POST /steering/generate (frames, result, every 400), the /steering/vectors routes
// (list with built-ins, download, label, delete, bulk delete; built-ins read-only), and applying a vector on every
// generation route — strength 0 bit-identical to none, a vector changes the output, inline vectors applied as given,
// the echo of what was applied, /steering/run's multiplier, steering with a constraint, a policy's steering block
// with layer_scope and a token window — and vectors surviving a restart.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { route } from '../protocol/routes.ts';
import { steeringGenerateResultSchema, steeringVectorListSchema } from '../protocol/steering.ts';
import { readSse, startTestServer } from './testing.ts';

const C = 128;
const BUILT_IN = 'austen-mini/test-quotes';
const unit = Array.from({ length: C }, (_, i) => Math.sin(7 * i + 1));
const norm = Math.hypot(...unit);
const builtInFile = {
  id: BUILT_IN,
  name: 'test-quotes',
  label: 'A test built-in',
  method: 'caa',
  model: 'austen-mini',
  layers: [{ hook: 'blocks.2.hook_resid_pre', direction: unit.map((x) => x / norm), scale: 9.5, rawNorm: 1.25 }],
  measurements: { anything: 'the loader ignores fields it does not know' },
  description: 'written by the test',
};

const steeringDir = mkdtempSync(join(tmpdir(), 'axplay-steering-'));
writeFileSync(join(steeringDir, 'test-quotes.json'), JSON.stringify(builtInFile));
writeFileSync(
  join(steeringDir, 'narrow.json'),
  JSON.stringify({ ...builtInFile, id: 'austen-mini/narrow', layers: [{ ...builtInFile.layers[0], direction: [1] }] }),
);
writeFileSync(join(steeringDir, 'broken.json'), '{ not json');

/** Dialogue (positive) against narration (negative) after the same openings. */
const PAIRS = {
  prompts: [
    'Elizabeth looked up. ',
    'Mr. Darcy bowed. ',
    'She turned to her sister. ',
    'Emma smiled. ',
    'He paused at the door. ',
    'Mrs. Bennet sighed. ',
    'Anne coloured. ',
    'The Colonel laughed. ',
  ],
  positive_answers: [
    '"I cannot think so," said she.',
    '"You are too kind," said he.',
    '"My dear Jane, how can you?"',
    '"Oh! I am very glad."',
    '"I shall call tomorrow," he said.',
    '"Nobody knows what I suffer!"',
    '"It is of no consequence."',
    '"I never heard of such a thing!"',
  ],
  negative_answers: [
    'She could not think so, and was silent.',
    'He was too kind to say more of it.',
    'Her sister was sitting by the window.',
    'She was very glad of the news.',
    'He meant to call on the next day.',
    'Nobody in the house knew of her trouble.',
    'It was of no consequence to anybody.',
    'He had never heard of such a thing.',
  ],
};

let s: Awaited<ReturnType<typeof startTestServer>>;
const logs: string[] = [];
let vid = '';

beforeAll(async () => {
  s = await startTestServer({ workers: 1, maxQueue: 8, steeringDir }, { log: (l) => logs.push(l) });
});
afterAll(async () => {
  await s.close();
  rmSync(steeringDir, { recursive: true, force: true });
});

const headers = (extra: Record<string, string> = {}) => ({
  'x-api-key': s.key,
  'content-type': 'application/json',
  ...extra,
});
const post = (path: string, body: unknown, extra: Record<string, string> = {}) =>
  fetch(`${s.url}${path}`, { method: 'POST', headers: headers(extra), body: JSON.stringify(body) });
const call = (method: string, path: string, body?: unknown) =>
  fetch(`${s.url}${path}`, { method, headers: headers(), body: body === undefined ? undefined : JSON.stringify(body) });
const JSON_ACCEPT = { accept: 'application/json' };

async function newVector(extra: Record<string, unknown> = {}): Promise<string> {
  const r = await post('/steering/generate', { ...PAIRS, method: 'caa', ...extra }, JSON_ACCEPT);
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()).steering_vector_id;
}

/** A seeded /generate as JSON: its output and steering echo. */
async function generate(extra: Record<string, unknown> = {}) {
  const r = await post('/generate', { prompt: 'It is', max_tokens: 60, seed: 7, ...extra }, JSON_ACCEPT);
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as { output: string; steering: unknown };
}

async function expectError(res: Response, status: number, param: string | null) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const b = JSON.parse(text);
  expect(b.error.param, text).toBe(param);
  expect(typeof b.detail).toBe('string');
  return b;
}

describe('POST /steering/generate', () => {
  it('streams started, processing steps (tokenize, extract…, optimize, save) and one complete with the id', async () => {
    const t0 = performance.now();
    const frames = await readSse(await post('/steering/generate', { ...PAIRS, method: 'caa', name: 'quotes' }));
    const ms = performance.now() - t0;
    const r = route('steering.generate');
    const parsed = frames.map((f) => r.frame.parse(JSON.parse(f.data)));
    expect(parsed[0]).toMatchObject({ status: 'started', model: 'austen-mini', pairs: 8, layers: [3] });
    const steps = parsed.flatMap((f) => (f.status === 'processing' ? [f.step] : []));
    expect(steps[0]).toBe('tokenize');
    expect(steps.slice(-2)).toEqual(['optimize', 'save']);
    expect(steps.filter((x) => x === 'extract').length).toBeGreaterThan(0);
    const progress = parsed.flatMap((f) => (f.status === 'processing' ? [f.progress] : []));
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(parsed.filter((f) => f.status === 'complete' || f.status === 'error')).toHaveLength(1);
    const last = parsed.at(-1);
    if (last?.status !== 'complete') throw new Error(`no complete frame: ${JSON.stringify(last)}`);
    const res = last.result;
    expect(res).toMatchObject({
      name: 'quotes',
      method: 'caa',
      method_requested: null,
      model_name: 'austen-mini',
      layers: [3],
      nodes: ['blocks.3.hook_resid_pre'],
      pairs: 8,
      note: null,
    });
    expect(res.steering_vector_id).toMatch(/^sv_[0-9a-f]{24}$/);
    expect(res.norms['3']).toBeGreaterThan(0);
    expect(res.scales?.['3']).toBeGreaterThan(5);
    // dialogue against narration is a direction the model holds: the held-out pairs separate
    expect(res.separation_auc).toBeGreaterThanOrEqual(0.9);
    expect(ms).toBeLessThan(10_000);
    vid = res.steering_vector_id;
  });

  it('few-shot (mechanex’s default) is computed as caa and says so; layer_idxs picks the layers', async () => {
    const r = await post(
      '/steering/generate',
      { ...PAIRS, method: 'few-shot', layer_idxs: [1, 4, 4], fewshot_lr: 0.1, label: 'fs', category: 'style' },
      JSON_ACCEPT,
    );
    expect(r.status).toBe(200);
    const b = steeringGenerateResultSchema.parse(await r.json());
    expect(b).toMatchObject({ method: 'caa', method_requested: 'few-shot', layers: [1, 4], label: 'fs' });
    expect(b.nodes).toEqual(['blocks.1.hook_resid_pre', 'blocks.4.hook_resid_pre']);
    expect(Object.keys(b.norms)).toEqual(['1', '4']);
    expect(b.note).toMatch(/few-shot.*computed as "caa"/);
    expect(b.note).toMatch(/fewshot_lr/);
  });

  it('one pair gives a vector and no separation measure', async () => {
    const r = await post(
      '/steering/generate',
      { prompts: ['She said '], positive_answers: ['"Yes!"'], negative_answers: ['yes.'] },
      JSON_ACCEPT,
    );
    expect(r.status).toBe(200);
    expect((await r.json()).separation_auc).toBeNull();
  });

  it('refuses bad requests with 400 naming the field, before any byte', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ method: 'steering-perceptrons' }, 'method'],
      [{ prompts: [], positive_answers: [], negative_answers: [] }, 'prompts'],
      [{ positive_answers: PAIRS.positive_answers.slice(1) }, 'positive_answers'],
      [{ negative_answers: null }, 'negative_answers'],
      [{ negative_answers: PAIRS.negative_answers.slice(2) }, 'negative_answers'],
      [{ layer_idxs: [6] }, 'layer_idxs'],
      [{ layer_idxs: [2, -1] }, 'layer_idxs'],
      [{ positive_answers: ['"A"', '', ...PAIRS.positive_answers.slice(2)] }, 'positive_answers[1]'],
      [{ prompts: ['x'.repeat(250), ...PAIRS.prompts.slice(1)] }, 'positive_answers[0]'],
      [{ negative_answers: PAIRS.positive_answers }, 'negative_answers'],
      [
        {
          prompts: Array.from({ length: 257 }, () => 'a'),
          positive_answers: Array.from({ length: 257 }, () => 'b'),
          negative_answers: Array.from({ length: 257 }, () => 'c'),
        },
        'prompts',
      ],
    ];
    for (const [over, param] of cases) {
      const res = await post('/steering/generate', { ...PAIRS, ...over });
      expect(res.headers.get('content-type'), param).toMatch(/application\/json/);
      await expectError(res, 400, param);
    }
    expect((await post('/steering/generate', { ...PAIRS, prompts: 'one' })).status).toBe(422);
  });
});

describe('the vectors', () => {
  it('lists the built-ins (extra fields ignored, a file that does not fit skipped and logged) and user vectors', async () => {
    const r = await call('GET', '/steering/vectors');
    expect(r.status).toBe(200);
    const list = steeringVectorListSchema.parse(await r.json());
    const builtIn = list.find((v) => v.id === BUILT_IN);
    expect(builtIn).toMatchObject({
      built_in: true,
      model_name: 'austen-mini',
      method: 'caa',
      nodes: ['blocks.2.hook_resid_pre'],
      layers: [{ key: '2', hook: 'blocks.2.hook_resid_pre', scale: 9.5, raw_norm: 1.25 }],
      d_model: C,
      label: 'A test built-in',
      description: 'written by the test',
      public_url: null,
      api_key_id: null,
    });
    expect(list.some((v) => v.id === 'austen-mini/narrow')).toBe(false);
    expect(logs.some((l) => /narrow\.json: .*128/.test(l))).toBe(true);
    expect(logs.some((l) => /broken\.json: not JSON/.test(l))).toBe(true);
    const mine = list.find((v) => v.id === vid);
    expect(mine).toMatchObject({ built_in: false, name: 'quotes', nodes: ['blocks.3.hook_resid_pre'] });
    expect(mine?.separation_auc).toBeGreaterThanOrEqual(0.9);
    expect(list.findIndex((v) => v.id === BUILT_IN)).toBeLessThan(list.findIndex((v) => v.id === vid));
  });

  it('downloads {layer key: floats}: the direction × the layer’s scale', async () => {
    const r = await call('GET', `/steering/vectors/${vid}/download`);
    expect(r.status).toBe(200);
    const d = (await r.json()) as Record<string, number[]>;
    expect(Object.keys(d)).toEqual(['3']);
    expect(d['3']).toHaveLength(C);
    const item = steeringVectorListSchema
      .parse(await (await call('GET', '/steering/vectors')).json())
      .find((v) => v.id === vid);
    expect(Math.hypot(...(d['3'] ?? []))).toBeCloseTo(item?.layers[0]?.scale ?? 0, 4);
    // a built-in by its id, percent-encoded or with the slash as mechanex sends it
    for (const path of [
      `/steering/vectors/${encodeURIComponent(BUILT_IN)}/download`,
      `/steering/vectors/${BUILT_IN}/download`,
    ]) {
      const b = await call('GET', path);
      expect(b.status, path).toBe(200);
      const floats = (await b.json())['2'] as number[];
      expect(floats[5]).toBeCloseTo(((unit[5] ?? 0) / norm) * 9.5, 6);
    }
    await expectError(await call('GET', '/steering/vectors/sv_nope/download'), 404, null);
    await expectError(await call('GET', '/steering/vectors/austen-mini/nope/download'), 404, null);
  });

  it('relabels user vectors; built-ins are read-only (403); an unknown id is 404', async () => {
    const r = await call('PATCH', `/steering/vectors/${vid}`, { label: 'Dialogue (mine)' });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ id: vid, label: 'Dialogue (mine)', built_in: false });
    const b = await expectError(
      await call('PATCH', `/steering/vectors/${encodeURIComponent(BUILT_IN)}`, { label: 'x' }),
      403,
      null,
    );
    expect(b.detail).toMatch(/read-only/);
    await expectError(await call('PATCH', '/steering/vectors/sv_nope', { label: 'x' }), 404, null);
  });

  it('deletes user vectors one by one and in bulk; never a built-in', async () => {
    const a = await newVector();
    const b = await newVector();
    const c = await newVector();
    const del = await call('DELETE', `/steering/vectors/${a}`);
    expect(await del.json()).toEqual({ deleted: true, vector_id: a });
    await expectError(await call('DELETE', `/steering/vectors/${a}`), 404, null);
    await expectError(await call('DELETE', `/steering/vectors/${encodeURIComponent(BUILT_IN)}`), 403, null);
    await expectError(await post('/steering/vectors/bulk-delete', { vector_ids: [b, BUILT_IN] }), 403, 'vector_ids');
    const bulk = await post('/steering/vectors/bulk-delete', { vector_ids: [b, c, 'sv_nope'] });
    expect(await bulk.json()).toEqual({ deleted: 2, not_found: ['sv_nope'] });
    const ids = ((await (await call('GET', '/steering/vectors')).json()) as { id: string }[]).map((v) => v.id);
    expect(ids).toContain(BUILT_IN);
    for (const id of [a, b, c]) expect(ids).not.toContain(id);
  });

  it('/auth/steering-vectors* stays 404 (no accounts locally)', async () => {
    for (const [m, p] of [
      ['GET', '/auth/steering-vectors'],
      ['PATCH', `/auth/steering-vectors/${vid}`],
      ['DELETE', `/auth/steering-vectors/${vid}`],
      ['POST', '/auth/steering-vectors/bulk-delete'],
    ] as const)
      expect((await call(m, p, m === 'GET' || m === 'DELETE' ? undefined : {})).status, p).toBe(404);
  });
});

describe('applying a vector', () => {
  it('strength 0 is bit-identical to no steering on every route; a vector changes the output', async () => {
    const plain = await generate();
    expect(plain.steering).toBeNull();
    expect((await generate({ steering_vector_id: vid, steering_strength: 0 })).output).toBe(plain.output);
    expect((await generate({ steering_vector: { '3': Array(C).fill(1) }, steering_strength: 0 })).output).toBe(
      plain.output,
    );
    const steered = await generate({ steering_vector_id: vid, steering_strength: 2 });
    expect(steered.output).not.toBe(plain.output);
    expect(steered.steering).toEqual({ vector_id: vid, strength: 2, hooks: ['blocks.3.hook_resid_pre'] });

    const chat = (extra: Record<string, unknown>) =>
      post('/v1/chat/completions', {
        messages: [{ role: 'user', content: 'Hi' }],
        max_tokens: 40,
        seed: 3,
        ...extra,
      }).then((r) => r.json());
    const c0 = await chat({});
    const c1 = await chat({ steering_vector_id: vid, steering_strength: 0 });
    expect(c1.choices[0].message.content).toBe(c0.choices[0].message.content);
    expect(c0.axionic).toBeUndefined();
    expect(c1.axionic.steering).toEqual({ vector_id: vid, strength: 0, hooks: [] });

    const comp = (extra: Record<string, unknown>) =>
      post('/v1/completions', { prompt: 'It was', max_tokens: 40, seed: 3, ...extra }).then((r) => r.json());
    expect((await comp({ steering_vector_id: vid, steering_strength: 0 })).choices[0].text).toBe(
      (await comp({})).choices[0].text,
    );

    const samp = (extra: Record<string, unknown>) =>
      post('/sampling/generate', { prompt: 'It was', max_new_tokens: 40, params: { seed: 3 }, ...extra }).then((r) =>
        r.json(),
      );
    const s0 = await samp({});
    expect(s0.steering).toBeNull();
    const s1 = await samp({ steering_vector_id: vid, steering_strength: 0 });
    expect(s1.output).toBe(s0.output);
    expect(s1.steering).toEqual({ vector_id: vid, strength: 0, hooks: [] });
  });

  it('echoes what was applied in axionic.steering on the OpenAI routes (answer and last chunk)', async () => {
    const want = { vector_id: vid, strength: 1.5, hooks: ['blocks.3.hook_resid_pre'] };
    const body = {
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 12,
      seed: 1,
      steering_vector_id: vid,
      steering_strength: 1.5,
    };
    const chat = await (await post('/v1/chat/completions', body)).json();
    expect(route('v1.chat.completions').response.safeParse(chat).error).toBeUndefined();
    expect(chat.axionic.steering).toEqual(want);
    const frames = await readSse(await post('/v1/chat/completions', { ...body, stream: true }));
    const chunks = frames.slice(0, -1).map((f) => JSON.parse(f.data));
    expect(chunks.at(-1).axionic.steering).toEqual(want);
    expect(chunks.at(-1).usage).toBeDefined();
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    expect(text).toBe(chat.choices[0].message.content);

    const cbody = { prompt: 'It was', max_tokens: 12, seed: 1, steering_vector: vid, steering_strength: 1.5 };
    const comp = await (await post('/v1/completions', cbody)).json();
    expect(comp.axionic.steering).toEqual(want);
    const cframes = await readSse(await post('/v1/completions', { ...cbody, stream: true }));
    expect(JSON.parse(cframes.at(-2)?.data ?? '{}').axionic.steering).toEqual(want);
    // a built-in id works the same way, and a vector without a strength applies at 1
    const bi = await (
      await post('/v1/chat/completions', { ...body, steering_vector_id: BUILT_IN, steering_strength: undefined })
    ).json();
    expect(bi.axionic.steering).toEqual({ vector_id: BUILT_IN, strength: 1, hooks: ['blocks.2.hook_resid_pre'] });
  });

  it('an inline vector is applied as given (delta = strength × floats), its keys as "3" or a hook name', async () => {
    const floats = (await (await call('GET', `/steering/vectors/${vid}/download`)).json())['3'] as number[];
    const byId = await generate({ steering_vector_id: vid, steering_strength: 1.5 });
    const inline = await generate({ steering_vector: { '3': floats }, steering_strength: 1.5 });
    expect(inline.output).toBe(byId.output);
    expect(inline.steering).toEqual({
      vector_id: null,
      strength: 1.5,
      hooks: ['blocks.3.hook_resid_pre'],
      inline: true,
    });
    const half = await generate({
      steering_vector: { 'blocks.3.hook_resid_pre': floats.map((x) => 2 * x) },
      steering_strength: 0.75,
    });
    expect(half.output).toBe(byId.output);
  });

  it('refuses an unknown id (404), a wrong width, a bad layer key, a strength without a vector (400)', async () => {
    await expectError(
      await post('/generate', { prompt: 'a', steering_vector_id: 'sv_nope', steering_strength: 1 }),
      404,
      'steering_vector_id',
    );
    await expectError(
      await post('/v1/chat/completions', { messages: [{ role: 'user', content: 'a' }], steering_vector: 'sv_nope' }),
      404,
      'steering_vector',
    );
    await expectError(
      await post('/generate', { prompt: 'a', steering_vector: { '3': [1, 2, 3] }, steering_strength: 1 }),
      400,
      'steering_vector.3',
    );
    await expectError(
      await post('/v1/completions', { prompt: 'a', steering_vector: { '9': Array(C).fill(0) } }),
      400,
      'steering_vector.9',
    );
    await expectError(
      await post('/generate', { prompt: 'a', steering_vector: { '1': Array(C).fill(1e39) } }),
      400,
      'steering_vector.1',
    );
    await expectError(
      await post('/generate', { prompt: 'a', steering_vector: { 'blocks.1.hook_resid_mid': Array(C).fill(0) } }),
      400,
      'steering_vector.blocks.1.hook_resid_mid',
    );
    await expectError(await post('/generate', { prompt: 'a', steering_strength: 2 }), 400, 'steering_strength');
    await expectError(
      await post('/generate', { prompt: 'a', steering_vector_id: vid, steering_vector: BUILT_IN }),
      400,
      'steering_vector',
    );
    expect((await post('/generate', { prompt: 'a', steering_vector_id: vid, steering_strength: 1e6 })).status).toBe(
      422,
    );
  });

  it('/steering/run answers JSON, strength = steering_strength × multiplier (or multiplier when it is 0)', async () => {
    const run = async (extra: Record<string, unknown>) => {
      const r = await post('/steering/run', { prompt: 'It is', max_tokens: 30, seed: 7, ...extra });
      expect(r.status, await r.clone().text()).toBe(200);
      return r.json();
    };
    const a = await run({ steering_vector_id: vid, multiplier: 2 });
    expect(a.steering).toMatchObject({ vector_id: vid, strength: 2 });
    expect(a.output).toBe((await generate({ max_tokens: 30, steering_vector_id: vid, steering_strength: 2 })).output);
    expect((await run({ steering_vector_id: vid, steering_strength: 1.5, multiplier: 2 })).steering.strength).toBe(3);
    expect((await run({ steering_vector_id: vid, steering_strength: 0.5 })).steering.strength).toBe(0.5);
    expect((await run({})).steering).toBeNull();
    await expectError(await post('/steering/run', { prompt: 'a', multiplier: 3 }), 400, 'multiplier');
  });

  it('steering and a constraint together: the mask still guarantees validity', async () => {
    const r = await post('/sampling/generate', {
      prompt: 'The answer: ',
      regex_pattern: '[a-z]{3,8}( [a-z]{2,8}){2}',
      max_new_tokens: 30,
      params: { seed: 2 },
      steering_vector_id: vid,
      steering_strength: 2,
    });
    const b = await r.json();
    expect(r.status, JSON.stringify(b)).toBe(200);
    expect(b.valid).toBe(true);
    expect(b.output).toMatch(/^[a-z]{3,8}( [a-z]{2,8}){2}$/);
    expect(b.steering).toMatchObject({ vector_id: vid, strength: 2 });
  });
});

describe("a policy's steering block", () => {
  const runPolicy = (steering: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) =>
    post('/policies/run', {
      prompt: 'It is',
      max_new_tokens: 50,
      seed: 5,
      include_trace: false,
      policy: {
        optimization: { retry_on_failure: 0 },
        verifiers: { max_retries: 0 },
        ...(steering ? { steering } : {}),
        ...extra,
      },
    });

  it('applies vector_id at its strength and echoes it; layer_scope and a token window restrict it', async () => {
    const plain = await (await runPolicy(undefined)).json();
    expect(plain.steering).toBeNull();
    const r = await runPolicy({ enabled: true, vector_id: vid, strength: 3 });
    const b = await r.json();
    expect(r.status, JSON.stringify(b)).toBe(200);
    expect(b.steering).toEqual({ vector_id: vid, strength: 3, hooks: ['blocks.3.hook_resid_pre'] });
    expect(b.output).not.toBe(plain.output);
    // mechanex's inline policy shape when steering_strength is 0 and no vector: nothing applies
    expect((await (await runPolicy({ enabled: false, strength: 0 })).json()).output).toBe(plain.output);
    // from generated token 10 on: the first 11 characters are the unsteered ones
    const w = await (await runPolicy({ enabled: true, vector_id: vid, strength: 3, token_start: 10 })).json();
    expect(w.steering).toMatchObject({ token_start: 10, token_end: null });
    expect(w.output.slice(0, 11)).toBe(plain.output.slice(0, 11));
    expect(w.output).not.toBe(plain.output);
    const scoped = await (
      await runPolicy({
        enabled: true,
        vector: { '3': Array(C).fill(0.5), '4': Array(C).fill(0.5) },
        strength: 1,
        layer_scope: ['blocks.4.hook_resid_pre'],
      })
    ).json();
    expect(scoped.steering).toEqual({ vector_id: null, strength: 1, hooks: ['blocks.4.hook_resid_pre'], inline: true });
  });

  it('refuses what it cannot honour, naming the field', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ enabled: false, vector_id: vid }, 400, 'policy.steering.enabled'],
      [{ enabled: true }, 400, 'policy.steering.vector_id'],
      [{ enabled: true, vector_id: 'sv_nope' }, 404, 'policy.steering.vector_id'],
      [{ enabled: true, vector_id: vid, vector: { '3': Array(C).fill(0) } }, 400, 'policy.steering.vector'],
      [{ enabled: true, vector_id: vid, layer_scope: ['5'] }, 400, 'policy.steering.layer_scope[0]'],
      [{ enabled: true, vector_id: vid, token_start: 4, token_end: 4 }, 400, 'policy.steering.token_end'],
      [{ enabled: true, vector: { '3': [1] } }, 400, 'policy.steering.vector.3'],
      [{ enabled: true, preset: 'brevity' }, 400, 'policy.steering.preset'],
      [{ enabled: true, vector_id: vid, method: 'steering-perceptrons' }, 400, 'policy.steering.method'],
    ];
    for (const [steering, status, param] of cases) await expectError(await runPolicy(steering), status, param);
  });

  it('on the OpenAI routes: echoed in axionic.steering; request-level steering beside a policy is refused', async () => {
    const body = {
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 20,
      policy: {
        constraints: { regex_pattern: '[a-z ]{5,15}' },
        steering: { enabled: true, vector_id: vid, strength: 2 },
      },
    };
    const r = await (await post('/v1/chat/completions', body)).json();
    expect(r.choices[0].message.content).toMatch(/^[a-z ]{5,15}$/);
    expect(r.axionic.steering).toMatchObject({ vector_id: vid, strength: 2 });
    expect(r.axionic.policy.accepted).toBe(true);
    await expectError(
      await post('/v1/chat/completions', { ...body, steering_vector_id: vid }),
      400,
      'steering_vector_id',
    );
  });
});

describe('user vectors survive a restart', () => {
  it('start, create, close keeping the data, start again on the same directory', async () => {
    const first = await startTestServer({ workers: 1 }, { keepData: true });
    let id = '';
    try {
      const r = await fetch(`${first.url}/steering/generate`, {
        method: 'POST',
        headers: { 'x-api-key': first.key, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ ...PAIRS, name: 'kept', label: 'survives' }),
      });
      id = (await r.json()).steering_vector_id;
    } finally {
      await first.close();
    }
    const second = await startTestServer({ workers: 1, dataDir: first.dataDir });
    try {
      const h = { 'x-api-key': second.key, 'content-type': 'application/json', accept: 'application/json' };
      const list = (await (await fetch(`${second.url}/steering/vectors`, { headers: h })).json()) as {
        id: string;
        label: string;
      }[];
      expect(list.find((v) => v.id === id)).toMatchObject({ label: 'survives' });
      const g = await fetch(`${second.url}/generate`, {
        method: 'POST',
        headers: h,
        body: JSON.stringify({ prompt: 'It is', max_tokens: 10, steering_vector_id: id, steering_strength: 1 }),
      });
      expect((await g.json()).steering.vector_id).toBe(id);
    } finally {
      await second.close();
    }
  });
});
