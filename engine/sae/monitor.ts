// The per-token SAE monitor: a step observer that reads the residual at the SAE's hook for each generated token,
// encodes it once (top-k latents), and scores every behavior on that one code — so monitoring four behaviors costs
// one encoding, not four. Its side data per token:
//
//   { behaviors: { <name>: { score, drift, start? } }, features?: [[latent, value], …] }
//
// `drift` is true at a token when the run of scores strictly above the behavior's threshold that ends at this token
// is at least `run` tokens long; `start` is then the index where that run began (where a monitor cuts the text).
// So the first run − 1 tokens of a drifting run read drift: false and the run-th reads true with `start` pointing
// back at the first — exactly drift.ts's driftStart over the scores so far. A rewind forgets the scores from the
// rewind's index on and recomputes each run from what is kept.
//
// A behavior with a window reads the moving average of the codes (code-ema.ts) from the start of the text: the
// monitor encodes the prompt's positions once (its first fed batch), then each generated token's; a rewind rebuilds
// the averages from the prompt's and the kept tokens' codes.
import type { StepObserver, StepView } from '../step/observers.ts';
import { type BehaviorScorer, behaviorScore } from './behavior.ts';
import { calibrated } from './calibration.ts';
import { CodeEma } from './code-ema.ts';
import { encode, preActivations, type Sae, type SparseCodes, topkRow } from './sae.ts';

export interface BehaviorReading {
  readonly score: number;
  readonly drift: boolean;
  /** Where the drifting run began (only with drift). */
  readonly start?: number;
}

export interface SaeSide {
  readonly behaviors: Readonly<Record<string, BehaviorReading>>;
  /** The token's top latents, largest first: [latent, value] (only when asked for). */
  readonly features?: readonly (readonly [number, number])[];
}

export class SaeMonitor implements StepObserver {
  readonly name: string;
  readonly hooks: readonly string[];
  private readonly pre: Float32Array;
  private readonly idx: Int32Array;
  private readonly val: Float32Array;
  /** Per behavior, the scores of the current attempt's tokens by index. */
  private readonly scores: number[][];
  /** Per behavior, the length of the above-threshold run ending at the last token. */
  private readonly runs: number[];
  /** One moving average per distinct window > 1. */
  private readonly emas = new Map<number, CodeEma>();
  /** The prompt's codes (its first fed batch), once seen. */
  private prompt: SparseCodes | null = null;
  /** The generated tokens' codes by index (k latents and values each). */
  private readonly codes: { idx: Int32Array; val: Float32Array }[] = [];

  constructor(
    private readonly sae: Sae,
    private readonly behaviors: readonly BehaviorScorer[],
    private readonly topKFeatures = 0,
    name = 'sae',
  ) {
    this.name = name;
    this.hooks = [sae.hook];
    this.pre = new Float32Array(sae.n);
    this.idx = new Int32Array(sae.k);
    this.val = new Float32Array(sae.k);
    this.scores = behaviors.map(() => []);
    this.runs = behaviors.map(() => 0);
    for (const b of behaviors)
      if (b.window > 1 && !this.emas.has(b.window)) this.emas.set(b.window, new CodeEma(sae.n, b.window));
  }

  /** The prompt's codes as the monitor read them (null before the first fed batch). */
  get promptCodes(): SparseCodes | null {
    return this.prompt;
  }

  context(hook: string, rows: Float32Array, count: number): void {
    if (this.prompt || hook !== this.sae.hook) return;
    this.prompt = encode(this.sae, rows, count);
    this.replay(0);
  }

  /** Rebuilds every moving average from the prompt's codes and the first `tokens` generated tokens' codes. */
  private replay(tokens: number): void {
    const k = this.sae.k;
    for (const ema of this.emas.values()) {
      ema.reset();
      const p = this.prompt;
      if (p) for (let r = 0; r < p.rows; r++) ema.push(p.indices, p.values, r * k, k);
      for (let t = 0; t < tokens; t++) {
        const c = this.codes[t];
        if (c) ema.push(c.idx, c.val, 0, k);
      }
    }
  }

  /** The top-k code of one residual row (into this monitor's buffers). */
  private encodeRow(x: Float32Array): void {
    preActivations(this.sae, x, 1, this.pre);
    topkRow(this.pre, 0, this.sae.n, this.sae.k, this.idx, this.val, 0);
  }

  observe(view: StepView): SaeSide {
    this.encodeRow(view.resid(this.sae.hook));
    const k = this.sae.k;
    if (this.emas.size) {
      this.codes.length = Math.min(this.codes.length, view.index);
      this.codes[view.index] = { idx: Int32Array.from(this.idx), val: Float32Array.from(this.val) };
      for (const ema of this.emas.values()) ema.push(this.idx, this.val, 0, k);
    }
    // keyed by behavior name: no prototype, so any name (even "__proto__") is an own key
    const behaviors: Record<string, BehaviorReading> = Object.create(null);
    this.behaviors.forEach((b, i) => {
      const ema = b.window > 1 ? this.emas.get(b.window) : undefined;
      const score = ema
        ? calibrated(b.platt, ema.dot(b.latents, b.weights, b.probe.bias))
        : behaviorScore(b, this.idx, this.val, 0, k);
      const list = this.scores[i] as number[];
      list.length = Math.min(list.length, view.index);
      list.push(score);
      const run = score > b.threshold ? (this.runs[i] as number) + 1 : 0;
      this.runs[i] = run;
      behaviors[b.name] = run >= b.run ? { score, drift: true, start: view.index - run + 1 } : { score, drift: false };
    });
    if (this.topKFeatures <= 0) return { behaviors };
    const features: [number, number][] = [];
    for (let j = 0; j < Math.min(this.topKFeatures, k); j++) {
      const v = this.val[j] as number;
      if (v > 0) features.push([this.idx[j] as number, v]);
    }
    return { behaviors, features };
  }

  rewind(toIndex: number): void {
    if (this.emas.size) {
      this.codes.length = Math.min(this.codes.length, toIndex);
      this.replay(this.codes.length);
    }
    this.behaviors.forEach((b, i) => {
      const list = this.scores[i] as number[];
      list.length = Math.min(list.length, toIndex);
      let run = 0;
      for (let t = list.length - 1; t >= 0 && (list[t] as number) > b.threshold; t--) run++;
      this.runs[i] = run;
    });
  }
}
