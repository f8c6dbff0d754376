// A behavior as the engine runs it: a probe over the SAE's sparse codes (behavior-probe.ts), the Platt scaling that
// turns its logit into the documented per-token score (calibration.ts), and the threshold that, held for DRIFT_RUN
// tokens in a row, is drift (drift.ts). Plain data in (`BehaviorModelJson`, what a behavior file or the store
// keeps and what crosses to a worker), a scorer out.
//
//   score(token) = σ(a · (b₀ + Σ_j w[latent_j] · value_j) + b)      j over the token's k active latents
import { type CodeRows, type Probe, type ProbeJson, probeFromJson, scoreRow } from './behavior-probe.ts';
import { calibrated, type Platt } from './calibration.ts';
import { emaRows } from './code-ema.ts';

/** What a behavior's score needs, as JSON. */
export interface BehaviorModelJson {
  readonly name: string;
  /** The SAE hook the probe reads (must be the SAE's). */
  readonly hook: string;
  readonly probe: ProbeJson;
  readonly platt: Platt;
  /** Drift = score strictly above this for `run` tokens in a row. */
  readonly threshold: number;
  readonly run: number;
  /**
   * The probe reads the exponential moving average of the codes with this time constant, in tokens (code-ema.ts),
   * from the start of the text; absent (or 1): the token's own code.
   */
  readonly window?: number;
}

export interface BehaviorScorer {
  readonly name: string;
  readonly threshold: number;
  readonly run: number;
  readonly probe: Probe;
  readonly platt: Platt;
  /** 1: the token's own code; more: a moving average of the codes (code-ema.ts). */
  readonly window: number;
  /** The probe's non-zero weights (for scoring a dense average). */
  readonly latents: Int32Array;
  readonly weights: Float64Array;
}

export function behaviorScorer(m: BehaviorModelJson): BehaviorScorer {
  if (!(m.threshold >= 0 && m.threshold <= 1)) throw new Error(`behavior ${m.name}: threshold must be in [0, 1]`);
  if (!(Number.isInteger(m.run) && m.run >= 1)) throw new Error(`behavior ${m.name}: run must be a positive integer`);
  if (!(Number.isFinite(m.platt.a) && Number.isFinite(m.platt.b)))
    throw new Error(`behavior ${m.name}: Platt parameters must be finite`);
  const window = m.window ?? 1;
  if (!(Number.isFinite(window) && window >= 1)) throw new Error(`behavior ${m.name}: window must be ≥ 1`);
  return {
    name: m.name,
    threshold: m.threshold,
    run: m.run,
    probe: probeFromJson(m.probe),
    platt: m.platt,
    window,
    latents: Int32Array.from(m.probe.latents),
    weights: Float64Array.from(m.probe.weights),
  };
}

/** The calibrated score of one row of sparse codes (row r of indices/values at offset r·k). */
export function behaviorScore(
  b: BehaviorScorer,
  indices: ArrayLike<number>,
  values: ArrayLike<number>,
  offset: number,
  k: number,
): number {
  return calibrated(b.platt, scoreRow(b.probe, indices, values, offset, k));
}

/**
 * Scores of every row of a text's codes (rows `from`…end), as the monitor gives them: with a window, each row's
 * score reads the moving average of the codes from row 0 on (code-ema.ts).
 */
export function textScores(b: BehaviorScorer, codes: CodeRows, from = 0): Float64Array {
  return behaviorScores(b, b.window > 1 ? emaRows(codes, b.window, b.probe.nLatents, from) : rowsFrom(codes, from));
}

function rowsFrom(codes: CodeRows, from: number): CodeRows {
  const k = codes.k;
  const rows = codes.rows - from;
  const indices = new Int32Array(rows * k);
  const values = new Float32Array(rows * k);
  for (let q = 0; q < rows * k; q++) {
    indices[q] = codes.indices[from * k + q] as number;
    values[q] = codes.values[from * k + q] as number;
  }
  return { rows, k, indices, values };
}

/** Scores of every row of codes (rows already averaged when the behavior has a window). */
export function behaviorScores(
  b: BehaviorScorer,
  codes: { rows: number; k: number; indices: ArrayLike<number>; values: ArrayLike<number> },
): Float64Array {
  const out = new Float64Array(codes.rows);
  for (let r = 0; r < codes.rows; r++) out[r] = behaviorScore(b, codes.indices, codes.values, r * codes.k, codes.k);
  return out;
}
