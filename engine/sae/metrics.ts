// SAE quality metrics (SAELens' standard set): fraction of variance explained (centred), the PCA baseline with the
// same number of components, L0 and the dead fraction.
import type { SparseCodes } from './sae.ts';

/** Per-column mean of x [rows × d]. */
export function columnMean(x: Float32Array, rows: number, d: number): Float64Array {
  const m = new Float64Array(d);
  for (let r = 0; r < rows; r++) for (let c = 0; c < d; c++) m[c] = (m[c] as number) + (x[r * d + c] as number);
  for (let c = 0; c < d; c++) m[c] = (m[c] as number) / rows;
  return m;
}

/** FVE = 1 − Σ‖x − x̂‖² / Σ‖x − x̄‖² (x̄ the mean row of x). */
export function fve(x: Float32Array, recon: Float32Array, rows: number, d: number): number {
  const mean = columnMean(x, rows, d);
  let err = 0;
  let tot = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < d; c++) {
      const v = x[r * d + c] as number;
      err += (v - (recon[r * d + c] as number)) ** 2;
      tot += (v - (mean[c] as number)) ** 2;
    }
  }
  return 1 - err / tot;
}

/** The centred covariance (divided by rows) of x, d × d, row-major. */
export function covariance(x: Float32Array, rows: number, d: number): Float64Array {
  const mean = columnMean(x, rows, d);
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < d; c++) row[c] = (x[r * d + c] as number) - (mean[c] as number);
    for (let a = 0; a < d; a++) {
      const va = row[a] as number;
      if (va === 0) continue;
      for (let b = a; b < d; b++) cov[a * d + b] = (cov[a * d + b] as number) + va * (row[b] as number);
    }
  }
  for (let a = 0; a < d; a++)
    for (let b = a; b < d; b++) {
      const v = (cov[a * d + b] as number) / rows;
      cov[a * d + b] = v;
      cov[b * d + a] = v;
    }
  return cov;
}

/** Eigenvalues of a symmetric d × d matrix (cyclic Jacobi), in descending order. */
export function symmetricEigenvalues(m: Float64Array, d: number, sweeps = 50): Float64Array {
  const a = Float64Array.from(m);
  for (let s = 0; s < sweeps; s++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += (a[p * d + q] as number) ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const app = a[p * d + p] as number;
        const aqq = a[q * d + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p] as number;
          const akq = a[k * d + q] as number;
          a[k * d + p] = c * akp - sn * akq;
          a[k * d + q] = sn * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k] as number;
          const aqk = a[q * d + k] as number;
          a[p * d + k] = c * apk - sn * aqk;
          a[q * d + k] = sn * apk + c * aqk;
        }
      }
    }
  }
  const ev = Float64Array.from({ length: d }, (_, i) => a[i * d + i] as number);
  return ev.sort().reverse();
}

/**
 * FVE of the best rank-k linear reconstruction of x (PCA with k components fitted on x itself, centred): the sum of
 * the k largest covariance eigenvalues over their total. An in-sample fit, so an upper bound for PCA.
 */
export function pcaFve(x: Float32Array, rows: number, d: number, k: number): number {
  const ev = symmetricEigenvalues(covariance(x, rows, d), d);
  let top = 0;
  let tot = 0;
  for (let i = 0; i < d; i++) {
    const v = Math.max(0, ev[i] as number);
    tot += v;
    if (i < k) top += v;
  }
  return top / tot;
}

/** Per-latent count of positions where it is active (value > 0). */
export function latentCounts(codes: SparseCodes, n: number): Int32Array {
  const counts = new Int32Array(n);
  for (let i = 0; i < codes.indices.length; i++) {
    if ((codes.values[i] as number) > 0) {
      const j = codes.indices[i] as number;
      counts[j] = (counts[j] as number) + 1;
    }
  }
  return counts;
}

/** Fraction of the n latents never active in `codes`. */
export function deadFraction(codes: SparseCodes, n: number): number {
  const counts = latentCounts(codes, n);
  let dead = 0;
  for (let i = 0; i < n; i++) if (counts[i] === 0) dead++;
  return dead / n;
}

/** Mean number of active latents per position. */
export function meanL0(codes: SparseCodes): number {
  let active = 0;
  for (let i = 0; i < codes.values.length; i++) if ((codes.values[i] as number) > 0) active++;
  return active / codes.rows;
}
