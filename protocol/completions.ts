// POST /v1/completions: OpenAI's legacy completions request with Axionic's extensions, and its response shapes.
import { z } from 'zod';
import { MAX_PROMPT_CHARS, MAX_PROMPTS } from './limits.ts';
import { axionicExtrasSchema, finishReasonSchema, usageSchema } from './openai-common.ts';
import { openaiPolicyFields } from './policy.ts';
import { openaiBehaviorFields } from './sae.ts';
import { laterFields, ranged, samplingFields } from './sampling.ts';
import { steeringFields } from './steering-fields.ts';

export const completionRequestSchema = z.object({
  ...samplingFields,
  ...laterFields,
  ...openaiBehaviorFields,
  ...openaiPolicyFields,
  ...steeringFields,
  prompt: z.union([
    z.string().max(MAX_PROMPT_CHARS),
    z.array(z.string().max(MAX_PROMPT_CHARS)).min(1).max(MAX_PROMPTS),
  ]),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
  logprobs: ranged('logprobs').nullish(),
  echo: z.boolean().nullish(),
  suffix: z.string().nullish(),
  best_of: z.int().min(1).max(1).nullish(),
});
export type CompletionRequest = z.infer<typeof completionRequestSchema>;

/** OpenAI's legacy logprobs: parallel lists, one entry per token (the first echoed prompt token has null). */
export const completionLogprobsSchema = z.object({
  tokens: z.array(z.string()),
  token_logprobs: z.array(z.number().nullable()),
  top_logprobs: z.array(z.record(z.string(), z.number()).nullable()).nullish(),
  text_offset: z.array(z.number()).nullish(),
});
export type CompletionLogprobs = z.input<typeof completionLogprobsSchema>;

const choiceSchema = z.object({
  text: z.string(),
  index: z.number(),
  logprobs: completionLogprobsSchema.nullish(),
  finish_reason: finishReasonSchema.nullable(),
});

export const completionSchema = z.object({
  id: z.string(),
  object: z.literal('text_completion'),
  created: z.number(),
  model: z.string(),
  system_fingerprint: z.string().nullish(),
  choices: z.array(choiceSchema),
  usage: usageSchema.nullish(),
  axionic: axionicExtrasSchema.optional(),
});
export type Completion = z.input<typeof completionSchema>;

/** A stream chunk of /v1/completions has the response's shape (OpenAI sends `object: "text_completion"`). */
export const completionChunkSchema = completionSchema;
export type CompletionChunk = z.input<typeof completionChunkSchema>;
