// POST /generate (Axionic "Run Steered Gen"): a prompt in, status frames out over SSE.
import { z } from 'zod';
import type { Usage } from './chat.ts';
import { MAX_PROMPT_CHARS, MAX_TOKENS_CAP } from './limits.ts';
import { samplingMethods } from './sampling.ts';

export const runRequestSchema = z.object({
  prompt: z.string().max(MAX_PROMPT_CHARS),
  model: z.string().max(200).nullish(),
  max_tokens: z.int().min(1).max(MAX_TOKENS_CAP).nullish(),
  sampling_method: z.enum(samplingMethods).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_k: z.int().min(0).nullish(),
  top_p: z.number().gt(0).max(1).nullish(),
  min_p: z.number().min(0).max(1).nullish(),
  typical_p: z.number().gt(0).max(1).nullish(),
  seed: z
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .nullish(),
  stop: z.union([z.string().min(1).max(64), z.array(z.string().min(1).max(64)).max(4)]).nullish(),
  steering_vector_id: z.unknown().optional(),
  steering_strength: z.number().nullish(),
  ads_subset_size: z.unknown().optional(),
  ads_beta: z.unknown().optional(),
});
export type RunRequest = z.infer<typeof runRequestSchema>;

export type GenerateFrame =
  | { status: 'started'; request_id: string; model: string; max_tokens: number }
  | { status: 'token'; index: number; token: string; text: string; token_id: number; logprob: number }
  | {
      status: 'complete';
      result: {
        output: string;
        model: string;
        sampling_method: string;
        steering: null;
        finish_reason: 'stop' | 'length';
        usage: Usage;
        latency_ms: number;
      };
    }
  | { status: 'error'; message: string; code: string; http_status: number };
