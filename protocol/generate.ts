// POST /generate (Axionic "Run Steered Gen", mechanex's simple path): a prompt in, status frames out over SSE —
// `started`, one `token` frame per character, then exactly one terminal `complete` (result.output) or `error`.
// `Accept: application/json` (or ?stream=false) answers the `complete` frame's result as plain JSON instead.
import { z } from 'zod';
import { MAX_PROMPT_CHARS } from './limits.ts';
import { usageSchema } from './openai-common.ts';
import { modelFieldSchema, ranged, samplingMethods, stopSchema } from './sampling.ts';
import { appliedSteeringSchema, steeringFields } from './steering-fields.ts';

export const runRequestSchema = z.object({
  prompt: z.string().max(MAX_PROMPT_CHARS),
  model: modelFieldSchema,
  max_tokens: ranged('max_tokens').nullish(),
  sampling_method: z.enum(samplingMethods).nullish(),
  temperature: ranged('temperature').nullish(),
  top_k: ranged('top_k').nullish(),
  top_p: ranged('top_p').nullish(),
  min_p: ranged('min_p').nullish(),
  typical_p: ranged('typical_p').nullish(),
  seed: ranged('seed').nullish(),
  stop: stopSchema,
  ...steeringFields,
  ads_subset_size: z.unknown().optional(),
  ads_beta: z.unknown().optional(),
});
export type RunRequest = z.infer<typeof runRequestSchema>;

export const generateResultSchema = z.object({
  output: z.string(),
  model: z.string().optional(),
  sampling_method: z.string().optional(),
  /** What was applied (null: no vector named). */
  steering: appliedSteeringSchema.nullable().optional(),
  finish_reason: z.string().optional(),
  usage: usageSchema.optional(),
  latency_ms: z.number().optional(),
});
export type GenerateResult = z.input<typeof generateResultSchema>;

export const nativeErrorFrameSchema = z.object({
  status: z.literal('error'),
  message: z.string(),
  code: z.string().optional(),
  http_status: z.number().optional(),
});

export const nativeStartedFrameSchema = z.object({
  status: z.literal('started'),
  request_id: z.string(),
  model: z.string(),
  max_tokens: z.number(),
});

/** One generated character of a native stream. */
export const nativeTokenFrameSchema = z.object({
  status: z.literal('token'),
  index: z.number(),
  token: z.string(),
  text: z.string(),
  token_id: z.number().optional(),
  logprob: z.number().optional(),
});

/** Frames a native SSE route may send; mechanex treats any status it does not know as progress. */
export const generateFrameSchema = z.discriminatedUnion('status', [
  nativeStartedFrameSchema,
  z.object({ status: z.literal('processing'), message: z.string().optional(), progress: z.number().optional() }),
  nativeTokenFrameSchema,
  z.object({ status: z.literal('complete'), result: generateResultSchema }),
  nativeErrorFrameSchema,
]);
export type GenerateFrame = z.input<typeof generateFrameSchema>;
