// Step observers: per-token side data (SAE features, probes, …) computed from each generated token's own step,
// including the residual stream at its own position, and attached to its record under the observer's name.
import type { ModelConfig } from '../config.ts';
import type { CaptureHook, Hooks } from '../hooks.ts';

/** What an observer sees of one generated token. Buffers are reused between steps: copy what you keep. */
export interface StepView {
  readonly index: number;
  readonly attempt: number;
  readonly token: number;
  readonly text: string;
  /** The token's log-probability under the model's own (unprocessed) distribution. */
  readonly logprob: number;
  /** The model's own log-distribution at this step (vocabSize entries). */
  readonly logprobs: Float64Array;
  /**
   * The residual stream (dModel numbers) at this token's own position, at a hook the observer listed, as the text
   * makes it: steering added at that same hook is taken back out (so a monitor reads the text, not a vector that
   * was added right where it reads; steering at earlier hooks acts through the model and stays in).
   */
  resid(hook: string): Float32Array;
}

export interface StepObserver {
  /** Key of its side data in each record's `side`; unique among a generation's observers. */
  readonly name: string;
  /** Hook points whose residual `observe` reads (validated like steering hooks). */
  readonly hooks?: readonly string[];
  /** JSON-serialisable side data for this token, or undefined for none. */
  observe(view: StepView): unknown;
  /** The generation went back: forget every token from index `toIndex` on. */
  rewind?(toIndex: number): void;
  /**
   * Every fed batch's residuals at a hook the observer listed (rows × dModel, the first at absolute position
   * `start`; steering at that hook taken out as for `resid`): the prompt first, then each generated token, and the
   * refill after a rewind or a context shift. A copy: keep it if you need it.
   */
  context?(hook: string, rows: Float32Array, count: number, start: number): void;
}

class View implements StepView {
  index = 0;
  attempt = 1;
  token = 0;
  text = '';
  logprob = 0;
  logprobs: Float64Array = new Float64Array(0);

  constructor(private readonly rows: ReadonlyMap<string, Float32Array>) {}

  resid(hook: string): Float32Array {
    const r = this.rows.get(hook);
    if (!r) throw new Error(`observer asked for the residual at ${hook}, which is not among its hooks`);
    return r;
  }
}

export class ObserverSet {
  private readonly list: readonly StepObserver[];
  /** The last fed position's residual at each observed hook. */
  private readonly rows = new Map<string, Float32Array>();
  private readonly view: View;
  private readonly width: number;
  readonly active: boolean;
  /** Whether the token must be fed (run through the model) before it is observed. */
  readonly needsResid: boolean;

  constructor(list: readonly StepObserver[], cfg: ModelConfig) {
    this.list = list;
    this.width = cfg.dModel;
    for (const o of list) for (const h of o.hooks ?? []) this.rows.set(h, new Float32Array(cfg.dModel));
    this.view = new View(this.rows);
    this.active = list.length > 0;
    this.needsResid = this.rows.size > 0;
  }

  /**
   * The caller's hooks plus a capture of the last fed position at the observed hooks, minus the caller's steering
   * at that same hook (Σ strength × vector, what the model added there).
   */
  compose(user: Hooks): Hooks {
    if (!this.needsResid) return user;
    const mine = [...this.rows.keys()];
    const userCapture = user.capture;
    const userAt = user.captureAt;
    const C = this.width;
    const added = new Map<string, Float32Array>();
    for (const s of user.steering ?? []) {
      if (!this.rows.has(s.hook) || s.strength === 0) continue;
      const sum = added.get(s.hook) ?? new Float32Array(C);
      for (let c = 0; c < C; c++) sum[c] = (sum[c] as number) + s.strength * (s.vector[c] as number);
      added.set(s.hook, sum);
    }
    const contextual = this.list.filter((o) => o.context && o.hooks?.length);
    const capture: CaptureHook = (hook, resid, rows, start) => {
      if (userCapture && (!userAt || userAt.includes(hook))) userCapture(hook, resid, rows, start);
      const row = this.rows.get(hook);
      if (!row) return;
      const sum = added.get(hook);
      const readers = contextual.filter((o) => o.hooks?.includes(hook));
      if (readers.length) {
        const all = Float32Array.from(resid.subarray(0, rows * C));
        if (sum) for (let i = 0; i < all.length; i++) all[i] = (all[i] as number) - (sum[i % C] as number);
        for (const o of readers) o.context?.(hook, all, rows, start);
      }
      row.set(resid.subarray((rows - 1) * C, rows * C));
      if (sum) for (let c = 0; c < C; c++) row[c] = (row[c] as number) - (sum[c] as number);
    };
    let captureAt: readonly string[] | undefined = mine;
    if (userCapture) captureAt = userAt ? [...new Set([...userAt, ...mine])] : undefined;
    return { steering: user.steering, capture, captureAt };
  }

  /** Runs every observer on a token (already fed when needsResid); their side data keyed by name, or undefined. */
  observe(
    index: number,
    attempt: number,
    token: number,
    text: string,
    logprob: number,
    logprobs: Float64Array,
  ): Readonly<Record<string, unknown>> | undefined {
    const v = this.view;
    v.index = index;
    v.attempt = attempt;
    v.token = token;
    v.text = text;
    v.logprob = logprob;
    v.logprobs = logprobs;
    let side: Record<string, unknown> | undefined;
    for (const o of this.list) {
      const d = o.observe(v);
      if (d !== undefined) {
        side ??= {};
        side[o.name] = d;
      }
    }
    return side;
  }

  rewind(toIndex: number): void {
    for (const o of this.list) o.rewind?.(toIndex);
  }
}
