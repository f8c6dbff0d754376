// Automatic, honest labels for SAE latents: for each latent, its density, its top-activating contexts and the best of
// a set of cheap labellers (labellers.ts) by AUC, the latent's activation being the score. A latent is given the
// labeller's words only when that AUC reaches AUC_THRESHOLD; otherwise it is "unlabelled". Every figure a label
// rests on (AUC, precision, recall, the runner-up labellers) travels with it, so a reader can judge it.
//
// Scale: the per-position latents are sparse (rows × k entries), so each latent's entries are gathered once
// (CSR), sorted once, and every labeller is scored against them in O(active entries) with the inactive positions as
// one tied group (auc.ts `sparseAucSorted`): 50,000 positions × k = 32 × ~50 labellers is ~10⁸ cheap steps.
import { sparseAucSorted } from './auc.ts';
import type { Labeller } from './labellers.ts';
import { defaultLabellers } from './word-labellers.ts';

/** Per-position latents, as engine/sae/encode-text.ts gives them: row r's top-k latent ids and activations. */
export interface SparseActivations {
  readonly rows: number;
  readonly k: number;
  /**
   * rows × k latent ids (row-major), distinct within a row (a TopK code lists a latent once); an id outside
   * 0..nLatents−1 (e.g. −1 padding) is skipped.
   */
  readonly indices: Int32Array;
  /** rows × k activations; a latent not listed in a row has activation 0 there. */
  readonly values: Float32Array;
}

/**
 * The AUC a labeller must reach for its words to become a latent's label. 0.9 is engine-notes §4.4's figure, kept:
 * - chance sits far below it: on the 50,000 held-out characters, 2,038 random latents (densities 0.5–92 %) against
 *   the ~75 default labellers scored a best AUC of 0.65 at most;
 * - AUC rewards recall: a latent that fires on half a property's positions and nowhere else scores 0.75; one that
 *   fires on a random 85 % of the quotations (plus 5 % of the other characters) scored 0.896, 90 % scored 0.926 —
 *   so ≥ 0.9 means "fires on nearly every position where the property holds, and ranks them above the rest".
 * AUC says little about precision (a latent firing on every capital and on 10 % of everything else scores ≈ 0.95),
 * so precision and recall are reported beside it and the contexts show what else the latent fires on.
 */
export const AUC_THRESHOLD = 0.9;
export const UNLABELLED = 'unlabelled';

export interface LabelOptions {
  /** The labellers to try (default: `defaultLabellers(text)`). */
  readonly labellers?: readonly Labeller[];
  /** Minimum AUC for a label (default AUC_THRESHOLD). */
  readonly threshold?: number;
  /**
   * A labeller is tried only where it holds on at least this many separate stretches of the text (maximal runs of
   * labelled positions: quotations, words, digit runs…; default 10). An AUC over a handful of occurrences is noise —
   * on the held-out text, a name seen 4 times (≈ 20 labelled positions) reached AUC 0.77 against a latent that fires
   * on half the quotations — and one with no positive or no negative is undefined.
   */
  readonly minOccurrences?: number;
  /** Top-activating contexts per latent (default 8). */
  readonly contexts?: number;
  /** Characters shown before the active one (default 24). */
  readonly before?: number;
  /** Characters shown after the active one (default 8). */
  readonly after?: number;
  /** How many of the best labellers to report per latent (default 3). */
  readonly candidates?: number;
}

export interface LabellerScore {
  readonly id: string;
  readonly label: string;
  /** AUC of the latent's activation against the labeller (ties half). */
  readonly auc: number;
  /** Of the positions where the latent is active, the fraction where the labeller holds. */
  readonly precision: number;
  /** Of the positions where the labeller holds, the fraction where the latent is active. */
  readonly recall: number;
}

/** One top-activating position: the window `before` + `char` + `after` of the text, `char` being the active one. */
export interface TopContext {
  readonly pos: number;
  readonly act: number;
  readonly before: string;
  readonly char: string;
  readonly after: string;
}

export interface LiveFeatureLabel {
  readonly latent: number;
  readonly dead: false;
  /** The best labeller's words when its AUC ≥ threshold, else UNLABELLED. */
  readonly label: string;
  /** Whether `label` is a labeller's words. */
  readonly labelled: boolean;
  /** Fraction of positions where the latent is active (activation > 0). */
  readonly density: number;
  /** Number of positions where the latent is active. */
  readonly count: number;
  readonly maxAct: number;
  /** Mean activation over the positions where it is active. */
  readonly meanAct: number;
  /** The best labeller by AUC (null when no labeller could be scored). */
  readonly best: LabellerScore | null;
  /** The best few labellers, best first (the first is `best`). */
  readonly candidates: readonly LabellerScore[];
  /** The top-activating positions, strongest first, windows not overlapping. */
  readonly contexts: readonly TopContext[];
}

/** A latent never active on the text. */
export interface DeadFeatureLabel {
  readonly latent: number;
  readonly dead: true;
  readonly label: typeof UNLABELLED;
  readonly labelled: false;
  readonly density: 0;
  readonly count: 0;
}

export type FeatureLabel = LiveFeatureLabel | DeadFeatureLabel;

/** One latent's activation per position: its value where it is in the row's top-k, 0 elsewhere. */
export function latentActivations(acts: SparseActivations, latent: number): Float32Array {
  const out = new Float32Array(acts.rows);
  const { k, indices, values } = acts;
  for (let e = 0; e < acts.rows * k; e++) if (indices[e] === latent) out[Math.floor(e / k)] = values[e] as number;
  return out;
}

/**
 * Labels every latent 0..nLatents−1 of `acts` (the latents of `text`, one row per character): see the module
 * comment, LiveFeatureLabel and AUC_THRESHOLD. A latent is active at a position when it is listed there with an
 * activation > 0; its score at every other position is 0 (listed negative values, which a TopK-ReLU SAE does not
 * produce, are kept as scores). Best labeller: highest AUC, ties to the higher precision, then the labeller order.
 */
export function labelLatents(
  text: string,
  acts: SparseActivations,
  nLatents: number,
  opts: LabelOptions = {},
): FeatureLabel[] {
  const n = acts.rows;
  if (text.length !== n) throw new Error(`labelLatents: the text has ${text.length} characters but ${n} rows`);
  if (acts.indices.length < n * acts.k || acts.values.length < n * acts.k) {
    throw new Error(`labelLatents: expected ${n} × ${acts.k} entries`);
  }
  const threshold = opts.threshold ?? AUC_THRESHOLD;
  const minOccurrences = Math.max(1, opts.minOccurrences ?? 10);
  const nContexts = opts.contexts ?? 8;
  const before = opts.before ?? 24;
  const after = opts.after ?? 8;
  const nCandidates = Math.max(1, opts.candidates ?? 3);

  // the labellers that can be scored on this text
  const labellers: { l: Labeller; labels: Uint8Array; positives: number }[] = [];
  for (const l of opts.labellers ?? defaultLabellers(text)) {
    const labels = l.at(text);
    let positives = 0;
    let runs = 0;
    for (let i = 0; i < n; i++) {
      if (!labels[i]) continue;
      positives++;
      if (i === 0 || !labels[i - 1]) runs++;
    }
    if (runs >= minOccurrences && positives < n) labellers.push({ l, labels, positives });
  }

  // CSR by latent of the non-zero entries, in position order
  const { k, indices, values } = acts;
  const start = new Int32Array(nLatents + 1);
  for (let e = 0; e < n * k; e++) {
    const id = indices[e] as number;
    if (id >= 0 && id < nLatents && values[e] !== 0) start[id + 1] = (start[id + 1] as number) + 1;
  }
  for (let j = 0; j < nLatents; j++) start[j + 1] = (start[j + 1] as number) + (start[j] as number);
  const fill = start.slice(0, nLatents);
  const pos = new Int32Array(start[nLatents] as number);
  const val = new Float32Array(pos.length);
  for (let e = 0; e < n * k; e++) {
    const id = indices[e] as number;
    if (id < 0 || id >= nLatents || values[e] === 0) continue;
    const at = fill[id] as number;
    const row = Math.floor(e / k);
    if (at > (start[id] as number) && pos[at - 1] === row) {
      throw new Error(`labelLatents: latent ${id} is listed twice in row ${row}`);
    }
    pos[at] = row;
    val[at] = values[e] as number;
    fill[id] = at + 1;
  }

  const out: FeatureLabel[] = [];
  for (let j = 0; j < nLatents; j++) {
    const s = start[j] as number;
    const a = (start[j + 1] as number) - s;
    const p = pos.subarray(s, s + a);
    const v = val.subarray(s, s + a);
    let count = 0;
    let sum = 0;
    let maxAct = 0;
    for (let e = 0; e < a; e++) {
      const x = v[e] as number;
      if (x > 0) {
        count++;
        sum += x;
        if (x > maxAct) maxAct = x;
      }
    }
    if (count === 0) {
      out.push({ latent: j, dead: true, label: UNLABELLED, labelled: false, density: 0, count: 0 });
      continue;
    }
    // ascending by value; equal values by descending position, so a walk from the top takes earlier positions first
    const order = new Int32Array(a);
    for (let e = 0; e < a; e++) order[e] = e;
    order.sort((x, y) => (v[x] as number) - (v[y] as number) || (p[y] as number) - (p[x] as number));

    const scores: LabellerScore[] = [];
    for (const { l, labels, positives } of labellers) {
      const auc = sparseAucSorted(n, positives, p, v, order, labels);
      if (auc === null) continue;
      let hit = 0;
      for (let e = 0; e < a; e++) if ((v[e] as number) > 0 && labels[p[e] as number]) hit++;
      scores.push({ id: l.id, label: l.label, auc, precision: hit / count, recall: hit / positives });
    }
    // stable sort: equal AUC and precision keep the labeller order
    scores.sort((x, y) => y.auc - x.auc || y.precision - x.precision);
    const best = scores[0] ?? null;
    const labelled = best !== null && best.auc >= threshold;

    out.push({
      latent: j,
      dead: false,
      label: labelled && best ? best.label : UNLABELLED,
      labelled,
      density: count / n,
      count,
      maxAct,
      meanAct: sum / count,
      best,
      candidates: scores.slice(0, nCandidates),
      contexts: topContexts(text, p, v, order, nContexts, before, after),
    });
  }
  return out;
}

/**
 * The strongest positions, greedily: walk the entries from the highest activation down and keep a position when its
 * window [pos − before, pos + after] does not overlap a kept one (|pos − kept| > before + after), until `m` are kept.
 */
function topContexts(
  text: string,
  p: Int32Array,
  v: Float32Array,
  order: Int32Array,
  m: number,
  before: number,
  after: number,
): TopContext[] {
  const kept: TopContext[] = [];
  const span = before + after;
  for (let r = order.length - 1; r >= 0 && kept.length < m; r--) {
    const e = order[r] as number;
    const act = v[e] as number;
    if (act <= 0) break;
    const q = p[e] as number;
    if (kept.some((c) => Math.abs(c.pos - q) <= span)) continue;
    kept.push({
      pos: q,
      act,
      before: text.slice(Math.max(0, q - before), q),
      char: text.charAt(q),
      after: text.slice(q + 1, q + 1 + after),
    });
  }
  return kept;
}
