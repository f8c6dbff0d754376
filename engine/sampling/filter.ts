// What a sampling filter is, and the distribution the filters share during one step (reused between steps).
import type { SamplingParams } from '../sampler.ts';

/**
 * One stage of the filter registry (see filters.ts). Filters run in registry order on the biased, penalised logits
 * of a sampled (non-greedy) step; the first (temperature) turns the logits into probabilities, the others remove
 * candidates from `keep` and renormalise.
 */
export interface SamplingFilter {
  readonly name: string;
  apply(state: FilterState, params: SamplingParams): void;
}

export class FilterState {
  readonly size: number;
  /** The biased, penalised logits of this step (read only). */
  logits: ArrayLike<number>;
  /** The distribution being filtered: probabilities of the kept tokens (summing to 1 after renorm), 0 elsewhere. */
  readonly probs: Float64Array;
  /** 1 for a token that is still a candidate. */
  readonly keep: Uint8Array;
  /** Token ids by descending probability after temperature; ties keep the lower id first. */
  readonly order: number[];
  private readonly scratch: number[];

  constructor(size: number) {
    this.size = size;
    this.logits = new Float32Array(size);
    this.probs = new Float64Array(size);
    this.keep = new Uint8Array(size);
    this.order = Array.from({ length: size }, (_, i) => i);
    this.scratch = Array.from({ length: size }, (_, i) => i);
  }

  /**
   * Sets `order` from `probs`: most likely first, equal probabilities in ascending id order (a stable merge sort;
   * the same order as a stable Array#sort by descending probability, without its comparator calls).
   */
  sortByProbability(): void {
    const n = this.size;
    const p = this.probs;
    let src = this.order;
    let dst = this.scratch;
    for (let i = 0; i < n; i++) src[i] = i;
    for (let width = 1; width < n; width *= 2) {
      for (let lo = 0; lo < n; lo += 2 * width) {
        const mid = Math.min(lo + width, n);
        const hi = Math.min(lo + 2 * width, n);
        let i = lo;
        let j = mid;
        let k = lo;
        while (i < mid && j < hi) {
          const a = src[i] as number;
          const b = src[j] as number;
          // the right-hand one goes first only when strictly more likely: ties keep their order
          if ((p[b] as number) > (p[a] as number)) {
            dst[k++] = b;
            j++;
          } else {
            dst[k++] = a;
            i++;
          }
        }
        while (i < mid) dst[k++] = src[i++] as number;
        while (j < hi) dst[k++] = src[j++] as number;
      }
      [src, dst] = [dst, src];
    }
    if (src !== this.order) for (let i = 0; i < n; i++) this.order[i] = src[i] as number;
  }

  /** Rescales the kept probabilities to sum to 1 and zeroes the others. */
  renorm(): void {
    const { keep, probs, size } = this;
    let s = 0;
    for (let i = 0; i < size; i++) if (keep[i]) s += probs[i] ?? 0;
    for (let i = 0; i < size; i++) probs[i] = keep[i] ? (probs[i] ?? 0) / s : 0;
  }
}
