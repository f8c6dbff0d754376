// Platt scaling: turn a probe's logit (behavior-probe.ts) into the behavior's documented per-token score,
//
//   score = σ(a · logit + b)   — a calibrated probability in [0, 1]
//
// i.e. the fraction of held-out tokens given this score that really show the behavior. a and b are fitted on
// held-out logits and labels (e.g. the out-of-fold logits of crossValidateProbe; never the probe's own training
// rows, whose logits are over-confident) by minimising the log loss with Newton's method and a backtracking line
// search, following Lin, Lin & Weng (2007), "A note on Platt's probabilistic outputs for support vector machines".
// By default the 0/1 labels are replaced by Platt's smoothed targets t₊ = (N₊ + 1)/(N₊ + 2), t₋ = 1/(N₋ + 2), which
// keep a finite on separable data and matter little once N is large. Deterministic: no randomness anywhere.
//
// `reliability` reports how calibrated a set of probabilities is: 10 equal-width bins on [0, 1] and the expected
// calibration error ECE = Σ_bins (n_bin / N) · |mean probability − fraction positive|.
import { sigmoid, softplus } from './behavior-probe.ts';

export interface Platt {
  readonly a: number;
  readonly b: number;
}

export interface PlattOptions {
  /** Platt's smoothed targets instead of hard 0/1 labels. Default true. */
  readonly smoothTargets?: boolean;
  /** Newton iteration cap. Default 100. */
  readonly maxIterations?: number;
}

/** The calibrated probability σ(a · logit + b) ∈ [0, 1]. */
export function calibrated(p: Platt, logit: number): number {
  return sigmoid(p.a * logit + p.b);
}

/** `calibrated` over many logits. */
export function calibrateAll(p: Platt, logits: ArrayLike<number>): Float64Array {
  const out = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) out[i] = calibrated(p, logits[i] as number);
  return out;
}

/**
 * Fit a, b so σ(a · logit + b) is calibrated on (`logits`, `labels`: non-zero = positive). Works with one class only
 * (then a = 0 and σ(b) is the smoothed base rate); throws on empty input or non-finite logits.
 */
export function fitPlatt(logits: ArrayLike<number>, labels: ArrayLike<number>, options: PlattOptions = {}): Platt {
  const n = logits.length;
  if (labels.length !== n) throw new Error(`fitPlatt: ${n} logits but ${labels.length} labels`);
  if (n === 0) throw new Error('fitPlatt: no data');
  const z = Float64Array.from(logits as ArrayLike<number>);
  for (let i = 0; i < n; i++) if (!Number.isFinite(z[i])) throw new Error(`fitPlatt: logit ${i} is not finite`);
  let positives = 0;
  for (let i = 0; i < n; i++) if (labels[i]) positives++;
  const negatives = n - positives;
  const smooth = options.smoothTargets ?? true;
  const tPos = smooth ? (positives + 1) / (positives + 2) : 1;
  const tNeg = smooth ? 1 / (negatives + 2) : 0;
  const t = Float64Array.from({ length: n }, (_, i) => (labels[i] ? tPos : tNeg));

  // F(a, b) = Σ t·log(1 + e^−f) + (1 − t)·log(1 + e^f),  f = a·z + b
  const objective = (a: number, b: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const f = a * (z[i] as number) + b;
      const ti = t[i] as number;
      s += ti * softplus(-f) + (1 - ti) * softplus(f);
    }
    return s;
  };

  let a = 0;
  let b = Math.log((positives + 1) / (negatives + 1));
  let fval = objective(a, b);
  const maxIterations = options.maxIterations ?? 100;
  for (let it = 0; it < maxIterations; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-12; // Lin et al.'s σ: keeps the Hessian positive definite
    let hab = 0;
    let hbb = 1e-12;
    for (let i = 0; i < n; i++) {
      const zi = z[i] as number;
      const p = sigmoid(a * zi + b);
      const r = p - (t[i] as number);
      const w = p * (1 - p);
      ga += r * zi;
      gb += r;
      haa += w * zi * zi;
      hab += w * zi;
      hbb += w;
    }
    if (Math.abs(ga) < 1e-10 * n && Math.abs(gb) < 1e-10 * n) break;
    const det = haa * hbb - hab * hab;
    let da = -(hbb * ga - hab * gb) / det;
    let db = -(-hab * ga + haa * gb) / det;
    let slope = ga * da + gb * db;
    if (!(slope < 0) || !Number.isFinite(slope)) {
      da = -ga;
      db = -gb;
      slope = -(ga * ga + gb * gb);
    }
    let step = 1;
    let accepted = false;
    while (step >= 1e-12) {
      const na = a + step * da;
      const nb = b + step * db;
      const nf = objective(na, nb);
      if (nf <= fval + 1e-4 * step * slope) {
        a = na;
        b = nb;
        fval = nf;
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted) break; // no further decrease at machine precision
  }
  return { a, b };
}

export interface ReliabilityBin {
  /** [lo, hi) — the last bin also holds p = 1. */
  readonly lo: number;
  readonly hi: number;
  readonly count: number;
  /** Mean predicted probability in the bin; null when empty. */
  readonly meanProbability: number | null;
  /** Fraction of positive labels in the bin; null when empty. */
  readonly positiveRate: number | null;
}

/**
 * Reliability table of probabilities `probs` (in [0, 1]) against `labels` (non-zero = positive) over `bins`
 * equal-width bins, and the expected calibration error Σ (count/N) · |meanProbability − positiveRate| (0 = perfectly
 * calibrated on this data; 0 for empty input).
 */
export function reliability(
  probs: ArrayLike<number>,
  labels: ArrayLike<number>,
  bins = 10,
): { ece: number; bins: ReliabilityBin[] } {
  const n = probs.length;
  if (labels.length !== n) throw new Error(`reliability: ${n} probabilities but ${labels.length} labels`);
  if (!(Number.isInteger(bins) && bins >= 1))
    throw new Error(`reliability: bins must be a positive integer, got ${bins}`);
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const p = probs[i] as number;
    if (!(p >= 0 && p <= 1)) throw new Error(`reliability: probability ${p} at ${i} is outside [0, 1]`);
    const bin = Math.min(bins - 1, Math.floor(p * bins));
    count[bin] = (count[bin] as number) + 1;
    sumP[bin] = (sumP[bin] as number) + p;
    if (labels[i]) sumY[bin] = (sumY[bin] as number) + 1;
  }
  let ece = 0;
  const table: ReliabilityBin[] = [];
  for (let j = 0; j < bins; j++) {
    const c = count[j] as number;
    const meanProbability = c ? (sumP[j] as number) / c : null;
    const positiveRate = c ? (sumY[j] as number) / c : null;
    if (c) ece += (c / n) * Math.abs((meanProbability as number) - (positiveRate as number));
    table.push({ lo: j / bins, hi: (j + 1) / bins, count: c, meanProbability, positiveRate });
  }
  return { ece, bins: table };
}

/** The expected calibration error of `reliability` (10 bins by default). */
export function expectedCalibrationError(probs: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): number {
  return reliability(probs, labels, bins).ece;
}
