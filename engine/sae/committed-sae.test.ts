// Checks of the committed SAE (models/austen-mini/sae): it loads, reads a hook of the committed model, and reproduces
// the FVE, dead fraction and L0 its card records for the first 5,000 characters of the held-out Persuasion text.
// Deterministic computation, so the tolerance (±0.002 FVE, ±1/n dead fraction) only absorbs float summation order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, loadModel, REPO_ROOT } from '../node/load-model.ts';
import { readHeldout, TEST_SLICE_CHARS } from '../train/heldout.ts';
import { encodeText } from './encode-text.ts';
import { loadSae } from './io.ts';
import { measureSae } from './measure.ts';

const dir = join(REPO_ROOT, 'models', DEFAULT_MODEL, 'sae');
const { sae, meta } = loadSae(readFileSync(join(dir, 'sae.safetensors')));
const model = loadModel();
const recorded = meta.test_slice_5k as {
  fve: number;
  dead_fraction: number;
  l0: number;
  pca_k_fve: number;
  clean_loss?: number;
  spliced_loss?: number;
};

describe(`committed SAE of ${DEFAULT_MODEL}`, () => {
  it('matches its metrics.json and the model width', () => {
    const card = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as typeof meta;
    expect(card.test_slice_5k).toEqual(meta.test_slice_5k);
    expect(card.heldout_50k).toEqual(meta.heldout_50k);
    expect(sae.d).toBe(model.cfg.dModel);
    expect(sae.k).toBeLessThanOrEqual(32);
  });

  it('reproduces its recorded FVE, PCA-k FVE, dead fraction, L0 and spliced Δloss on the first 5,000 held-out characters', () => {
    const m = measureSae(model, sae, readHeldout(REPO_ROOT).slice(0, TEST_SLICE_CHARS), true);
    // the reconstruction spliced in at every position costs what the card records (same protocol as evaluateText)
    expect(Math.abs((m.clean_loss ?? Number.NaN) - (recorded.clean_loss ?? Number.NaN))).toBeLessThanOrEqual(1e-4);
    expect(Math.abs((m.spliced_loss ?? Number.NaN) - (recorded.spliced_loss ?? Number.NaN))).toBeLessThanOrEqual(1e-4);
    expect(m.chars).toBe(TEST_SLICE_CHARS);
    expect(Math.abs(m.fve - recorded.fve)).toBeLessThanOrEqual(0.002);
    expect(Math.abs(m.pca_k_fve - recorded.pca_k_fve)).toBeLessThanOrEqual(0.002);
    expect(Math.abs(m.dead_fraction - recorded.dead_fraction)).toBeLessThanOrEqual(1 / sae.n + 1e-12);
    expect(Math.abs(m.l0 - recorded.l0)).toBeLessThanOrEqual(0.05);
  });

  it('encodes text to k sparse latents per character', () => {
    const codes = encodeText(model, sae, '"Well, Anne," said Mary.');
    expect(codes.rows).toBe(24);
    expect(codes.k).toBe(sae.k);
    for (let i = 0; i < codes.indices.length; i++) {
      expect(codes.indices[i]).toBeGreaterThanOrEqual(0);
      expect(codes.indices[i]).toBeLessThan(sae.n);
      expect(codes.values[i]).toBeGreaterThanOrEqual(0);
    }
  });
});
