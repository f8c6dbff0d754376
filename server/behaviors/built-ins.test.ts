// The built-in behavior loader: well-formed files load (id model/name, sorted by name, unknown evidence fields kept);
// a damaged or misfitting file is skipped with a log line naming it and why; no folder means no built-ins.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuiltInBehaviors } from './built-ins.ts';
import { builtInFile, SAE_HOOK, SAE_LATENTS, saeDirWith } from './testing.ts';

const model = { name: 'austen-mini', nLayer: 4, dModel: 128 };
const sae = { hook: SAE_HOOK, n: SAE_LATENTS };
const json = (v: unknown) => JSON.stringify(v);
const good = builtInFile('quotes');

const dir = saeDirWith({
  'quotes.json': json(good),
  'alpha.json': json(builtInFile('alpha')),
  'broken.json': '{ not json',
  'wrong-format.json': json({ ...good, name: 'wf', format: 'axplay-behavior/0' }),
  'other-hook.json': json({
    ...good,
    name: 'oh',
    scorer: { ...good.scorer, name: 'oh', hook: 'blocks.1.hook_resid_pre' },
  }),
  'latent-out.json': json({
    ...good,
    name: 'lo',
    scorer: { ...good.scorer, name: 'lo', probe: { ...good.scorer.probe, latents: [3, 5000] } },
  }),
  'threshold.json': json({ ...good, name: 'th', scorer: { ...good.scorer, name: 'th', threshold: 1.5 } }),
  'other-model.json': json({ ...good, name: 'om', model: 'gpt2' }),
  'narrow.json': json({
    ...good,
    name: 'narrow',
    scorer: { ...good.scorer, name: 'narrow' },
    correction: { ...good.correction, layers: [{ hook: SAE_HOOK, direction: [1], scale: 1, rawNorm: 1 }] },
  }),
  'no-correction.json': json({
    ...good,
    name: 'nc',
    scorer: { ...good.scorer, name: 'nc' },
    correction: { steering_vector_id: null, note: 'none' },
  }),
  'twin.json': json(good),
  'notes.txt': 'not a behavior',
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadBuiltInBehaviors', () => {
  const logs: string[] = [];
  const loaded = loadBuiltInBehaviors(join(dir, 'behaviors'), model, sae, (l) => logs.push(l), dir);

  it('loads the well-formed files, sorted by name, with ids model/name', () => {
    expect(loaded.map((b) => b.id)).toEqual(['austen-mini/alpha', 'austen-mini/quotes']);
    const q = loaded[1];
    expect(q?.storagePath).toBe(join('behaviors', 'quotes.json'));
    expect(q?.scorer).toEqual(good.scorer);
    expect(q?.evidence.anything).toBe('the loader keeps fields it does not know');
    expect(q?.correction.layers?.[0]?.hook).toBe(SAE_HOOK);
  });

  it('skips each damaged or misfitting file with a log line naming it and why', () => {
    const why = (file: string) => logs.find((l) => l.includes(join('behaviors', file)));
    expect(why('broken.json')).toMatch(/not JSON/);
    expect(why('wrong-format.json')).toMatch(/format/);
    expect(why('other-hook.json')).toMatch(/reads blocks\.1\.hook_resid_pre, the SAE here reads blocks\.3/);
    expect(why('latent-out.json')).toMatch(/scorer\.probe.*outside the dictionary/);
    expect(why('threshold.json')).toMatch(/scorer\.threshold/);
    expect(why('other-model.json')).toMatch(/made for "gpt2"/);
    expect(why('narrow.json')).toMatch(/1 numbers, the model width is 128/);
    expect(why('no-correction.json')).toMatch(/neither a steering_vector_id nor inline layers/);
    expect(why('twin.json')).toMatch(/already taken/);
    expect(logs).toHaveLength(9);
    expect(logs.every((l) => l.startsWith('behaviors: skipped '))).toBe(true);
  });

  it('finds none where there is no folder', () => {
    expect(loadBuiltInBehaviors(join(dir, 'nowhere'), model, sae, () => {})).toEqual([]);
  });
});
