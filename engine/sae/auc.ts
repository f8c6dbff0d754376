// ROC AUC of scores against binary labels, as the Mann–Whitney statistic: the probability that a random positive
// scores above a random negative, ties counted as half. Used to label SAE latents (labels.ts): a latent's activation
// per position is the score, a labeller's 0/1 per position is the label.
//
// Both entry points return `null` when the labels hold only one class (no positive or no negative): the AUC is
// undefined there, and null (not NaN) makes a caller handle it explicitly.

/**
 * AUC of `scores` against `labels` (non-zero = positive), O(n log n): sort once, walk tie groups in ascending score
 * order, each group adds (its positives × the negatives strictly below) + ½ (its positives × its negatives).
 * `null` when there is no positive or no negative. Scores must not be NaN.
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const n = scores.length;
  if (labels.length !== n) throw new Error(`auc: ${n} scores but ${labels.length} labels`);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let positives = 0;
  for (let i = 0; i < n; i++) if (labels[i]) positives++;
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  let num = 0;
  let negBelow = 0;
  for (let i = 0; i < n; ) {
    const v = scores[order[i] as number] as number;
    let gp = 0;
    let gn = 0;
    let j = i;
    for (; j < n && scores[order[j] as number] === v; j++) {
      if (labels[order[j] as number]) gp++;
      else gn++;
    }
    num += gp * negBelow + 0.5 * gp * gn;
    negBelow += gn;
    i = j;
  }
  return num / (positives * negatives);
}

/**
 * AUC of a sparse score vector: `n` positions, scores `values[e]` at the distinct positions `positions[e]` and 0
 * everywhere else. All the positions scoring 0 (the inactive ones, plus any listed entry whose value is exactly 0)
 * form one tie group, so the cost is O(a log a + a) for `a` listed entries, not O(n log n) — plus one O(n) count of
 * the positives unless `positives` (the number of non-zero labels over all n positions) is given.
 * Equal to `auc(dense, labels)` of the densified vector. `null` when the labels hold one class only.
 */
export function sparseAuc(
  n: number,
  positions: ArrayLike<number>,
  values: ArrayLike<number>,
  labels: ArrayLike<number>,
  positives?: number,
): number | null {
  const a = positions.length;
  if (values.length !== a) throw new Error(`sparseAuc: ${a} positions but ${values.length} values`);
  if (labels.length !== n) throw new Error(`sparseAuc: n = ${n} but ${labels.length} labels`);
  const order = new Int32Array(a);
  for (let i = 0; i < a; i++) order[i] = i;
  order.sort((x, y) => (values[x] as number) - (values[y] as number));
  let p = positives;
  if (p === undefined) {
    p = 0;
    for (let i = 0; i < n; i++) if (labels[i]) p++;
  }
  return sparseAucSorted(n, p, positions, values, order, labels);
}

/**
 * The core of `sparseAuc` with the entries already sorted: `order` lists entry indices by ascending value and
 * `positives` counts the non-zero labels over all `n` positions. Lets a caller sort a latent's entries once and
 * score many labellers against them in O(a) each.
 */
export function sparseAucSorted(
  n: number,
  positives: number,
  positions: ArrayLike<number>,
  values: ArrayLike<number>,
  order: ArrayLike<number>,
  labels: ArrayLike<number>,
): number | null {
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  const a = order.length;
  // positives / negatives among the listed entries with a non-zero value: the zero group is the rest
  let posListed = 0;
  let negListed = 0;
  for (let e = 0; e < a; e++) {
    const k = order[e] as number;
    if ((values[k] as number) === 0) continue;
    if (labels[positions[k] as number]) posListed++;
    else negListed++;
  }
  const zeroPos = positives - posListed;
  const zeroNeg = negatives - negListed;
  let num = 0;
  let negBelow = 0;
  let zeroDone = false;
  for (let i = 0; i < a; ) {
    const v = values[order[i] as number] as number;
    if (v >= 0 && !zeroDone) {
      num += zeroPos * negBelow + 0.5 * zeroPos * zeroNeg;
      negBelow += zeroNeg;
      zeroDone = true;
    }
    let j = i;
    let gp = 0;
    let gn = 0;
    for (; j < a && (values[order[j] as number] as number) === v; j++) {
      if (v === 0) continue; // already counted in the zero group
      if (labels[positions[order[j] as number] as number]) gp++;
      else gn++;
    }
    num += gp * negBelow + 0.5 * gp * gn;
    negBelow += gn;
    i = j;
  }
  if (!zeroDone) num += zeroPos * negBelow + 0.5 * zeroPos * zeroNeg;
  return num / (positives * negatives);
}
