// A user behavior's scorer from the SAE codes of its answers (server/worker/behavior-codes.ts). It runs on the worker
// that read the codes: the fit takes about a second per 20 pairs (L-BFGS, six times over), too long for the server's
// event loop.
//
// - rows: every character of every answer (positive answers label 1, negative 0), grouped by pair;
// - separation: grouped k-fold cross-validation of the sparse logistic probe (engine/sae/probe-cv.ts; k = 5, or the
//   number of pairs when fewer; a pair's answers never straddle train and test) → out-of-fold logits and their AUC,
//   the `separation_auc` reported;
// - score: Platt scaling fitted on those out-of-fold logits (engine/sae/calibration.ts), so the score is calibrated on
//   characters the probe did not train on; the probe kept is trained on every row;
// - threshold: calibrateThreshold (engine/sae/drift.ts) over the negative answers' out-of-fold score sequences at a
//   5 % trigger rate, run DRIFT_RUN: the smallest threshold at which at most ⌊0.05·N⌋ of the N negative answers would
//   drift. With fewer than 20 negative answers that allows none, so the threshold is the highest drift level among
//   the negatives (each answer's best DRIFT_RUN-character window's minimum score): no negative answer drifts. When
//   every negative answer is shorter than DRIFT_RUN characters (no window at all) it is the highest negative score.
import { type BehaviorModelJson, behaviorScorer } from '../../engine/sae/behavior.ts';
import { probeToJson, topLatents, trainProbe } from '../../engine/sae/behavior-probe.ts';
import { calibrateAll, fitPlatt } from '../../engine/sae/calibration.ts';
import { calibrateThreshold } from '../../engine/sae/drift.ts';
import { crossValidateProbe } from '../../engine/sae/probe-cv.ts';
import { DRIFT_RUN } from '../../protocol/sae.ts';
import type { BehaviorCodes } from '../worker/behavior-codes.ts';
import type { BehaviorFitResult } from '../worker/job.ts';

/** The largest fraction of negative answers allowed to drift at the threshold. */
export const FALSE_TRIGGER_RATE = 0.05;
const FOLDS = 5;
const TOP_LATENTS = 10;

export const THRESHOLD_RULE =
  `the smallest threshold at which at most ${FALSE_TRIGGER_RATE * 100} % of the negative answers' cross-validated ` +
  `score sequences stay above it for ${DRIFT_RUN} characters in a row; with fewer than ` +
  `${Math.round(1 / FALSE_TRIGGER_RATE)} negative answers none may, so it is the highest such level among them`;

/** Fits a behavior's scorer to its answers' codes (see the file comment). */
export function fitBehavior(name: string, codes: BehaviorCodes): BehaviorFitResult {
  const { k, n } = codes;
  const rows = codes.answers.reduce((s, a) => s + a.rows, 0);
  const indices = new Int32Array(rows * k);
  const values = new Float32Array(rows * k);
  const labels = new Uint8Array(rows);
  const groups = new Int32Array(rows);
  const spans: { readonly from: number; readonly to: number; readonly positive: boolean }[] = [];
  let at = 0;
  for (const a of codes.answers) {
    indices.set(a.indices, at * k);
    values.set(a.values, at * k);
    labels.fill(a.positive ? 1 : 0, at, at + a.rows);
    groups.fill(a.pair, at, at + a.rows);
    spans.push({ from: at, to: at + a.rows, positive: a.positive });
    at += a.rows;
  }
  const data = { rows, k, indices, values };
  const pairs = new Set(codes.answers.map((a) => a.pair)).size;
  const cv = crossValidateProbe(data, labels, groups, n, { folds: Math.min(FOLDS, pairs), seed: 0 });
  const platt = fitPlatt(cv.oofLogits, labels);
  const { probe } = trainProbe(data, labels, n);

  const oofScores = calibrateAll(platt, cv.oofLogits);
  const negatives = spans.filter((s) => !s.positive).map((s) => oofScores.subarray(s.from, s.to));
  const windowed = negatives.filter((s) => s.length >= DRIFT_RUN);
  const threshold = windowed.length
    ? calibrateThreshold(windowed, FALSE_TRIGGER_RATE, DRIFT_RUN)
    : Math.min(1, Math.max(0, ...negatives.flatMap((s) => Array.from(s))));

  const scorer: BehaviorModelJson = {
    name,
    hook: codes.hook,
    probe: probeToJson(probe),
    platt,
    threshold,
    run: DRIFT_RUN,
  };
  behaviorScorer(scorer); // throws on anything a worker could not run
  const positiveRows = labels.reduce((s, l) => s + l, 0);
  return {
    scorer,
    evidence: {
      separation_auc: cv.auc,
      positive_answers: spans.filter((s) => s.positive).length,
      negative_answers: negatives.length,
      positive_rows: positiveRows,
      negative_rows: rows - positiveRows,
      folds: cv.folds,
      top_latents: topLatents(probe, TOP_LATENTS),
      threshold_rule: THRESHOLD_RULE,
    },
  };
}
