// The committed form of a built-in behavior (models/<model>/sae/behaviors/<name>.json, written by
// `npm run sae:behaviors`, read by the server): what it is, its scorer, its correction vector and its measured
// evidence. Plain data; the server checks it with a schema when it loads it.
import type { BehaviorModelJson } from './behavior.ts';

export const BEHAVIOR_FILE_FORMAT = 'axplay-behavior/1';

/** A correction vector kept in the behavior file (built-ins whose vector is not a shipped steering vector). */
export interface InlineCorrectionLayer {
  readonly hook: string;
  /** Unit direction (dModel numbers). */
  readonly direction: readonly number[];
  /** The hook's mean residual norm: strength 1 adds scale × direction. */
  readonly scale: number;
  /** The raw difference of means' norm. */
  readonly rawNorm: number;
}

export interface BehaviorCorrection {
  /** A shipped or stored steering vector; null when the vector is inline. */
  readonly steering_vector_id: string | null;
  readonly layers?: readonly InlineCorrectionLayer[];
  /** How it was made, in words. */
  readonly note: string;
}

export interface BehaviorLatent {
  readonly latent: number;
  readonly weight: number;
  /** The latent's automatic label (features.json). */
  readonly label: string;
}

export interface BehaviorEvidence {
  /** The probe's largest positive weights: its SAE evidence. */
  readonly top_latents: readonly BehaviorLatent[];
  /** Out-of-fold (grouped 5-fold) per-token AUC on the training examples. */
  readonly cv_auc: number;
  /** Per-token AUC on the held-out examples (the Platt-calibrated score; AUC is unchanged by it). */
  readonly heldout_auc: number;
  readonly heldout_rows: { readonly positive: number; readonly negative: number };
  /** Expected calibration error of the score on the held-out rows (10 bins). */
  readonly heldout_ece: number;
  /** Of the held-out negative generations (not those the threshold was calibrated on), the fraction that drift. */
  readonly false_trigger_rate: number;
  readonly false_trigger_n: number;
  /** Negative generations the threshold was calibrated on. */
  readonly calibration_n: number;
  /** Of held-out generations that show the behavior, the fraction that drift (the monitor's recall). */
  readonly positive_trigger_rate: number | null;
  readonly positive_n: number;
  /** Free-form further measurements (the correction's effect, …). */
  readonly [extra: string]: unknown;
}

export interface BehaviorFile {
  readonly format: typeof BEHAVIOR_FILE_FORMAT;
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly model: string;
  readonly scorer: BehaviorModelJson;
  readonly correction: BehaviorCorrection;
  readonly evidence: BehaviorEvidence;
  /** How the examples were labelled and where the held-out data came from, in words. */
  readonly data: string;
  readonly created_at: string;
}
