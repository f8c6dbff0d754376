// The pure parts of building the built-in behaviors (scripts/sae/behaviors.ts does the I/O): labelled code rows from
// contrast examples, the rules that label a generation positive or negative for a behavior, the deterministic split
// of the negative generations into a calibration half and a measurement half, and the rounding of what is committed.
//
// Rows: a contrast example (engine/steering/builtin/sets.ts) is fed whole; its rows are the positions from..end
// (never the labelling character, which is not part of its text), all with the example's label, grouped by example
// so cross-validation keeps an example's rows in one fold.
import { endsInsideQuote } from '../steering/builtin/measures.ts';
import type { CodeRows, ProbeJson } from './behavior-probe.ts';
import { calibrateThreshold, triggerRate } from './drift.ts';

export const BUILTIN_BEHAVIORS = ['dialogue', 'json', 'exclamation', 'question'] as const;
export type BuiltinBehavior = (typeof BUILTIN_BEHAVIORS)[number];

/** Code rows in typed arrays (what crosses to and from a worker thread cheaply). */
export interface TypedCodes extends CodeRows {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Code rows with a 0/1 label and a group (example) id per row. */
export interface LabelledRows extends TypedCodes {
  readonly labels: Uint8Array;
  readonly groups: Int32Array;
}

/** One example's code rows (its rows from..end only) and its label. */
export interface ExampleCodes {
  readonly codes: CodeRows;
  readonly label: 0 | 1;
}

/** Rows `from`..end of `codes` (a view, no copy when the arrays are typed). */
export function rowsFrom(codes: CodeRows, from: number): CodeRows {
  if (!(Number.isInteger(from) && from >= 0 && from <= codes.rows))
    throw new Error(`rowsFrom: from ${from} outside 0..${codes.rows}`);
  const { k } = codes;
  const slice = (a: ArrayLike<number>) =>
    ArrayBuffer.isView(a) ? (a as Int32Array | Float32Array).subarray(from * k) : Array.from(a).slice(from * k);
  return { rows: codes.rows - from, k, indices: slice(codes.indices), values: slice(codes.values) };
}

/**
 * All examples' rows stacked, example e's rows labelled with its label and grouped as e. Rows of different widths
 * (moving averages list more latents than a code) are padded with inactive slots to the widest.
 */
export function stackRows(examples: readonly ExampleCodes[]): LabelledRows {
  const k = Math.max(0, ...examples.map((e) => e.codes.k));
  let rows = 0;
  for (const e of examples) rows += e.codes.rows;
  const indices = new Int32Array(rows * k);
  const values = new Float32Array(rows * k);
  const labels = new Uint8Array(rows);
  const groups = new Int32Array(rows);
  let at = 0;
  examples.forEach((e, g) => {
    const n = e.codes.rows;
    const ke = e.codes.k;
    for (let r = 0; r < n; r++)
      for (let j = 0; j < ke; j++) {
        indices[(at + r) * k + j] = e.codes.indices[r * ke + j] as number;
        values[(at + r) * k + j] = e.codes.values[r * ke + j] as number;
      }
    labels.fill(e.label, at, at + n);
    groups.fill(g, at, at + n);
    at += n;
  });
  return { rows, k, indices, values, labels, groups };
}

/** Rows of `a` then rows of `b` (the same k): e.g. a prompt's codes then its generation's. */
export function concatCodes(a: CodeRows, b: CodeRows): TypedCodes {
  if (a.k !== b.k) throw new Error(`concatCodes: k ${a.k} ≠ ${b.k}`);
  const k = a.k;
  const indices = new Int32Array((a.rows + b.rows) * k);
  const values = new Float32Array((a.rows + b.rows) * k);
  for (let q = 0; q < a.rows * k; q++) {
    indices[q] = a.indices[q] as number;
    values[q] = a.values[q] as number;
  }
  for (let q = 0; q < b.rows * k; q++) {
    indices[a.rows * k + q] = b.indices[q] as number;
    values[a.rows * k + q] = b.values[q] as number;
  }
  return { rows: a.rows + b.rows, k, indices, values };
}

/**
 * Code rows from per-token lists of active latents ([latent, value] pairs, as the SAE monitor's `features` side data
 * gives them, largest first): each row padded with inactive slots (index 0, value 0) to `k`.
 */
export function codesFromFeatures(tokens: readonly (readonly (readonly [number, number])[])[], k: number): TypedCodes {
  const indices = new Int32Array(tokens.length * k);
  const values = new Float32Array(tokens.length * k);
  tokens.forEach((pairs, r) => {
    if (pairs.length > k) throw new Error(`codesFromFeatures: ${pairs.length} latents > k = ${k}`);
    pairs.forEach(([latent, value], j) => {
      indices[r * k + j] = latent;
      values[r * k + j] = value;
    });
  });
  return { rows: tokens.length, k, indices, values };
}

/** Where a generation's prompt came from: Persuasion prose or the held-out synthetic JSON stream. */
export type PromptSource = 'prose' | 'json';
export type GenerationLabel = 'positive' | 'negative' | null;

/** Minimum quoted characters in a row for a generation to count as showing dialogue. */
export const MIN_QUOTED_RUN = 16;

/**
 * The longest run of generated characters inside quotation marks (quotes toggle, a newline closes, the state at the
 * start is the prompt's; the quote marks themselves are outside), as measures.ts's insideQuotesFraction counts.
 */
export function longestQuotedRun(prompt: string, generated: string): number {
  let inside = endsInsideQuote(prompt);
  let run = 0;
  let best = 0;
  for (const c of generated) {
    if (c === '\n' || c === '"') {
      inside = c === '"' ? !inside : false;
      run = 0;
    } else if (inside) best = Math.max(best, ++run);
  }
  return best;
}

/**
 * Whether a generation shows the behavior (positive), clearly does not (negative) or is left out (null):
 *
 * - dialogue, prose prompts: negative when the generation has no `"` and the prompt does not end inside a quotation;
 *   positive with a quoted run of at least MIN_QUOTED_RUN characters; otherwise (a stray quote, a short quotation)
 *   left out.
 * - json: a prose prompt's generation with none of `{ } [ ]` is negative; a JSON prompt's generation holding a key
 *   (`":`) is positive; otherwise left out.
 * - exclamation / question, prose prompts: negative when the generation has no `!` (`?`), positive when it has one.
 *
 * JSON prompts' generations serve only json.
 */
export function generationLabel(
  behavior: BuiltinBehavior,
  source: PromptSource,
  prompt: string,
  generated: string,
): GenerationLabel {
  if (behavior === 'json') {
    if (source === 'json') return generated.includes('":') ? 'positive' : null;
    return /[{}[\]]/.test(generated) ? null : 'negative';
  }
  if (source !== 'prose') return null;
  switch (behavior) {
    case 'dialogue':
      if (!generated.includes('"') && !endsInsideQuote(prompt)) return 'negative';
      return longestQuotedRun(prompt, generated) >= MIN_QUOTED_RUN ? 'positive' : null;
    case 'exclamation':
      return generated.includes('!') ? 'positive' : 'negative';
    case 'question':
      return generated.includes('?') ? 'positive' : 'negative';
  }
}

/** Items that came from a numbered prompt. */
export interface FromPrompt {
  readonly prompt: number;
}

/**
 * The deterministic split by prompt: items of even-numbered prompts calibrate the threshold, items of odd-numbered
 * prompts measure it (prompts are spread evenly over the held-out novel, so both halves cover all of it and no
 * prompt is in both).
 */
export function splitByPrompt<T extends FromPrompt>(items: readonly T[]): { calibration: T[]; measurement: T[] } {
  const calibration: T[] = [];
  const measurement: T[] = [];
  for (const it of items) (it.prompt % 2 === 0 ? calibration : measurement).push(it);
  return { calibration, measurement };
}

/** A generation's label for one behavior and its per-token scores. */
export interface ScoredGeneration extends FromPrompt {
  readonly label: GenerationLabel;
  readonly scores: ArrayLike<number>;
}

export interface DriftFigures {
  readonly threshold: number;
  /** Negative generations the threshold was calibrated on, and the fraction of them that drift (≤ maxRate). */
  readonly calibrationN: number;
  readonly calibrationRate: number;
  /** The other negative generations, and the fraction of them that drift. */
  readonly falseN: number;
  readonly falseRate: number;
  /** Generations showing the behavior, and the fraction that drift (null when there are none). */
  readonly positiveN: number;
  readonly positiveRate: number | null;
  readonly leftOut: number;
}

/**
 * The threshold and its measured rates: calibrated on the calibration half of the negative generations (at most
 * `maxRate` of them drift, drift.ts), the false-trigger rate on the measurement half, the trigger rate on the
 * positive generations.
 */
export function driftFigures(scored: readonly ScoredGeneration[], maxRate = 0.05, run = 3): DriftFigures {
  const negatives = scored.filter((x) => x.label === 'negative');
  const positives = scored.filter((x) => x.label === 'positive');
  const { calibration, measurement } = splitByPrompt(negatives);
  const threshold = calibrateThreshold(
    calibration.map((x) => x.scores),
    maxRate,
    run,
  );
  const rate = (xs: readonly ScoredGeneration[]) =>
    triggerRate(
      xs.map((x) => x.scores),
      threshold,
      run,
    );
  return {
    threshold,
    calibrationN: calibration.length,
    calibrationRate: rate(calibration),
    falseN: measurement.length,
    falseRate: rate(measurement),
    positiveN: positives.length,
    positiveRate: positives.length ? rate(positives) : null,
    leftOut: scored.length - negatives.length - positives.length,
  };
}

/** The index of the largest value (the first on ties); −1 for none. NaN never wins. */
export function argmax(xs: readonly number[]): number {
  let best = -1;
  xs.forEach((x, i) => {
    if (best < 0 ? !Number.isNaN(x) : x > (xs[best] as number)) best = i;
  });
  return best;
}

/** `x` rounded to `digits` significant digits (integers and non-finite numbers unchanged). */
export function roundSig(x: number, digits = 6): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(digits));
}

/** A probe's JSON with its bias and weights rounded to `digits` significant digits (the committed form). */
export function roundProbe(p: ProbeJson, digits = 6): ProbeJson {
  return { ...p, bias: roundSig(p.bias, digits), weights: p.weights.map((w) => roundSig(w, digits)) };
}

/** The mean of `xs` (0 for none). */
export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return xs.length ? s / xs.length : 0;
}

/** A held-out positive example as a prompt that leads into the behavior (its text and where its span starts). */
export interface LeadIn {
  readonly text: string;
  readonly from: number;
}

/**
 * The prompt of a correction measurement: dialogue — the example's text up to its span, i.e. ending just after the
 * opening quotation mark; the others — the whole text, ending just before the labelling character (the closing
 * bracket of a JSON document, the `!` or `?` of a spoken sentence).
 */
export function leadInPrompt(behavior: BuiltinBehavior, example: LeadIn): string {
  return behavior === 'dialogue' ? example.text.slice(0, example.from) : example.text;
}
