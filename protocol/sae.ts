// SAE-monitored generation and behaviors on the wire (axionic-api.md §3.5, §3.7, with the decisions of the SAE
// issue that replace them where they differ):
// - POST /sae/generate: a prompt in; SSE frames out — `started` (the behaviors, their mode and threshold, the hook),
//   `token` frames (the text delta, `index`, `attempt`, per-behavior `{score, drift}`, and with
//   `include_activations` the top latents with their labels), `correction` frames, and exactly one terminal
//   `complete` (result.text: what mx.sae.generate returns, plus a per-behavior summary) or `error`.
// - A behavior's per-token `score` is a calibrated probability in [0, 1] (not §3.5's cosine). Drift = the score
//   above the behavior's threshold for at least DRIFT_RUN consecutive tokens. A `correction` frame at index i keeps
//   tokens 0…i−1 (i = where the drift began) and the next attempt's token frames continue from index i, so the kept
//   prefix plus the final attempt's deltas equals result.text.
// - Behaviors: POST /behaviors/create with the SDK's body; GET /behaviors in the contract's `{behaviors: [...]}`.
// - GET /sae/features (extension, paged): the SAE's latents with their automatic labels.
import { z } from 'zod';
import { nativeErrorFrameSchema } from './generate.ts';
import { MAX_PROMPT_CHARS } from './limits.ts';
import { usageSchema } from './openai-common.ts';
import { modelFieldSchema, ranged, samplingMethods } from './sampling.ts';

/** max_new_tokens when it is left out (the contract's SAERunRequest default). */
export const DEFAULT_SAE_MAX_NEW_TOKENS = 50;
/** Tokens the score must stay above the threshold for, in a row, to be drift. */
export const DRIFT_RUN = 3;
/** Attempts one /sae/generate makes at most (the first and up to two corrections). */
export const MAX_ATTEMPTS = 3;
/** Behaviors one request may name (monitored and forced together). */
export const MAX_BEHAVIORS = 16;
/** Latents a token frame may list. */
export const MAX_TOP_K_FEATURES = 32;

const behaviorNameSchema = z.string().min(1).max(200);

/** `behavior_names` / `force_steering` on the /v1 routes (OpenAI clients send them in extra_body). */
export const openaiBehaviorFields = {
  behavior_names: z.array(behaviorNameSchema).max(MAX_BEHAVIORS).nullish(),
  force_steering: z.array(behaviorNameSchema).max(MAX_BEHAVIORS).nullish(),
};

// ---- POST /sae/generate

export const saeGenerateRequestSchema = z.object({
  prompt: z.string().max(MAX_PROMPT_CHARS),
  model: modelFieldSchema,
  max_new_tokens: ranged('max_tokens').nullish(),
  /** Behaviors to monitor (corrected on drift). */
  behavior_names: z.array(behaviorNameSchema).max(MAX_BEHAVIORS).nullish(),
  /** Behaviors whose vectors apply from the start. */
  force_steering: z.array(behaviorNameSchema).max(MAX_BEHAVIORS).nullish(),
  temperature: ranged('temperature').nullish(),
  top_p: ranged('top_p').nullish(),
  top_k: ranged('top_k').nullish(),
  seed: ranged('seed').nullish(),
  sampling_method: z.enum(samplingMethods).nullish(),
  /** Extension: list each token's top latents (with labels) in its frame. */
  include_activations: z.boolean().nullish(),
  top_k_features: z.int().min(1).max(MAX_TOP_K_FEATURES).nullish(),
  /** Older SDKs sent it: false monitors without correcting (report only); absent or true corrects. */
  auto_correct: z.boolean().nullish(),
});
export type SaeGenerateRequest = z.infer<typeof saeGenerateRequestSchema>;

export const behaviorModeSchema = z.enum(['monitor', 'forced']);

export const saeStartedFrameSchema = z.object({
  status: z.literal('started'),
  request_id: z.string(),
  model: z.string(),
  /** The SAE's hook (TransformerLens name) and release id; the contract's example leaves the hook to each behavior. */
  hook: z.string().optional(),
  sae_release: z.string(),
  max_new_tokens: z.number(),
  behaviors: z.array(
    z.object({
      name: z.string(),
      behavior_id: z.string(),
      mode: behaviorModeSchema,
      threshold: z.number(),
      steering_vector_id: z.string().nullable(),
      hook: z.string(),
    }),
  ),
});

/** A latent active at a token, with its automatic label. */
export const activeFeatureSchema = z.object({
  /** The SAE's hook. */
  sae: z.string(),
  index: z.number(),
  value: z.number(),
  label: z.string().nullable().optional(),
});

export const behaviorReadingSchema = z.object({
  /** Calibrated probability that the behavior is present at this token. */
  score: z.number().min(0).max(1),
  /** Whether this token is inside a run of DRIFT_RUN or more tokens above the threshold. */
  drift: z.boolean(),
  forced: z.boolean().optional(),
});

export const saeTokenFrameSchema = z.object({
  status: z.literal('token'),
  /** 1-based; a new attempt restarts from the correction's index. */
  attempt: z.number(),
  /** Position in the generated text (the kept prefix's tokens keep theirs). */
  index: z.number(),
  token: z.string(),
  /** The delta the client appends. */
  text: z.string(),
  token_id: z.number().optional(),
  behaviors: z.record(z.string(), behaviorReadingSchema),
  features: z.array(activeFeatureSchema).optional(),
});

export const saeCorrectionFrameSchema = z.object({
  status: z.literal('correction'),
  /** The attempt that drifted. */
  attempt: z.number(),
  /** Where the drift began: tokens before it are kept, the next attempt continues from here. */
  index: z.number(),
  behavior: z.string(),
  score: z.number(),
  threshold: z.number(),
  action: z.enum(['regenerate', 'give_up']),
  steering_vector_id: z.string().nullable(),
  strength: z.number(),
  message: z.string(),
});

export const behaviorSummarySchema = z.object({
  name: z.string(),
  mode: behaviorModeSchema,
  threshold: z.number().optional(),
  max_score: z.number().optional(),
  drift_detected: z.boolean().optional(),
  corrected: z.boolean().optional(),
  correction_index: z.number().nullable().optional(),
  applied: z.boolean().optional(),
  /** After MAX_ATTEMPTS the best attempt is kept: says so. */
  note: z.string().nullable().optional(),
});

export const saeResultSchema = z.object({
  /** What mx.sae.generate returns. */
  text: z.string(),
  output: z.string().optional(),
  model: z.string().optional(),
  attempts: z.number(),
  corrected: z.boolean(),
  finish_reason: z.string().optional(),
  behaviors: z.array(behaviorSummarySchema),
  usage: usageSchema.optional(),
  latency_ms: z.number().optional(),
});
export type SaeResult = z.infer<typeof saeResultSchema>;

export const saeGenerateFrameSchema = z.discriminatedUnion('status', [
  saeStartedFrameSchema,
  z.object({ status: z.literal('processing'), message: z.string().optional(), progress: z.number().optional() }),
  saeTokenFrameSchema,
  saeCorrectionFrameSchema,
  z.object({ status: z.literal('complete'), result: saeResultSchema }),
  nativeErrorFrameSchema,
]);
export type SaeGenerateFrame = z.input<typeof saeGenerateFrameSchema>;

// ---- behaviors

/** The SDK's BehaviorRequest (mx.sae.create_behavior), plus `model`. */
export const behaviorCreateRequestSchema = z.object({
  behavior_name: behaviorNameSchema,
  prompts: z.array(z.string().max(MAX_PROMPT_CHARS)).max(10_000).default([]),
  positive_answers: z.array(z.string().max(MAX_PROMPT_CHARS)).max(10_000),
  negative_answers: z.array(z.string().max(MAX_PROMPT_CHARS)).max(10_000).nullish(),
  description: z.string().max(2000).nullish(),
  /** The correction vector; made from the same pairs when none is given. */
  steering_vector_id: z.string().max(200).nullish(),
  model: modelFieldSchema,
});
export type BehaviorCreateRequest = z.infer<typeof behaviorCreateRequestSchema>;

export const behaviorSchema = z.object({
  id: z.string(),
  behavior_name: z.string(),
  description: z.string().nullable(),
  steering_vector_id: z.string().nullable(),
  model_id: z.string().nullable(),
  hook_name: z.string(),
  sae_release: z.string().nullable(),
  created_at: z.string().nullable(),
  // extensions
  built_in: z.boolean().optional(),
  threshold: z.number().optional(),
  /** Cross-validated separation of the behavior's score on its own examples (AUC). */
  separation_auc: z.number().nullable().optional(),
  /** Measured on held-out negative generations: the fraction that trigger drift. */
  false_trigger_rate: z.number().nullable().optional(),
});
export type Behavior = z.infer<typeof behaviorSchema>;
export const behaviorListSchema = z.object({ behaviors: z.array(behaviorSchema) });
export const behaviorRenameRequestSchema = z.object({ behavior_name: behaviorNameSchema });
export const behaviorDeleteResponseSchema = z.object({ deleted: z.boolean(), behavior_id: z.string() });

// ---- GET /sae/features (extension, paged)

/** Latents one page of /sae/features holds at most. */
export const MAX_FEATURE_PAGE = 256;

export const saeFeatureSchema = z.object({
  index: z.number(),
  /** The best labeller's words when its AUC reaches the documented bar, else "unlabelled". */
  label: z.string(),
  label_auc: z.number().nullable(),
  /** Of the characters where the latent is active, the fraction where the label holds; and the converse. */
  precision: z.number().nullable().optional(),
  recall: z.number().nullable().optional(),
  /** The best few labellers by AUC (the first is the label's when labelled). */
  candidates: z.array(z.object({ id: z.string(), label: z.string(), auc: z.number() })).optional(),
  /** Fraction of held-out characters where the latent is active. */
  density: z.number(),
  dead: z.boolean(),
  /** Top-activating contexts on held-out text: the window and where the active character is in it. */
  top_contexts: z.array(z.object({ text: z.string(), at: z.number(), value: z.number() })),
});
export const saeFeaturePageSchema = z.object({
  hook: z.string(),
  sae_release: z.string(),
  total: z.number(),
  offset: z.number(),
  features: z.array(saeFeatureSchema),
});
