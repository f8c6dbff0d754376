// Limits and ranges the server enforces and the browser's forms show: one source for both. The zod schemas of the
// request bodies are built from FIELD_RANGES, and the params form reads the same entries for its min/max/step.
export const MAX_TOKENS_CAP = 4096;
export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_PROMPT_CHARS = 200_000;
export const MAX_MESSAGES = 200;
export const MAX_PROMPTS = 8;
export const MAX_STOP_SEQUENCES = 4;
export const MAX_STOP_CHARS = 64;
export const MAX_MODEL_ID_CHARS = 200;
/** `top_logprobs` on chat: alternatives per token. */
export const MAX_TOP_LOGPROBS = 20;
/** `logprobs` on legacy completions: alternatives per token. */
export const MAX_LEGACY_LOGPROBS = 5;
export const MAX_SEED = 2 ** 32 - 1;

/** A numeric request field's accepted range. `exclusiveMin`: the minimum itself is refused. */
export interface NumericRange {
  readonly min: number;
  readonly max?: number;
  readonly exclusiveMin?: boolean;
  readonly integer?: boolean;
  /** The step a form control uses. */
  readonly step: number;
}

export const FIELD_RANGES = {
  max_tokens: { min: 1, max: MAX_TOKENS_CAP, integer: true, step: 1 },
  temperature: { min: 0, max: 2, step: 0.05 },
  top_p: { min: 0, exclusiveMin: true, max: 1, step: 0.01 },
  top_k: { min: 0, integer: true, step: 1 },
  min_p: { min: 0, max: 1, step: 0.01 },
  typical_p: { min: 0, exclusiveMin: true, max: 1, step: 0.01 },
  repetition_penalty: { min: 0, exclusiveMin: true, max: 10, step: 0.05 },
  presence_penalty: { min: -2, max: 2, step: 0.1 },
  frequency_penalty: { min: -2, max: 2, step: 0.1 },
  seed: { min: 0, max: MAX_SEED, integer: true, step: 1 },
  n: { min: 1, max: 8, integer: true, step: 1 },
  top_logprobs: { min: 0, max: MAX_TOP_LOGPROBS, integer: true, step: 1 },
  logprobs: { min: 0, max: MAX_LEGACY_LOGPROBS, integer: true, step: 1 },
  logit_bias: { min: -100, max: 100, step: 1 },
} as const satisfies Record<string, NumericRange>;

export type RangedField = keyof typeof FIELD_RANGES;

/** Why a value is outside a field's range, in words; undefined when it is inside. */
export function rangeProblem(field: RangedField, v: number): string | undefined {
  const r: NumericRange = FIELD_RANGES[field];
  if (!Number.isFinite(v)) return 'must be a number';
  if (r.integer && !Number.isInteger(v)) return 'must be a whole number';
  if (r.exclusiveMin ? v <= r.min : v < r.min)
    return r.exclusiveMin ? `must be more than ${r.min}` : `must be at least ${r.min}`;
  if (r.max !== undefined && v > r.max) return `must be at most ${r.max}`;
  return undefined;
}
