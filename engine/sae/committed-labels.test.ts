// The committed feature labels (models/austen-mini/sae/features.json, written by `npm run sae:label`) agree with the
// committed SAE: one entry a latent, the summary's counts, and on the first 5,000 held-out characters every labelled
// latent whose labeller is a single character or a base property still separates it (AUC ≥ 0.85: a tenth of the
// text, so a little below the 0.9 the whole text gave).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, loadModel, REPO_ROOT } from '../node/load-model.ts';
import { readHeldout, TEST_SLICE_CHARS } from '../train/heldout.ts';
import { auc } from './auc.ts';
import { encodeText } from './encode-text.ts';
import { loadSae } from './io.ts';
import { BASE_LABELLERS } from './labellers.ts';
import { latentActivations } from './labels.ts';

interface Feature {
  index: number;
  label: string;
  label_auc: number | null;
  dead: boolean;
  candidates?: { id: string; auc: number }[];
  top_contexts: { text: string; at: number; value: number }[];
}

const dir = join(REPO_ROOT, 'models', DEFAULT_MODEL, 'sae');
const file = JSON.parse(readFileSync(join(dir, 'features.json'), 'utf8')) as { hook: string; features: Feature[] };
const summary = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as { labelled: number; dead: number };
const { sae } = loadSae(readFileSync(join(dir, 'sae.safetensors')));

describe('committed feature labels', () => {
  it('one entry a latent, on the SAE’s hook, with the summary’s counts', () => {
    expect(file.hook).toBe(sae.hook);
    expect(file.features.map((f) => f.index)).toEqual(Array.from({ length: sae.n }, (_, i) => i));
    expect(file.features.filter((f) => f.dead)).toHaveLength(summary.dead);
    expect(file.features.filter((f) => f.label !== 'unlabelled')).toHaveLength(summary.labelled);
    for (const f of file.features.filter((x) => !x.dead))
      for (const c of f.top_contexts) expect(c.at).toBeLessThan(c.text.length);
  });

  it('the labelled latents of base labellers still separate their property on a fresh slice', () => {
    const text = readHeldout(REPO_ROOT).slice(0, TEST_SLICE_CHARS);
    const acts = encodeText(loadModel(), sae, text);
    const byId = new Map(BASE_LABELLERS.map((l) => [l.id, l]));
    const checked = file.features.filter((f) => f.label !== 'unlabelled' && byId.has(f.candidates?.[0]?.id ?? ''));
    expect(checked.length).toBeGreaterThan(10);
    for (const f of checked) {
      const l = byId.get(f.candidates?.[0]?.id ?? '');
      if (!l) continue;
      const labels = l.at(text);
      if (!labels.some((x) => x === 1)) continue; // the property is absent from the slice
      const a = auc(latentActivations(acts, f.index), labels);
      expect(a, `latent ${f.index} (${f.label})`).toBeGreaterThanOrEqual(0.85);
    }
  });
});
