// The route table is the contract: every live route answers with its response schema (and its stream frames with
// its frame schema), every planned route answers 501, and GET /openapi.json describes exactly the table.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApi } from '../protocol/openapi.ts';
import { ROUTES, type RouteSpec, route } from '../protocol/routes.ts';
import { builtInFile } from './behaviors/testing.ts';
import { readSse, startTestServer } from './testing.ts';

let s: Awaited<ReturnType<typeof startTestServer>>;
/** A built-in steering vector (its own folder) and a user vector, for the /steering/vectors routes. */
const steeringDir = mkdtempSync(join(tmpdir(), 'axplay-contract-steering-'));
const direction = Array.from({ length: 128 }, (_, i) => (i === 0 ? 1 : 0));
const layers = [{ hook: 'blocks.1.hook_resid_pre', direction, scale: 9, rawNorm: 1 }];
writeFileSync(
  join(steeringDir, 'contract.json'),
  JSON.stringify({
    id: 'austen-mini/contract',
    name: 'contract',
    label: null,
    method: 'caa',
    model: 'austen-mini',
    layers,
  }),
);
beforeAll(async () => {
  s = await startTestServer({ workers: 1, maxQueue: 4, steeringDir });
  s.store.vectors.save({
    id: 'sv_contract',
    name: 'contract',
    label: null,
    method: 'caa',
    model: 'austen-mini',
    layers,
    builtIn: false,
    category: null,
    createdAt: null,
    description: null,
    separationAuc: null,
    evidence: null,
    note: null,
    storagePath: 'sqlite:steering_vectors/sv_contract',
  });
  s.store.behaviors.insert({
    id: 'bh_contract',
    model: 'austen-mini',
    name: 'contract',
    description: null,
    steeringVectorId: 'sv_contract',
    createdAt: new Date().toISOString(),
    scorer: { ...builtInFile('contract').scorer },
    evidence: {
      separation_auc: null,
      positive_answers: 0,
      negative_answers: 0,
      positive_rows: 0,
      negative_rows: 0,
      folds: 0,
      top_latents: [],
      threshold_rule: 'made up',
    },
  });
});
afterAll(async () => {
  await s.close();
  rmSync(steeringDir, { recursive: true, force: true });
});

/** A small valid body for each live POST route. */
const BODIES: Record<string, Record<string, unknown>> = {
  'auth.set-model': { model_name: 'austen-mini' },
  'v1.chat.completions': { messages: [{ role: 'user', content: 'Hi' }], max_tokens: 4, seed: 1 },
  'v1.completions': { prompt: 'It is', max_tokens: 4, seed: 1, logprobs: 2 },
  generate: { prompt: 'It is', max_tokens: 4, seed: 1 },
  'sae.generate': { prompt: 'It is', max_new_tokens: 4, seed: 1 },
  'sampling.generate': { prompt: 'It is', max_new_tokens: 8, regex_pattern: '[a-z]+', params: { seed: 1 } },
  // saved under the id the path placeholders become, so get, run-saved and delete (in table order) find it
  'policies.save': { policy: { id: 'austen-mini', name: 'contract' } },
  'policies.run': { prompt: 'It is', policy: { sampling: { method: 'greedy' } }, max_new_tokens: 4 },
  'policies.run-saved': { prompt: 'It is', max_new_tokens: 4, seed: 1 },
  'policies.compare': { prompt: 'It is', policies: [{}, { sampling: { method: 'greedy' } }], max_new_tokens: 4 },
  'policies.evaluate': { prompts: ['It is'], policy: {}, max_new_tokens: 4 },
  'policies.autotune': {
    prompts: ['It is'],
    base_policy: {},
    search_space: { 'sampling.temperature': [0.5] },
    max_new_tokens: 4,
  },
  'policies.presets.publish': { name: 'contract', policy: {} },
  'steering.generate': { prompts: ['She said '], positive_answers: ['"No!"'], negative_answers: ['no.'] },
  'steering.run': { prompt: 'It is', max_tokens: 4, seed: 1, steering_vector_id: 'sv_contract', multiplier: 0.5 },
  'steering.vectors.label': { label: 'contract' },
  'steering.vectors.bulk-delete': { vector_ids: [] },
  'behaviors.create': {
    behavior_name: 'contract-made',
    prompts: ['She said ', 'He said '],
    positive_answers: ['"No!"', '"Yes!"'],
    negative_answers: ['no.', 'yes.'],
  },
  'behaviors.rename': { behavior_name: 'contract-renamed' },
};

/** Path parameters that must name something that exists (the default is the model's name). */
const PATH_PARAMS: Record<string, string> = {
  'policies.presets.clone': 'preset_diverse_chatbot',
  'steering.vectors.download': 'sv_contract',
  'steering.vectors.label': 'sv_contract',
  'steering.vectors.delete': 'sv_contract',
  'behaviors.rename': 'bh_contract',
  'behaviors.delete': 'bh_contract',
};
/** Whole paths, where one value per placeholder does not do. */
const PATHS: Record<string, string> = {
  'steering.vectors.download-built-in': '/steering/vectors/austen-mini/contract/download',
};

const concrete = (r: RouteSpec) => PATHS[r.id] ?? r.path.replace(/\{[^}]+\}/g, PATH_PARAMS[r.id] ?? 'austen-mini');

function call(r: RouteSpec, body?: Record<string, unknown>, accept?: string) {
  return fetch(`${s.url}${concrete(r)}`, {
    method: r.method,
    headers: {
      'x-api-key': s.key,
      'content-type': 'application/json',
      ...(accept ? { accept } : {}),
    },
    body: r.method === 'GET' ? undefined : JSON.stringify(body ?? {}),
  });
}

describe('every live route answers with the shapes the route table declares', () => {
  for (const r of ROUTES.filter((x) => x.local === 'live') as readonly RouteSpec[]) {
    it(`${r.method} ${r.path} (${r.id})`, async () => {
      const json = r.stream === 'native' ? 'application/json' : undefined;
      const res = await call(r, BODIES[r.id], json);
      expect(res.status, await res.clone().text()).toBe(200);
      const body = await res.json();
      if (r.response) expect(r.response.safeParse(body).error).toBeUndefined();
    });
  }

  it('the /v1 streams send frames of the declared chunk schemas', async () => {
    for (const id of ['v1.chat.completions', 'v1.completions'] as const) {
      const r = route(id);
      const res = await call(r, {
        ...BODIES[id],
        stream: true,
        ...(id === 'v1.chat.completions' ? { logprobs: true, top_logprobs: 2 } : {}),
      });
      const frames = await readSse(res);
      expect(frames.at(-1)?.data).toBe('[DONE]');
      const chunks = frames.slice(0, -1);
      expect(chunks.length).toBeGreaterThan(2);
      for (const f of chunks) expect(r.frame.safeParse(JSON.parse(f.data)).error, f.data).toBeUndefined();
    }
  });

  it('/sampling/generate with stream: true sends frames of the declared schema, ending with one complete', async () => {
    const r = route('sampling.generate');
    const frames = await readSse(await call(r, { ...BODIES['sampling.generate'], stream: true }));
    const parsed = frames.map((f) => r.frame.parse(JSON.parse(f.data)));
    expect(parsed[0]?.status).toBe('started');
    expect(parsed.at(-1)).toMatchObject({ status: 'complete', result: { valid: true } });
    expect(parsed.filter((f) => f.status === 'complete' || f.status === 'error')).toHaveLength(1);
  });

  it('/generate streams frames of the declared status-frame schema, ending with one complete', async () => {
    const r = route('generate');
    const frames = await readSse(await call(r, BODIES.generate));
    const parsed = frames.map((f) => r.frame.parse(JSON.parse(f.data)));
    expect(parsed[0]?.status).toBe('started');
    expect(parsed.at(-1)?.status).toBe('complete');
    expect(parsed.filter((f) => f.status === 'complete' || f.status === 'error')).toHaveLength(1);
  });
});

describe('planned routes', () => {
  for (const r of ROUTES.filter((x) => x.local === 'planned') as readonly RouteSpec[]) {
    it(`${r.method} ${r.path} answers 501 naming the feature`, async () => {
      const res = await call(r, {});
      expect(res.status).toBe(501);
      expect((await res.json()).error.message).toContain(r.feature ?? '');
    });
  }
});

describe('GET /openapi.json', () => {
  it('needs no key and is generated from the route table: one operation per route, ids and schemas', async () => {
    const res = await fetch(`${s.url}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; 'x-axplay-local': string }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(doc.paths).flatMap(([path, m]) =>
      Object.entries(m).map(
        ([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId} ${op['x-axplay-local']}`,
      ),
    );
    expect(ops.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path} ${r.id} ${r.local}`).sort());
    // the same document the protocol builds (the server only adds its title and description)
    const built = buildOpenApi({ title: 'x', version: '0' }) as { paths: unknown; components: unknown };
    expect(doc.paths).toEqual(built.paths);
    expect((doc as unknown as { components: unknown }).components).toEqual(built.components);
  });

  it('describes the chat request with its real limits', async () => {
    const doc = await (await fetch(`${s.url}/openapi.json`)).json();
    const schema = doc.paths['/v1/chat/completions'].post.requestBody.content['application/json'].schema;
    expect(schema.required).toContain('messages');
    expect(schema.properties.temperature.anyOf[0]).toMatchObject({ type: 'number', minimum: 0, maximum: 2 });
  });
});
