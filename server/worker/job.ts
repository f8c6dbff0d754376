// What the server asks a generation worker to do, as plain data (a job crosses the thread boundary by structured
// clone, so it holds no functions or Maps): the prompts and n choices of one request, sampling, stops, logprobs,
// and specs for steering, constraints and monitors that the worker compiles (compile-job.ts). And the typed
// events a worker sends back.
import type { FinishReason } from '../../engine/generate.ts';
import type { BehaviorModelJson } from '../../engine/sae/behavior.ts';

export interface SamplingSpec {
  readonly method: 'greedy' | 'sample';
  readonly temperature: number;
  readonly topK?: number;
  readonly topP?: number;
  readonly minP?: number;
  readonly typicalP?: number;
  readonly repetitionPenalty?: number;
  readonly presencePenalty?: number;
  readonly frequencyPenalty?: number;
  /** [token id, bias] pairs. */
  readonly logitBias?: readonly (readonly [number, number])[];
}

/** Adds strength × vector to the residual stream at `hook`; `tokens` limits it to generated positions [from, to). */
export interface SteeringSpec {
  readonly hook: string;
  readonly vector: readonly number[];
  readonly strength: number;
  readonly tokens?: { readonly from?: number; readonly to?: number };
}

/**
 * A constraint the worker compiles (a registry by kind: regex, grammar; JSON Schema later) into a matcher per
 * choice. `field` names the request field it came from and `budgetField` the request's max-tokens field, for
 * refusals (a constraint that does not compile, or needs more characters than the budget).
 */
export interface ConstraintSpec {
  readonly kind: string;
  readonly source: unknown;
  readonly field: string;
  readonly budgetField: string;
  /** Front-end options (JSON Schema: whitespace, lenient), plain data. */
  readonly options?: Readonly<Record<string, unknown>>;
}

/** A per-token monitor the worker compiles into an observer, by kind (a registry: ./monitors.ts). */
export interface MonitorSpec {
  readonly kind: string;
  readonly name: string;
  readonly [field: string]: unknown;
}

/**
 * What to do when a monitored behavior drifts (the SAE monitor's side data under `monitor` says so): cut the text
 * where the drift began and generate again from there with the behavior's correction steering added (its specs
 * carry the strength, −1 for a correction), at most `maxAttempts` attempts in all; after that, report and go on.
 */
export interface CorrectionSpec {
  /** The side-data key of the monitor whose readings decide (the SAE monitor's name). */
  readonly monitor: string;
  readonly maxAttempts: number;
  readonly behaviors: readonly { readonly name: string; readonly steering: readonly SteeringSpec[] }[];
}

export interface GenerationJob {
  /** One or more prompts (completions take a list); each gets `n` choices, numbered prompt × n + i. */
  readonly prompts: readonly string[];
  readonly n: number;
  readonly maxTokens: number;
  readonly sampling: SamplingSpec;
  /** Choice i of a prompt uses seed + i. */
  readonly seed?: number;
  readonly stop: readonly string[];
  /** Alternatives per generated token (undefined: no logprobs). */
  readonly topLogprobs?: number;
  /** Also score each prompt (echo + logprobs), with this many alternatives. */
  readonly promptLogprobs?: number;
  readonly steering?: readonly SteeringSpec[];
  readonly constraint?: ConstraintSpec;
  /** Substrings the output must never contain (exact, case-sensitive), with or without a constraint. */
  readonly forbiddenTerms?: readonly string[];
  readonly monitors?: readonly MonitorSpec[];
  /** Correct drift of monitored behaviors (without it, monitors only report). */
  readonly correction?: CorrectionSpec;
}

/** One generated token as it crosses to the server: the engine's record plus its choice. */
export interface TokenRecord {
  readonly choice: number;
  readonly index: number;
  readonly token: number;
  readonly text: string;
  readonly logprob: number;
  readonly top?: readonly { readonly token: number; readonly text: string; readonly logprob: number }[];
  readonly attempt: number;
  readonly side?: Readonly<Record<string, unknown>>;
}

export interface PromptTokenLogprob {
  readonly text: string;
  readonly logprob: number | null;
  readonly top: readonly { readonly text: string; readonly logprob: number }[];
}

export interface ChoiceResult {
  readonly choice: number;
  readonly prompt: number;
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly attempts: number;
  readonly promptLogprobs?: readonly PromptTokenLogprob[];
  /** Under a constraint: the independent check of the output, and the fewest characters the constraint needs. */
  readonly constraint?: ConstraintOutcome;
}

export interface ConstraintOutcome {
  readonly kind: string;
  readonly minChars: number;
  readonly valid: boolean;
  readonly error?: string;
  /** What the front end reports about the compiled constraint (JSON Schema: whitespace, ignored/skipped keywords). */
  readonly info?: Readonly<Record<string, unknown>>;
}

export interface JobResult {
  readonly choices: readonly ChoiceResult[];
  /** Prompt tokens counted once per prompt; completion tokens over every choice. */
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly aborted: boolean;
}

/** A refusal of the job's content (a bad hook, a vector of the wrong size…): a 400 naming the field. */
export interface JobRefusal {
  readonly message: string;
  readonly param: string;
}

/** A steering vector from contrast pairs (POST /steering/generate): CAA at each hook, scaled on a neutral text. */
export interface ExtractTask {
  readonly pairs: readonly { readonly prompt: string; readonly positive: string; readonly negative: string }[];
  readonly hooks: readonly string[];
  /** The text each hook's mean residual norm (the stored scale) is measured on; cached per worker. */
  readonly neutral: string;
}

export interface ExtractedLayer {
  readonly hook: string;
  readonly direction: readonly number[];
  readonly rawNorm: number;
  /** The hook's mean residual norm on the neutral text. */
  readonly scale: number;
  /** Leave-one-pair-out projection AUC (null with one pair). */
  readonly auc: number | null;
}

export interface ExtractResult {
  readonly layers: readonly ExtractedLayer[];
  /** Answer-predicting positions read, over both sets. */
  readonly positions: number;
}

/**
 * A behavior's scorer from contrast pairs (POST /behaviors/create): the SAE codes of every answer's characters
 * (./behavior-codes.ts), then the probe, its calibration and threshold (server/behaviors/fit.ts), all on the worker.
 */
export interface BehaviorFitTask {
  readonly name: string;
  /** The served model's SAE file (the worker loads it once). */
  readonly saePath: string;
  readonly pairs: readonly { readonly prompt: string; readonly positive: string; readonly negative: string }[];
}

/** What a behavior's fit measured (the latents' labels are added on the main thread). */
export interface BehaviorFitEvidence {
  /** Cross-validated (grouped by pair) per-character AUC of the probe on its own answers; null: not measurable. */
  readonly separation_auc: number | null;
  readonly positive_answers: number;
  readonly negative_answers: number;
  /** Characters (rows of SAE codes) read from each side. */
  readonly positive_rows: number;
  readonly negative_rows: number;
  readonly folds: number;
  readonly top_latents: readonly { readonly latent: number; readonly weight: number }[];
  /** How the threshold was chosen, in words. */
  readonly threshold_rule: string;
}

export interface BehaviorFitResult {
  readonly scorer: BehaviorModelJson;
  readonly evidence: BehaviorFitEvidence;
}

export type WorkerCommand =
  | { readonly type: 'run'; readonly id: number; readonly job: GenerationJob }
  | { readonly type: 'extract'; readonly id: number; readonly task: ExtractTask }
  | { readonly type: 'behavior-fit'; readonly id: number; readonly task: BehaviorFitTask }
  | { readonly type: 'abort'; readonly id: number };

export type WorkerEvent =
  | { readonly type: 'ready'; readonly ctx: number }
  /** The job compiled and passed validation; generation starts now. */
  | { readonly type: 'accepted'; readonly id: number }
  /** A batch of tokens, in order (several per message: one message per few milliseconds). */
  | { readonly type: 'tokens'; readonly id: number; readonly tokens: readonly TokenRecord[] }
  /** A choice went back to an earlier position: tokens from `fromIndex` on are replaced by a new attempt. */
  | {
      readonly type: 'restart';
      readonly id: number;
      readonly choice: number;
      readonly fromIndex: number;
      readonly attempt: number;
    }
  /**
   * A monitored behavior drifted in `attempt` from token `index` on: 'regenerate' — the tokens from `index` on are
   * dropped and a new attempt follows (a `restart`); 'give_up' — no attempts are left, generation goes on.
   */
  | {
      readonly type: 'correction';
      readonly id: number;
      readonly choice: number;
      readonly index: number;
      readonly attempt: number;
      readonly behavior: string;
      readonly score: number;
      readonly action: 'regenerate' | 'give_up';
    }
  /** One choice ended (its tokens have all been sent). */
  | { readonly type: 'choice'; readonly id: number; readonly result: ChoiceResult }
  | { readonly type: 'done'; readonly id: number; readonly result: JobResult }
  /** An extract task's progress: `done` of `total` examples (pairs × 2) read. */
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number }
  | { readonly type: 'extracted'; readonly id: number; readonly result: ExtractResult }
  | { readonly type: 'behavior-fit'; readonly id: number; readonly result: BehaviorFitResult }
  | { readonly type: 'refused'; readonly id: number; readonly refusal: JobRefusal }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
