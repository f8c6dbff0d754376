// POST /v1/completions: OpenAI's legacy completions request with Axionic's extensions.
import { z } from 'zod';
import type { FinishReason, Usage } from './chat.ts';
import { MAX_PROMPT_CHARS } from './limits.ts';
import { laterFields, samplingFields } from './sampling.ts';

export const completionRequestSchema = z.object({
  ...samplingFields,
  ...laterFields,
  prompt: z.union([z.string().max(MAX_PROMPT_CHARS), z.array(z.string().max(MAX_PROMPT_CHARS)).min(1).max(8)]),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
  logprobs: z.int().min(0).max(5).nullish(),
  echo: z.boolean().nullish(),
  suffix: z.string().nullish(),
  best_of: z.int().min(1).max(1).nullish(),
});
export type CompletionRequest = z.infer<typeof completionRequestSchema>;

export interface CompletionLogprobs {
  tokens: string[];
  token_logprobs: (number | null)[];
  top_logprobs: (Record<string, number> | null)[];
  text_offset: number[];
}

export interface Completion {
  id: string;
  object: 'text_completion';
  created: number;
  model: string;
  system_fingerprint: string;
  choices: { text: string; index: number; logprobs: CompletionLogprobs | null; finish_reason: FinishReason }[];
  usage: Usage;
}
