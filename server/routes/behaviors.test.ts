// The /behaviors routes over real HTTP, on the committed SAE with a hand-made built-in (the SAE folder is a temporary
// copy, so the committed built-ins, made elsewhere, do not matter here): the list (contract shape, built-ins first,
// ?format=list), create → list → rename → delete, the correction vector (made and listed, or given), 409 for a name
// in use (a user's or a built-in's), 404/400/422 naming the field, a created scorer separating its own answers when
// re-scored, behaviors surviving a restart, and a server without an SAE.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel, modelPath } from '../../engine/node/load-model.ts';
import { auc } from '../../engine/sae/auc.ts';
import { behaviorScorer, behaviorScores } from '../../engine/sae/behavior.ts';
import { loadSae } from '../../engine/sae/io.ts';
import { route } from '../../protocol/routes.ts';
import { behaviorListSchema, behaviorSchema } from '../../protocol/sae.ts';
import { steeringVectorListSchema } from '../../protocol/steering.ts';
import { builtInFile, SAE_HOOK, saeDirWith } from '../behaviors/testing.ts';
import { startTestServer } from '../testing.ts';
import { answerCodes } from '../worker/behavior-codes.ts';

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

const saeDir = saeDirWith({ 'quotes.json': JSON.stringify(builtInFile('quotes')), 'broken.json': '{ nope' });
const createdSchema = route('behaviors.create').response;
let s: Awaited<ReturnType<typeof startTestServer>>;
const logs: string[] = [];

beforeAll(async () => {
  s = await startTestServer({ workers: 1, maxQueue: 8, saeDir }, { log: (l) => logs.push(l), keepData: true });
});
afterAll(async () => {
  await s.close();
  rmSync(s.dataDir, { recursive: true, force: true });
  rmSync(saeDir, { recursive: true, force: true });
});

const headers = () => ({ 'x-api-key': s.key, 'content-type': 'application/json' });
const get = (path: string) => fetch(`${s.url}${path}`, { headers: headers() });
const send = (method: string, path: string, body?: unknown) =>
  fetch(`${s.url}${path}`, { method, headers: headers(), body: body === undefined ? undefined : JSON.stringify(body) });
const create = (body: Record<string, unknown>) => send('POST', '/behaviors/create', body);

async function expectError(res: Response, status: number, param: string | null, message?: RegExp) {
  const body = (await res.json()) as { detail: unknown; error: { param: string | null; message: string } };
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(body.error.param).toBe(param);
  if (message) expect(body.error.message).toMatch(message);
}

async function list() {
  const res = await get('/behaviors');
  expect(res.status).toBe(200);
  return behaviorListSchema.parse(await res.json()).behaviors;
}

describe('GET /behaviors', () => {
  it('lists the built-ins in the contract shape (a damaged built-in file is skipped and said so)', async () => {
    const [q, ...rest] = await list();
    expect(rest).toEqual([]);
    expect(q).toMatchObject({
      id: 'austen-mini/quotes',
      behavior_name: 'quotes',
      built_in: true,
      threshold: 0.7,
      separation_auc: 0.88,
      false_trigger_rate: 0.05,
      steering_vector_id: null,
      hook_name: SAE_HOOK,
      model_id: 'austen-mini',
      sae_release: 'austen-mini-sae',
    });
    expect(logs.some((l) => l.startsWith('behaviors: skipped') && l.includes('broken.json'))).toBe(true);
  });

  it('answers a bare array with ?format=list, and 400 naming format for anything else', async () => {
    const bare = await (await get('/behaviors?format=list')).json();
    expect(Array.isArray(bare)).toBe(true);
    expect(
      behaviorSchema
        .array()
        .parse(bare)
        .map((b) => b.id),
    ).toEqual(['austen-mini/quotes']);
    await expectError(await get('/behaviors?format=csv'), 400, 'format');
  });
});

describe('POST /behaviors/create → list → rename → delete', () => {
  let id = '';
  let vectorId = '';

  beforeAll(async () => {
    const t0 = performance.now();
    const res = await create({ behavior_name: 'speech', description: 'Quoted speech', ...PAIRS });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    const created = createdSchema.parse(body);
    id = created.id;
    vectorId = created.steering_vector_id ?? '';
    logs.push(`create of ${PAIRS.prompts.length} pairs: ${Math.round(performance.now() - t0)} ms`);
  });

  it('answers the behavior with where its scorer is kept and what it measured', async () => {
    const created = (await list()).find((b) => b.id === id);
    expect(id).toMatch(/^bh_[0-9a-f]{24}$/);
    expect(created).toMatchObject({
      behavior_name: 'speech',
      description: 'Quoted speech',
      built_in: false,
      hook_name: SAE_HOOK,
      false_trigger_rate: null,
    });
    expect(created?.threshold).toBeGreaterThanOrEqual(0);
    expect(created?.threshold).toBeLessThanOrEqual(1);
    expect(created?.separation_auc).toBeGreaterThan(0.7);
  });

  it('lists it after the built-ins, and its correction vector among the steering vectors', async () => {
    expect((await list()).map((b) => b.behavior_name)).toEqual(['quotes', 'speech']);
    const vectors = steeringVectorListSchema.parse(await (await get('/steering/vectors')).json());
    const v = vectors.find((x) => x.id === vectorId);
    expect(v).toMatchObject({ name: 'speech', built_in: false, nodes: [SAE_HOOK], category: 'behavior' });
  });

  it('makes a scorer that separates its own positive answers from its negative ones when re-scored', () => {
    const stored = s.store.behaviors.get(id);
    if (!stored) throw new Error(`behavior ${id} is not in the store`);
    const scorer = behaviorScorer(stored.scorer);
    const model = loadModel(modelPath());
    const session = model.newSession();
    const { sae } = loadSae(readFileSync(join(saeDir, 'sae.safetensors')));
    const scores: number[] = [];
    const labels: number[] = [];
    PAIRS.prompts.forEach((prompt, i) => {
      for (const [answer, label] of [
        [PAIRS.positive_answers[i] ?? '', 1],
        [PAIRS.negative_answers[i] ?? '', 0],
      ] as const) {
        const codes = answerCodes(model, session, sae, prompt, answer);
        for (const v of behaviorScores(scorer, { ...codes, k: sae.k })) {
          scores.push(v);
          labels.push(label);
        }
      }
    });
    expect(auc(scores, labels)).toBeGreaterThan(0.9);
  });

  it('refuses a name in use with 409: a user behavior or a built-in', async () => {
    await expectError(await create({ behavior_name: 'speech', ...PAIRS }), 409, 'behavior_name', /'speech'/);
    await expectError(await create({ behavior_name: 'quotes', ...PAIRS }), 409, 'behavior_name', /'quotes'/);
  });

  it('uses a given steering_vector_id (no new vector) and 404s naming the field for an unknown one', async () => {
    const before = (await (await get('/steering/vectors')).json()).length;
    const res = await create({ behavior_name: 'speech-2', ...PAIRS, steering_vector_id: vectorId });
    expect(res.status).toBe(200);
    expect((await res.json()).steering_vector_id).toBe(vectorId);
    expect((await (await get('/steering/vectors')).json()).length).toBe(before);
    await expectError(
      await create({ behavior_name: 'speech-3', ...PAIRS, steering_vector_id: 'sv_nope' }),
      404,
      'steering_vector_id',
      /sv_nope/,
    );
  });

  it('renames: the updated behavior; 409 for a name in use; 404 unknown; 400 for a built-in', async () => {
    const res = await send('PATCH', `/behaviors/${id}/rename`, { behavior_name: 'talk' });
    expect(res.status).toBe(200);
    expect(behaviorSchema.parse(await res.json())).toMatchObject({ id, behavior_name: 'talk' });
    expect(s.store.behaviors.get(id)?.scorer.name).toBe('talk');
    await expectError(
      await send('PATCH', `/behaviors/${id}/rename`, { behavior_name: 'speech-2' }),
      409,
      'behavior_name',
    );
    await expectError(
      await send('PATCH', `/behaviors/${id}/rename`, { behavior_name: 'quotes' }),
      409,
      'behavior_name',
    );
    await expectError(await send('PATCH', '/behaviors/bh_nope/rename', { behavior_name: 'x' }), 404, 'behavior_id');
    await expectError(
      await send('PATCH', '/behaviors/austen-mini%2Fquotes/rename', { behavior_name: 'x' }),
      400,
      'behavior_id',
      /read-only/,
    );
    expect((await send('PATCH', `/behaviors/${id}/rename`, {})).status).toBe(422);
  });

  it('deletes a user behavior (its vector stays, and cannot go first); 404 after; 400 for a built-in', async () => {
    // the vector the behavior corrects with cannot be deleted while the behavior uses it
    await expectError(await send('DELETE', `/steering/vectors/${vectorId}`), 409, 'vector_id', /'speech-2'/);
    await expectError(
      await send('POST', '/steering/vectors/bulk-delete', { vector_ids: [vectorId] }),
      409,
      'vector_ids',
    );
    const res = await send('DELETE', `/behaviors/${id}`);
    expect(await res.json()).toEqual({ deleted: true, behavior_id: id });
    expect((await list()).map((b) => b.behavior_name)).toEqual(['quotes', 'speech-2']);
    await expectError(await send('DELETE', `/behaviors/${id}`), 404, 'behavior_id');
    await expectError(await send('DELETE', '/behaviors/austen-mini%2Fquotes'), 400, 'behavior_id');
    expect((await (await get('/steering/vectors')).json()).some((v: { id: string }) => v.id === vectorId)).toBe(true);
    // speech-2 still corrects with it; once no behavior uses it, the vector can go
    await expectError(await send('DELETE', `/steering/vectors/${vectorId}`), 409, 'vector_id', /'speech-2'/);
    const other = (await list()).find((b) => b.behavior_name === 'speech-2');
    expect((await send('DELETE', `/behaviors/${other?.id}`)).status).toBe(200);
    expect((await send('DELETE', `/steering/vectors/${vectorId}`)).status).toBe(200);
  });
});

describe('POST /behaviors/create refuses a bad body before any work, naming the field', () => {
  const cases: [string, Record<string, unknown>, number, string | null, RegExp?][] = [
    ['no negatives', { ...PAIRS, negative_answers: undefined }, 400, 'negative_answers', /both sides/],
    ['null negatives', { ...PAIRS, negative_answers: null }, 400, 'negative_answers'],
    ['empty negatives', { ...PAIRS, negative_answers: [] }, 400, 'negative_answers'],
    [
      'fewer negatives',
      { ...PAIRS, negative_answers: PAIRS.negative_answers.slice(1) },
      400,
      'negative_answers',
      /7 items/,
    ],
    ['fewer prompts', { ...PAIRS, prompts: PAIRS.prompts.slice(1) }, 400, 'prompts', /7 items/],
    ['no positives', { ...PAIRS, positive_answers: [] }, 400, 'positive_answers'],
    [
      'one pair',
      { prompts: ['a'], positive_answers: ['"b"'], negative_answers: ['c'] },
      400,
      'positive_answers',
      /at least 2/,
    ],
    [
      'an empty answer',
      { ...PAIRS, positive_answers: ['', ...PAIRS.positive_answers.slice(1)] },
      400,
      'positive_answers[0]',
    ],
    ['a blank name', { ...PAIRS, behavior_name: '  ' }, 400, 'behavior_name'],
    ['no name', { ...PAIRS, behavior_name: undefined }, 422, 'behavior_name'],
    ['answers not strings', { ...PAIRS, behavior_name: 'x', positive_answers: [1, 2] }, 422, 'positive_answers.0'],
    ['an unknown model', { ...PAIRS, behavior_name: 'x', model: 'gpt-9' }, 404, null, /gpt-9/],
  ];
  for (const [what, body, status, param, message] of cases)
    it(what, async () => {
      await expectError(await create({ behavior_name: 'bad', ...body }), status, param, message);
    });

  it('takes empty prompts as answers standing alone', async () => {
    const res = await create({ behavior_name: 'alone', ...PAIRS, prompts: [] });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(createdSchema.parse(await res.json()).behavior_name).toBe('alone');
  });
});

describe('behaviors survive a restart', () => {
  it('the same data folder lists the same behaviors, scorers and all', async () => {
    const before = await list();
    const stored = s.store.behaviors.list('austen-mini');
    await s.close();
    s = await startTestServer({ workers: 1, dataDir: s.dataDir, saeDir }, { keepData: true });
    expect(await list()).toEqual(before);
    expect(s.store.behaviors.list('austen-mini')).toEqual(stored);
  });
});

describe('a server without an SAE', () => {
  it('lists no built-ins and refuses create with 400 naming model', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'axplay-no-sae-'));
    const t = await startTestServer({ workers: 1, saeDir: empty });
    try {
      const res = await fetch(`${t.url}/behaviors`, { headers: { 'x-api-key': t.key } });
      expect(await res.json()).toEqual({ behaviors: [] });
      const c = await fetch(`${t.url}/behaviors/create`, {
        method: 'POST',
        headers: { 'x-api-key': t.key, 'content-type': 'application/json' },
        body: JSON.stringify({ behavior_name: 'speech', ...PAIRS }),
      });
      await expectError(c, 400, 'model', /has no SAE/);
    } finally {
      await t.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
