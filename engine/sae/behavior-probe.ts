// A behavior's per-token score from SAE codes: a sparse logistic-regression probe over the SAE latents.
//
//   logit(row) = b + Σ_j w[indices[j]] · values[j]        (the row's k active (latent, value) pairs)
//
// Training minimises the class-weighted, L2-regularised logistic loss over labelled rows
//
//   f(w, b) = (1 / Σ c_i) · Σ_i c_i · log(1 + exp(−y_i · logit_i)) + (λ / 2) · ‖w‖²,   y_i ∈ {−1, +1}
//
// (the bias is not penalised) with full-batch L-BFGS (memory 10, backtracking Armijo line search), started from
// w = 0 and b = the class-weighted log-odds. Full batch means there is no sampling at all: the same rows give the same
// probe, bit for bit. The objective is strictly convex in w for λ > 0, so the optimum is unique and finite even on
// separable data, and because every accepted step decreases f, λ/2·‖w‖² ≤ f(0, b₀) ≤ ln 2 bounds the weights.
//
// Only latents that are active in some training row (and in `features`, when given) are optimised; every other weight
// is exactly 0, so `features` restricts the probe to a chosen, interpretable latent set. `topLatents` lists the
// largest weights: the behavior's "SAE evidence". `crossValidateProbe` (probe-cv.ts) measures the probe on its own examples with
// grouped k folds (all rows of one example stay in one fold), giving out-of-fold logits (for Platt scaling,
// calibration.ts) and their AUC.
//
// The logit is uncalibrated; calibration.ts turns it into the documented score, a probability in [0, 1].
import { lbfgs } from './lbfgs.ts';

/** Rows of sparse codes (structurally `SparseCodes` from sae.ts): row r's pairs are at r·k … r·k + k − 1; value 0 = inactive. */
export interface CodeRows {
  readonly rows: number;
  readonly k: number;
  readonly indices: ArrayLike<number>;
  readonly values: ArrayLike<number>;
}

export interface Probe {
  /** Dictionary size of the SAE the probe reads. */
  readonly nLatents: number;
  /** [nLatents]; 0 for every latent outside `features` or never active in training. */
  readonly weights: Float64Array;
  readonly bias: number;
  /** The latents the probe was restricted to (sorted, distinct), or null when all were allowed. */
  readonly features: Int32Array | null;
}

/** How the optimisation ended (for reports and tests). */
export interface ProbeFit {
  readonly probe: Probe;
  /** Final objective value f(w, b). */
  readonly loss: number;
  readonly iterations: number;
  /** Largest |∂f| at the end. */
  readonly gradMax: number;
  /** True when the gradient fell below `tolerance` or f stopped decreasing; false when `maxIterations` ran out. */
  readonly converged: boolean;
}

export type ClassWeight = 'balanced' | 'none' | { readonly positive: number; readonly negative: number };

export interface ProbeOptions {
  /** λ, the L2 coefficient on w (not on b). Default 1e-2. Must be > 0 unless you accept divergence on separable data. */
  readonly l2?: number;
  /**
   * Per-class row weights c_i. 'balanced' (default): each class carries half the total weight, c = n / (2 · n_class),
   * so a rare class is not ignored. 'none': all 1.
   */
  readonly classWeight?: ClassWeight;
  /** Restrict the probe to these latents; all others keep weight 0. */
  readonly features?: ArrayLike<number>;
  /** Train on these rows only (indices into the codes); default all rows. */
  readonly rows?: ArrayLike<number>;
  /** L-BFGS iteration cap. Default 300. */
  readonly maxIterations?: number;
  /** Stop when max |∂f| < tolerance. Default 1e-7. */
  readonly tolerance?: number;
}

/** The probe's logit for one row of sparse codes: b + Σ_j w[indices[offset + j]] · values[offset + j], j < k. */
export function scoreRow(
  probe: Probe,
  indices: ArrayLike<number>,
  values: ArrayLike<number>,
  offset: number,
  k: number,
): number {
  const w = probe.weights;
  let z = probe.bias;
  for (let j = offset; j < offset + k; j++) {
    const v = values[j] as number;
    if (v !== 0) z += (w[indices[j] as number] ?? 0) * v;
  }
  return z;
}

/** Logits of every row of `codes`. */
export function scoreRows(probe: Probe, codes: CodeRows): Float64Array {
  const out = new Float64Array(codes.rows);
  for (let r = 0; r < codes.rows; r++) out[r] = scoreRow(probe, codes.indices, codes.values, r * codes.k, codes.k);
  return out;
}

/**
 * Train a probe on rows of `codes` labelled by `labels` (one per row of `codes`, non-zero = positive; only the rows in
 * `options.rows` are read when given). Throws when the rows hold only one class.
 */
export function trainProbe(
  codes: CodeRows,
  labels: ArrayLike<number>,
  nLatents: number,
  options: ProbeOptions = {},
): ProbeFit {
  const { k } = codes;
  if (labels.length !== codes.rows) throw new Error(`trainProbe: ${codes.rows} rows but ${labels.length} labels`);
  const l2 = options.l2 ?? 1e-2;
  if (!(l2 >= 0)) throw new Error(`trainProbe: l2 must be ≥ 0, got ${l2}`);
  const maxIterations = options.maxIterations ?? 300;
  const tolerance = options.tolerance ?? 1e-7;
  const rowList = options.rows ?? rangeOf(codes.rows);
  const n = rowList.length;

  let allowed: Uint8Array | null = null;
  let features: Int32Array | null = null;
  if (options.features) {
    allowed = new Uint8Array(nLatents);
    for (let i = 0; i < options.features.length; i++) {
      const f = options.features[i] as number;
      if (!(Number.isInteger(f) && f >= 0 && f < nLatents)) throw new Error(`trainProbe: feature ${f} out of range`);
      allowed[f] = 1;
    }
    features = Int32Array.from(allLatents(allowed));
  }

  // Compact design matrix (CSR) over the latents actually used: column = position in `used`.
  const column = new Int32Array(nLatents).fill(-1);
  const used: number[] = [];
  const rowStart = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  const y = new Float64Array(n); // 1 or 0
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const r = rowList[i] as number;
    if (!(Number.isInteger(r) && r >= 0 && r < codes.rows)) throw new Error(`trainProbe: row ${r} out of range`);
    y[i] = labels[r] ? 1 : 0;
    positives += y[i] as number;
    for (let j = r * k; j < r * k + k; j++) {
      const v = codes.values[j] as number;
      if (v === 0) continue;
      const latent = codes.indices[j] as number;
      if (!(latent >= 0 && latent < nLatents)) throw new Error(`trainProbe: latent ${latent} out of range`);
      if (allowed && !allowed[latent]) continue;
      let c = column[latent] as number;
      if (c < 0) {
        c = used.length;
        column[latent] = c;
        used.push(latent);
      }
      cols.push(c);
      vals.push(v);
    }
    rowStart[i + 1] = cols.length;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) throw new Error('trainProbe: need both positive and negative rows');

  const cw = options.classWeight ?? 'balanced';
  const [cPos, cNeg] =
    cw === 'balanced'
      ? [n / (2 * positives), n / (2 * negatives)]
      : cw === 'none'
        ? [1, 1]
        : [cw.positive, cw.negative];
  if (!(cPos > 0 && cNeg > 0)) throw new Error('trainProbe: class weights must be > 0');
  const totalWeight = cPos * positives + cNeg * negatives;
  const rowWeight = new Float64Array(n);
  for (let i = 0; i < n; i++) rowWeight[i] = (y[i] ? cPos : cNeg) / totalWeight;

  const d = used.length; // θ = [w_0 … w_{d−1}, b]
  const colArr = Int32Array.from(cols);
  const valArr = Float64Array.from(vals);
  const z = new Float64Array(n);

  /** f(θ), and ∂f into `grad`. */
  const evaluate = (theta: Float64Array, grad: Float64Array): number => {
    const b = theta[d] as number;
    let f = 0;
    grad.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      let zi = b;
      for (let e = rowStart[i] as number; e < (rowStart[i + 1] as number); e++) {
        zi += (theta[colArr[e] as number] as number) * (valArr[e] as number);
      }
      z[i] = zi;
      const c = rowWeight[i] as number;
      const margin = y[i] ? zi : -zi;
      f += c * softplus(-margin);
      const dz = c * (sigmoid(zi) - (y[i] as number));
      gb += dz;
      for (let e = rowStart[i] as number; e < (rowStart[i + 1] as number); e++) {
        const col = colArr[e] as number;
        grad[col] = (grad[col] as number) + dz * (valArr[e] as number);
      }
    }
    for (let j = 0; j < d; j++) {
      const w = theta[j] as number;
      f += 0.5 * l2 * w * w;
      grad[j] = (grad[j] as number) + l2 * w;
    }
    grad[d] = gb;
    return f;
  };

  const theta = new Float64Array(d + 1);
  theta[d] = Math.log((cPos * positives) / (cNeg * negatives)); // the optimal bias at w = 0
  const result = lbfgs(evaluate, theta, maxIterations, tolerance);

  const weights = new Float64Array(nLatents);
  for (let j = 0; j < d; j++) weights[used[j] as number] = theta[j] as number;
  return {
    probe: { nLatents, weights, bias: theta[d] as number, features },
    loss: result.f,
    iterations: result.iterations,
    gradMax: result.gradMax,
    converged: result.converged,
  };
}

export interface WeightedLatent {
  readonly latent: number;
  readonly weight: number;
}

/**
 * The probe's `n` largest weights: its SAE evidence. 'positive' (default): the latents that push towards the
 * behavior, largest weight first; 'negative': those that push away, most negative first; 'both': by |weight|.
 * Zero weights are never listed.
 */
export function topLatents(
  probe: Probe,
  n = 10,
  sign: 'positive' | 'negative' | 'both' = 'positive',
): WeightedLatent[] {
  const out: WeightedLatent[] = [];
  probe.weights.forEach((weight, latent) => {
    if (weight === 0) return;
    if (sign === 'positive' && weight < 0) return;
    if (sign === 'negative' && weight > 0) return;
    out.push({ latent, weight });
  });
  const key = sign === 'both' ? Math.abs : sign === 'positive' ? (w: number) => w : (w: number) => -w;
  out.sort((a, b) => key(b.weight) - key(a.weight) || a.latent - b.latent);
  return out.slice(0, n);
}

/** A JSON-friendly sparse form of a probe: only the non-zero weights. */
export interface ProbeJson {
  readonly nLatents: number;
  readonly bias: number;
  readonly latents: number[];
  readonly weights: number[];
  readonly features: number[] | null;
}

export function probeToJson(probe: Probe): ProbeJson {
  const latents: number[] = [];
  const weights: number[] = [];
  probe.weights.forEach((w, j) => {
    if (w !== 0) {
      latents.push(j);
      weights.push(w);
    }
  });
  const features = probe.features ? Array.from(probe.features) : null;
  return { nLatents: probe.nLatents, bias: probe.bias, latents, weights, features };
}

export function probeFromJson(json: ProbeJson): Probe {
  const weights = new Float64Array(json.nLatents);
  json.latents.forEach((j, e) => {
    weights[j] = json.weights[e] as number;
  });
  return {
    nLatents: json.nLatents,
    weights,
    bias: json.bias,
    features: json.features ? Int32Array.from(json.features) : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Numerics

/** log(1 + e^t), without overflow. */
export function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

/** 1 / (1 + e^−t), without overflow. */
export function sigmoid(t: number): number {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
}

function rangeOf(n: number): Int32Array {
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  return r;
}

function allLatents(mask: Uint8Array): number[] {
  const out: number[] = [];
  mask.forEach((m, j) => {
    if (m) out.push(j);
  });
  return out;
}
