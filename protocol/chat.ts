// POST /v1/chat/completions: OpenAI's chat request with Axionic's extensions, and the response and chunk shapes.
import { z } from 'zod';
import { MAX_MESSAGES, MAX_PROMPT_CHARS } from './limits.ts';
import { axionicExtrasSchema, finishReasonSchema, tokenLogprobSchema, usageSchema } from './openai-common.ts';
import { openaiPolicyFields } from './policy.ts';
import { openaiBehaviorFields } from './sae.ts';
import { laterFields, ranged, samplingFields } from './sampling.ts';
import { steeringFields } from './steering-fields.ts';

export const chatRoles = ['system', 'user', 'assistant'] as const;
export type ChatRole = (typeof chatRoles)[number];

export const chatMessageSchema = z.object({
  role: z.enum(chatRoles),
  content: z.string().max(MAX_PROMPT_CHARS),
  name: z.string().nullish(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const chatCompletionRequestSchema = z.object({
  ...samplingFields,
  ...laterFields,
  ...openaiBehaviorFields,
  ...openaiPolicyFields,
  ...steeringFields,
  messages: z.array(chatMessageSchema).min(1).max(MAX_MESSAGES),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: ranged('top_logprobs').nullish(),
  /** Extension (vLLM's name): continue the final assistant message instead of starting a new one. */
  continue_final_message: z.boolean().nullish(),
});
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

const chatLogprobsSchema = z.object({ content: z.array(tokenLogprobSchema).nullish() }).nullish();

export const chatCompletionSchema = z.object({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.number(),
  model: z.string(),
  system_fingerprint: z.string().nullish(),
  choices: z.array(
    z.object({
      index: z.number(),
      message: z.object({ role: z.literal('assistant'), content: z.string().nullable() }),
      finish_reason: finishReasonSchema.nullable(),
      logprobs: chatLogprobsSchema,
    }),
  ),
  usage: usageSchema.nullish(),
  axionic: axionicExtrasSchema.optional(),
});
export type ChatCompletion = z.input<typeof chatCompletionSchema>;

export const chatCompletionChunkSchema = z.object({
  id: z.string(),
  object: z.literal('chat.completion.chunk'),
  created: z.number(),
  model: z.string(),
  system_fingerprint: z.string().nullish(),
  choices: z.array(
    z.object({
      index: z.number(),
      delta: z.object({ role: z.literal('assistant').optional(), content: z.string().nullish() }),
      finish_reason: finishReasonSchema.nullable(),
      logprobs: chatLogprobsSchema,
    }),
  ),
  usage: usageSchema.nullish(),
  axionic: axionicExtrasSchema.optional(),
});
export type ChatCompletionChunk = z.input<typeof chatCompletionChunkSchema>;
