// POST /sampling/generate: direct decoding strategies and guided generation. A prompt, a `method`, `params`, and at
// most one constraint (`json_schema`, `regex_pattern`, `grammar`); the answer is plain JSON — or, with the
// `stream: true` extension, the native status frames of /generate whose `complete` result is that same JSON.
import { z } from 'zod';
import { nativeErrorFrameSchema, nativeStartedFrameSchema, nativeTokenFrameSchema } from './generate.ts';
import { MAX_PROMPT_CHARS } from './limits.ts';
import { usageSchema } from './openai-common.ts';
import { modelFieldSchema, ranged, samplingFields } from './sampling.ts';
import { appliedSteeringSchema, steeringFields } from './steering-fields.ts';

/** Sampling parameters in `params` (an unknown key is refused with its name, not ignored). */
export const samplingParamsSchema = z
  .object(samplingFields)
  .pick({
    temperature: true,
    top_p: true,
    top_k: true,
    min_p: true,
    typical_p: true,
    repetition_penalty: true,
    presence_penalty: true,
    frequency_penalty: true,
    seed: true,
    stop: true,
  })
  .strict();

/** The whitespace policies of JSON Schema outputs (the first is the default: `{"a": 1, "b": [2, 3]}`). */
export const jsonWhitespacePolicies = ['spaced', 'compact', 'flexible'] as const;

/** Extension: how a `json_schema` is compiled (whitespace policy; `lenient` skips unimplemented keywords). */
export const jsonSchemaOptionsSchema = z
  .object({
    whitespace: z.enum(jsonWhitespacePolicies).optional(),
    lenient: z.boolean().optional(),
  })
  .strict();

export const samplingRequestSchema = z.object({
  prompt: z.string().max(MAX_PROMPT_CHARS),
  model: modelFieldSchema,
  method: z.string().max(64).nullish(),
  max_new_tokens: ranged('max_tokens').nullish(),
  params: samplingParamsSchema.nullish(),
  json_schema: z.unknown().optional(),
  regex_pattern: z.string().nullish(),
  grammar: z.string().nullish(),
  json_schema_options: jsonSchemaOptionsSchema.nullish(),
  /** Extension: stream the run as the native status frames (started, token…, complete). */
  stream: z.boolean().nullish(),
  /** Extension: steering, as on the other generation routes. */
  ...steeringFields,
  // fields of methods and features the local runtime does not have: accepted when null or empty
  draft_model: z.unknown().optional(),
  ensemble_models: z.unknown().optional(),
  best_of_n: z.unknown().optional(),
  policy: z.unknown().optional(),
  policy_id: z.unknown().optional(),
});
export type SamplingRequest = z.infer<typeof samplingRequestSchema>;

export const constraintKinds = ['json_schema', 'regex', 'grammar'] as const;

export const samplingResponseSchema = z.object({
  output: z.string(),
  method_used: z.string(),
  /** Whether the output satisfies the constraint, checked independently after generation (null: no constraint). */
  valid: z.boolean().nullable().optional(),
  validation_error: z.string().nullable().optional(),
  fell_back: z.boolean().optional(),
  fallback_reason: z.string().nullable().optional(),
  finish_reason: z.string().optional(),
  usage: usageSchema.optional(),
  constraint: z
    .object({
      kind: z.enum(constraintKinds),
      min_chars: z.number(),
      /** JSON Schema only: the whitespace policy used, keywords ignored (outside the vocabularies, unknown
       * formats) and keywords skipped under `lenient` (left to the validator), each as a JSON pointer. */
      whitespace: z.enum(jsonWhitespacePolicies).optional(),
      ignored_keywords: z.array(z.string()).optional(),
      skipped_keywords: z.array(z.string()).optional(),
    })
    .nullable()
    .optional(),
  model: z.string().optional(),
  latency_ms: z.number().optional(),
  /** What steering was applied (null: no vector named). */
  steering: appliedSteeringSchema.nullable().optional(),
});
export type SamplingResponse = z.input<typeof samplingResponseSchema>;

export const samplingFrameSchema = z.discriminatedUnion('status', [
  nativeStartedFrameSchema.extend({ method: z.string().optional() }),
  nativeTokenFrameSchema,
  z.object({ status: z.literal('complete'), result: samplingResponseSchema }),
  nativeErrorFrameSchema,
]);
export type SamplingFrame = z.input<typeof samplingFrameSchema>;
