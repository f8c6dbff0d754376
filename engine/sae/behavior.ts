// A behavior as the engine runs it: a probe over the SAE's sparse codes (behavior-probe.ts), the Platt scaling that
// turns its logit into the documented per-token score (calibration.ts), and the threshold that, held for DRIFT_RUN
// tokens in a row, is drift (drift.ts). Plain data in (`BehaviorModelJson`, what a behavior file or the store
// keeps and what crosses to a worker), a scorer out.
//
//   score(token) = σ(a · (b₀ + Σ_j w[latent_j] · value_j) + b)      j over the token's k active latents
import { type Probe, type ProbeJson, probeFromJson, scoreRow } from './behavior-probe.ts';
import { calibrated, type Platt } from './calibration.ts';

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
}

export interface BehaviorScorer {
  readonly name: string;
  readonly threshold: number;
  readonly run: number;
  readonly probe: Probe;
  readonly platt: Platt;
}

export function behaviorScorer(m: BehaviorModelJson): BehaviorScorer {
  if (!(m.threshold >= 0 && m.threshold <= 1)) throw new Error(`behavior ${m.name}: threshold must be in [0, 1]`);
  if (!(Number.isInteger(m.run) && m.run >= 1)) throw new Error(`behavior ${m.name}: run must be a positive integer`);
  if (!(Number.isFinite(m.platt.a) && Number.isFinite(m.platt.b)))
    throw new Error(`behavior ${m.name}: Platt parameters must be finite`);
  return { name: m.name, threshold: m.threshold, run: m.run, probe: probeFromJson(m.probe), platt: m.platt };
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

/** Scores of every row of codes. */
export function behaviorScores(
  b: BehaviorScorer,
  codes: { rows: number; k: number; indices: ArrayLike<number>; values: ArrayLike<number> },
): Float64Array {
  const out = new Float64Array(codes.rows);
  for (let r = 0; r < codes.rows; r++) out[r] = behaviorScore(b, codes.indices, codes.values, r * codes.k, codes.k);
  return out;
}
