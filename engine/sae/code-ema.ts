// A behavior's evidence over a window: an exponential moving average of the SAE's sparse codes,
//
//   e_t = d · e_{t−1} + (1 − d) · z_t,    d = exp(−1 / window),    e_{−1} = 0,
//
// over the positions of the text so far (z_t: the top-k code of position t, a sparse vector over the latents). A
// state such as "inside a quotation" is set by a character tens of positions back; one position's code barely holds
// it at the SAE's hook, the average of the recent codes does. Entries that decay below EMA_FLOOR are dropped (set to
// 0), so a row lists only the latents active in roughly the last window · ln(1/floor) positions. The probe reads an
// averaged row exactly as it reads a code row (b + Σ w_j · e_j). The monitor (monitor.ts) and the builders of
// training rows (`emaRows`) share this class, so what is trained on is what is scored live, bit for bit.
import type { CodeRows } from './behavior-probe.ts';

/** Averaged entries below this are dropped. */
export const EMA_FLOOR = 1e-3;

export class CodeEma {
  readonly decay: number;
  private readonly acc: Float64Array;
  private active: number[] = [];
  private readonly isActive: Uint8Array;

  constructor(
    readonly n: number,
    readonly window: number,
  ) {
    if (!(window > 1 && Number.isFinite(window))) throw new Error(`CodeEma: window must be > 1, got ${window}`);
    this.decay = Math.exp(-1 / window);
    this.acc = new Float64Array(n);
    this.isActive = new Uint8Array(n);
  }

  reset(): void {
    for (const j of this.active) {
      this.acc[j] = 0;
      this.isActive[j] = 0;
    }
    this.active = [];
  }

  /** One position: decay everything, add (1 − d) × its code (k pairs at indices/values[off …]). */
  push(indices: ArrayLike<number>, values: ArrayLike<number>, off: number, k: number): void {
    const d = this.decay;
    const kept: number[] = [];
    for (const j of this.active) {
      const v = (this.acc[j] as number) * d;
      if (v < EMA_FLOOR) {
        this.acc[j] = 0;
        this.isActive[j] = 0;
      } else {
        this.acc[j] = v;
        kept.push(j);
      }
    }
    this.active = kept;
    for (let q = off; q < off + k; q++) {
      const v = values[q] as number;
      if (!(v > 0)) continue;
      const j = indices[q] as number;
      this.acc[j] = (this.acc[j] as number) + (1 - d) * v;
      if (!this.isActive[j]) {
        this.isActive[j] = 1;
        this.active.push(j);
      }
    }
  }

  /**
   * The probe's logit on the current average: bias + Σ_j weight_j · e_j over the probe's non-zero weights, each e_j
   * rounded to 32 bits as the training rows (`emaRows`) store it.
   */
  dot(latents: ArrayLike<number>, weights: ArrayLike<number>, bias: number): number {
    let z = bias;
    for (let q = 0; q < latents.length; q++)
      z += (weights[q] as number) * Math.fround(this.acc[latents[q] as number] as number);
    return z;
  }

  /** The current average as (latent, value) pairs. */
  entries(): [number, number][] {
    return this.active.map((j) => [j, this.acc[j] as number]);
  }

  /** Sets the average to saved entries (from `entries()`). */
  load(entries: readonly (readonly [number, number])[]): void {
    this.reset();
    for (const [j, v] of entries) {
      this.acc[j] = v;
      this.isActive[j] = 1;
      this.active.push(j);
    }
  }
}

/**
 * The averaged rows `from`…end of a text's code rows (the average runs from row 0), each padded with inactive
 * slots to the longest: what a probe with this window is trained and measured on.
 */
export function emaRows(codes: CodeRows, window: number, n: number, from = 0): CodeRows {
  const ema = new CodeEma(n, window);
  const rows: [number, number][][] = [];
  for (let r = 0; r < codes.rows; r++) {
    ema.push(codes.indices, codes.values, r * codes.k, codes.k);
    if (r >= from) rows.push(ema.entries());
  }
  const K = Math.max(1, ...rows.map((x) => x.length));
  const indices = new Int32Array(rows.length * K);
  const values = new Float32Array(rows.length * K);
  rows.forEach((pairs, r) => {
    pairs.forEach(([j, v], q) => {
      indices[r * K + q] = j;
      values[r * K + q] = v;
    });
  });
  return { rows: rows.length, k: K, indices, values };
}
