// GET /sae/features against the real server and the committed SAE labels: pages, a label filter, a 400 naming a bad
// parameter; and a model without an SAE answers 404 in words.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saeFeaturePageSchema } from '../../protocol/sae.ts';
import { startTestServer } from '../testing.ts';

let s: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  s = await startTestServer({ workers: 1, maxQueue: 4 });
});
afterAll(async () => {
  await s.close();
});

const get = (path: string) => fetch(`${s.url}${path}`, { headers: { 'x-api-key': s.key } });

describe('GET /sae/features', () => {
  it('pages through the latents with their labels and contexts', async () => {
    const res = await get('/sae/features?offset=10&limit=5');
    expect(res.status).toBe(200);
    const page = saeFeaturePageSchema.parse(await res.json());
    expect(page.hook).toBe('blocks.3.hook_resid_pre');
    expect(page.total).toBe(1024);
    expect(page.features.map((f) => f.index)).toEqual([10, 11, 12, 13, 14]);
    const live = page.features.find((f) => !f.dead);
    expect(live?.top_contexts.length).toBeGreaterThan(0);
  });

  it('filters by label', async () => {
    const page = saeFeaturePageSchema.parse(await (await get('/sae/features?q=COMMA&limit=256')).json());
    expect(page.total).toBeGreaterThan(0);
    for (const f of page.features) expect(f.label.toLowerCase()).toContain('comma');
  });

  it('refuses a bad page, naming the parameter', async () => {
    for (const [q, param] of [
      ['limit=0', 'limit'],
      ['limit=5000', 'limit'],
      ['offset=-1', 'offset'],
      ['offset=abc', 'offset'],
    ]) {
      const res = await get(`/sae/features?${q}`);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { param: string } }).error.param).toBe(param);
    }
  });

  it('needs the key', async () => {
    expect((await fetch(`${s.url}/sae/features`)).status).toBe(401);
  });
});

describe('a model without an SAE', () => {
  const empty = mkdtempSync(join(tmpdir(), 'axplay-no-sae-'));
  let t: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    t = await startTestServer({ workers: 1, maxQueue: 4, saeDir: empty });
  });
  afterAll(async () => {
    await t.close();
    rmSync(empty, { recursive: true, force: true });
  });
  it('answers 404 in words', async () => {
    const res = await fetch(`${t.url}/sae/features`, { headers: { 'x-api-key': t.key } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/has no SAE/);
  });
});
