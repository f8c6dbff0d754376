// Pieces of OpenAI's response shapes shared by chat and completions: usage, finish reasons, per-token logprobs,
// and the stream's error chunk. Response schemas describe what a client can rely on, so fields other
// OpenAI-compatible servers may leave out are optional; unknown fields are kept out of the parsed value.
import { z } from 'zod';
import { appliedSteeringSchema } from './steering-fields.ts';

export const usageSchema = z.object({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number(),
});
export type Usage = z.infer<typeof usageSchema>;

/** Local finish reasons are 'stop' and 'length'; other servers may send more (tool_calls, content_filter…). */
export const finishReasonSchema = z.string();
export type FinishReason = 'stop' | 'length';

const topLogprobSchema = z.object({
  token: z.string(),
  logprob: z.number(),
  bytes: z.array(z.number()).nullish(),
});

export const tokenLogprobSchema = z.object({
  token: z.string(),
  logprob: z.number(),
  bytes: z.array(z.number()).nullish(),
  top_logprobs: z.array(topLogprobSchema).default([]),
});
export type TokenLogprob = z.input<typeof tokenLogprobSchema>;

/** axplay's extras on an OpenAI answer or chunk (OpenAI clients ignore the key): what steering was applied, and
 * per-token and policy data described where they are produced. */
export const axionicExtrasSchema = z.looseObject({
  steering: appliedSteeringSchema.nullable().optional(),
});

/** A failure after a /v1 stream started: one chunk with `error`, then `data: [DONE]`. */
export const streamErrorChunkSchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.string().nullish(),
    code: z.string().nullish(),
    param: z.string().nullish(),
  }),
});
