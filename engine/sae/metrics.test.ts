// FVE (centred), the PCA-k baseline (eigenvalues of the covariance), dead fraction and L0.
import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.ts';
import { covariance, deadFraction, fve, meanL0, pcaFve, symmetricEigenvalues } from './metrics.ts';

describe('fve', () => {
  it('is 1 for a perfect reconstruction and 0 for the mean', () => {
    const x = Float32Array.from([1, 2, 3, 4, 5, 7]);
    expect(fve(x, x, 3, 2)).toBe(1);
    const mean = Float32Array.from([3, 13 / 3, 3, 13 / 3, 3, 13 / 3]);
    expect(fve(x, mean, 3, 2)).toBeCloseTo(0, 6);
  });
});

describe('PCA baseline', () => {
  it('finds the eigenvalues of a known symmetric matrix', () => {
    // [[2,1],[1,2]] → 3, 1
    expect([...symmetricEigenvalues(Float64Array.from([2, 1, 1, 2]), 2)].map((v) => +v.toFixed(9))).toEqual([3, 1]);
  });

  it('explains all of the variance of rank-k data with k components, and the right share with fewer', () => {
    const rng = new Rng(5);
    const d = 12;
    const rows = 2000;
    // x = 3·a·u + 1·b·v + offset, u ⟂ v (axes 0 and 1)
    const x = new Float32Array(rows * d);
    for (let r = 0; r < rows; r++) {
      x[r * d] = 3 * (rng.next() * 2 - 1) + 5;
      x[r * d + 1] = rng.next() * 2 - 1 - 2;
    }
    expect(pcaFve(x, rows, d, 2)).toBeCloseTo(1, 6);
    const cov = covariance(x, rows, d);
    const want = (cov[0] as number) / ((cov[0] as number) + (cov[d + 1] as number));
    expect(pcaFve(x, rows, d, 1)).toBeCloseTo(want, 2);
  });
});

describe('sparsity', () => {
  it('counts dead latents and the mean L0 (zero values are inactive)', () => {
    const codes = { rows: 2, k: 2, indices: Int32Array.from([0, 1, 0, 2]), values: Float32Array.from([1, 0, 2, 3]) };
    expect(deadFraction(codes, 4)).toBe(0.5); // 0 and 2 fire; 1 only with value 0; 3 never
    expect(meanL0(codes)).toBe(1.5);
  });
});
