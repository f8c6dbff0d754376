// Drift: a behavior's per-token score (a calibrated probability, calibration.ts) strictly above its threshold for at
// least `run` (default 3) consecutive tokens. The drift starts at the first token of the first such run: that is
// where a monitor cuts the text before retrying.
//
// The threshold is calibrated on held-out negative generations so that at most a given fraction of them (default
// 5 %) would trigger drift. This is exact, not a search: a sequence s drifts at threshold τ iff some window of `run`
// consecutive scores is entirely above τ, i.e. iff
//
//   level(s) = max over windows W of length run of (min of s over W)  >  τ.
//
// So the trigger rate at τ is #{i : level_i > τ} / N. With m = ⌊rate · N⌋ sequences allowed to trigger, sort the
// levels in decreasing order L₁ ≥ L₂ ≥ … ≥ L_N: at τ ≥ L_{m+1} only (some of) L₁ … L_m can exceed τ, and at any
// τ < L_{m+1} at least m + 1 do. Hence the smallest admissible τ is L_{m+1} (the (m+1)-th largest level), clamped to
// [0, 1]; any τ below it triggers on more than rate · N sequences. A sequence shorter than `run` cannot drift
// (level −∞), and a NaN score never counts as above the threshold.

/** Checks that `run` is a positive integer. */
function checkRun(run: number): void {
  if (!(Number.isInteger(run) && run >= 1)) throw new Error(`drift: run must be a positive integer, got ${run}`);
}

/**
 * The index where the first run of ≥ `run` consecutive scores strictly above `threshold` begins, or −1 when there is
 * none.
 */
export function driftStart(scores: ArrayLike<number>, threshold: number, run = 3): number {
  checkRun(run);
  let length = 0;
  for (let i = 0; i < scores.length; i++) {
    if ((scores[i] as number) > threshold) {
      length++;
      if (length === run) return i - run + 1;
    } else {
      length = 0;
    }
  }
  return -1;
}

export interface DriftState {
  readonly drift: boolean;
  /** Index of the first token of the drifting run (counted from `firstIndex`), once drift has been seen. */
  readonly start?: number;
}

/**
 * Streaming drift detection, one score at a time. After pushing scores s₀ … s_t it reports exactly what
 * `driftStart([s₀ … s_t], threshold, run)` says: drift is latched at the first qualifying run and `start` never
 * changes afterwards. `firstIndex` offsets the reported start (e.g. a retry that continues from token i).
 */
export class DriftDetector {
  private seen = 0;
  private length = 0;
  private startAt = -1;

  constructor(
    readonly threshold: number,
    readonly run = 3,
    private firstIndex = 0,
  ) {
    checkRun(run);
  }

  /** Add the next score; the state after it. */
  push(score: number): DriftState {
    const i = this.seen++;
    if (this.startAt < 0) {
      if (score > this.threshold) {
        this.length++;
        if (this.length === this.run) this.startAt = i - this.run + 1;
      } else {
        this.length = 0;
      }
    }
    return this.state;
  }

  get state(): DriftState {
    return this.startAt < 0 ? { drift: false } : { drift: true, start: this.firstIndex + this.startAt };
  }

  /** Scores pushed so far. */
  get count(): number {
    return this.seen;
  }

  /** Forget everything; the next push is token `firstIndex`. */
  reset(firstIndex = 0): void {
    this.seen = 0;
    this.length = 0;
    this.startAt = -1;
    this.firstIndex = firstIndex;
  }
}

/**
 * level(s) = max over windows of `run` consecutive scores of the window's minimum (NaN counts as −∞): the sequence
 * drifts at threshold τ iff level > τ. −∞ for a sequence shorter than `run`. O(length) with a monotone deque.
 */
export function driftLevel(scores: ArrayLike<number>, run = 3): number {
  checkRun(run);
  const n = scores.length;
  let best = Number.NEGATIVE_INFINITY;
  const deque = new Int32Array(n); // indices with increasing values: the front is the window's minimum
  let head = 0;
  let tail = 0;
  const value = (i: number) => {
    const v = scores[i] as number;
    return Number.isNaN(v) ? Number.NEGATIVE_INFINITY : v;
  };
  for (let i = 0; i < n; i++) {
    const v = value(i);
    while (tail > head && value(deque[tail - 1] as number) >= v) tail--;
    deque[tail++] = i;
    if ((deque[head] as number) <= i - run) head++;
    if (i >= run - 1) best = Math.max(best, value(deque[head] as number));
  }
  return best;
}

/** The fraction of `sequences` that drift at `threshold` (0 for no sequences). */
export function triggerRate(sequences: readonly ArrayLike<number>[], threshold: number, run = 3): number {
  if (sequences.length === 0) return 0;
  let hits = 0;
  for (const s of sequences) if (driftStart(s, threshold, run) >= 0) hits++;
  return hits / sequences.length;
}

/**
 * The smallest threshold in [0, 1] at which at most `maxTriggerRate` of the negative sequences drift: the
 * (⌊maxTriggerRate · N⌋ + 1)-th largest `driftLevel`, clamped to [0, 1] (see the file comment). 0 when even
 * threshold 0 is within the rate (e.g. all-zero or too-short sequences). Only when some levels exceed 1 (scores that
 * are not probabilities) can the returned 1 still trigger more often than asked. Throws on an empty list.
 */
export function calibrateThreshold(
  negativeSequences: readonly ArrayLike<number>[],
  maxTriggerRate = 0.05,
  run = 3,
): number {
  checkRun(run);
  const n = negativeSequences.length;
  if (n === 0) throw new Error('calibrateThreshold: no negative sequences');
  if (!(maxTriggerRate >= 0 && maxTriggerRate <= 1)) {
    throw new Error(`calibrateThreshold: maxTriggerRate must be in [0, 1], got ${maxTriggerRate}`);
  }
  const allowed = Math.floor(maxTriggerRate * n + 1e-9); // sequences that may trigger (guards 0.29 · 100 = 28.99…)
  if (allowed >= n) return 0;
  const levels = negativeSequences.map((s) => driftLevel(s, run)).sort((x, y) => (y > x ? 1 : y < x ? -1 : 0));
  const tau = levels[allowed] as number;
  return Math.min(1, Math.max(0, tau));
}
