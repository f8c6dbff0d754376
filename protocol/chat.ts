// POST /v1/chat/completions: OpenAI's chat request with Axionic's extensions, and the response and chunk shapes.
import { z } from 'zod';
import { MAX_PROMPT_CHARS } from './limits.ts';
import { laterFields, samplingFields } from './sampling.ts';

export const chatRoles = ['system', 'user', 'assistant'] as const;

export const chatMessageSchema = z.object({
  role: z.enum(chatRoles),
  content: z.string().max(MAX_PROMPT_CHARS),
  name: z.string().nullish(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const chatCompletionRequestSchema = z.object({
  ...samplingFields,
  ...laterFields,
  messages: z.array(chatMessageSchema).min(1).max(200),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.int().min(0).max(20).nullish(),
});
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

export interface TokenLogprob {
  token: string;
  logprob: number;
  bytes: number[];
  top_logprobs: { token: string; logprob: number; bytes: number[] }[];
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export type FinishReason = 'stop' | 'length';

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  system_fingerprint: string;
  choices: {
    index: number;
    message: { role: 'assistant'; content: string };
    finish_reason: FinishReason;
    logprobs: { content: TokenLogprob[] } | null;
  }[];
  usage: Usage;
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  system_fingerprint: string;
  choices: {
    index: number;
    delta: { role?: 'assistant'; content?: string };
    finish_reason: FinishReason | null;
    logprobs?: { content: TokenLogprob[] } | null;
  }[];
  usage?: Usage | null;
}
