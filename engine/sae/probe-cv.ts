// Grouped k-fold cross-validation of a behavior probe on its own examples (behavior-probe.ts): all rows of one
// example stay in one fold; the out-of-fold logits are what Platt scaling is fitted on (calibration.ts).
import { Rng } from '../rng.ts';
import { auc } from './auc.ts';
import { type CodeRows, type ProbeOptions, scoreRow, trainProbe } from './behavior-probe.ts';

/**
 * Assign rows to `folds` folds so that all rows sharing a group id land in the same fold. Groups are shuffled with a
 * seeded generator, then stably ordered by their share of positive rows, then dealt round-robin: each fold gets a
 * spread of positive-heavy and negative-heavy groups (a light "stratified group k-fold"). Deterministic in `seed`.
 * Uses min(folds, number of groups) folds; returns the fold of each row and the fold count.
 */
export function groupedFolds(
  groups: ArrayLike<number>,
  labels: ArrayLike<number>,
  folds: number,
  seed = 0,
): { fold: Int32Array; folds: number } {
  const n = groups.length;
  if (labels.length !== n) throw new Error(`groupedFolds: ${n} groups but ${labels.length} labels`);
  const ids = new Map<number, { rows: number; positives: number }>();
  for (let i = 0; i < n; i++) {
    const g = groups[i] as number;
    const entry = ids.get(g) ?? { rows: 0, positives: 0 };
    entry.rows++;
    if (labels[i]) entry.positives++;
    ids.set(g, entry);
  }
  const list = [...ids.keys()].sort((a, b) => a - b);
  const rng = new Rng(seed);
  for (let i = list.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [list[i], list[j]] = [list[j] as number, list[i] as number];
  }
  const share = (g: number) => {
    const e = ids.get(g) as { rows: number; positives: number };
    return e.positives / e.rows;
  };
  list.sort((a, b) => share(a) - share(b)); // stable: the shuffle breaks ties
  const used = Math.min(folds, list.length);
  if (used < 2)
    throw new Error(`groupedFolds: need at least 2 groups and 2 folds (${list.length} groups, ${folds} folds)`);
  const foldOfGroup = new Map<number, number>();
  list.forEach((g, i) => {
    foldOfGroup.set(g, i % used);
  });
  const fold = new Int32Array(n);
  for (let i = 0; i < n; i++) fold[i] = foldOfGroup.get(groups[i] as number) as number;
  return { fold, folds: used };
}

export interface CrossValidation {
  /** AUC of the pooled out-of-fold logits against the labels; null when the labels hold one class. */
  readonly auc: number | null;
  /** Mean of the per-fold AUCs over the folds whose held-out rows hold both classes; null when none does. */
  readonly meanFoldAuc: number | null;
  readonly foldAucs: (number | null)[];
  /** Each row's logit from the probe that did not see its fold: held-out logits for Platt scaling. */
  readonly oofLogits: Float64Array;
  readonly fold: Int32Array;
  readonly folds: number;
}

/**
 * k-fold cross-validated AUC of the probe on its own examples: `groups[r]` is the example id of row r (rows of one
 * example never straddle train and test). A fold whose training rows hold one class only cannot be fitted: its
 * held-out rows get logit 0 (no information). `options` are passed to every fit (except `rows`).
 */
export function crossValidateProbe(
  codes: CodeRows,
  labels: ArrayLike<number>,
  groups: ArrayLike<number>,
  nLatents: number,
  options: ProbeOptions & { readonly folds?: number; readonly seed?: number } = {},
): CrossValidation {
  if (groups.length !== codes.rows)
    throw new Error(`crossValidateProbe: ${codes.rows} rows but ${groups.length} groups`);
  const { fold, folds } = groupedFolds(groups, labels, options.folds ?? 5, options.seed ?? 0);
  const oofLogits = new Float64Array(codes.rows);
  const foldAucs: (number | null)[] = [];
  for (let f = 0; f < folds; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let r = 0; r < codes.rows; r++) (fold[r] === f ? test : train).push(r);
    let trainPos = 0;
    for (const r of train) if (labels[r]) trainPos++;
    if (trainPos === 0 || trainPos === train.length) {
      for (const r of test) oofLogits[r] = 0;
    } else {
      const { probe } = trainProbe(codes, labels, nLatents, { ...options, rows: train });
      for (const r of test) oofLogits[r] = scoreRow(probe, codes.indices, codes.values, r * codes.k, codes.k);
    }
    foldAucs.push(
      auc(
        test.map((r) => oofLogits[r] as number),
        test.map((r) => (labels[r] ? 1 : 0)),
      ),
    );
  }
  const valid = foldAucs.filter((a): a is number => a !== null);
  const labels01 = Uint8Array.from({ length: codes.rows }, (_, r) => (labels[r] ? 1 : 0));
  return {
    auc: auc(oofLogits, labels01),
    meanFoldAuc: valid.length ? valid.reduce((s, a) => s + a, 0) / valid.length : null,
    foldAucs,
    oofLogits,
    fold,
    folds,
  };
}
