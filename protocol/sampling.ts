// Request fields shared by the generation routes: OpenAI's sampling fields, Axionic's extensions, and the
// fields of features that have not landed locally (accepted only when null, empty or at their default).
import { z } from 'zod';
import { MAX_TOKENS_CAP } from './limits.ts';

export const samplingMethods = ['greedy', 'top-k', 'top-p', 'min-p', 'typical'] as const;
export type SamplingMethodName = (typeof samplingMethods)[number];

const num = () => z.number().nullish();

export const stopSchema = z.union([z.string().min(1).max(64), z.array(z.string().min(1).max(64)).max(4)]).nullish();

export const logitBiasSchema = z
  .record(z.string().regex(/^\d+$/, 'keys must be token ids'), z.number().min(-100).max(100))
  .nullish();

export const samplingFields = {
  model: z.string().max(200).nullish(),
  max_tokens: z.int().min(1).max(MAX_TOKENS_CAP).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().gt(0).max(1).nullish(),
  top_k: z.int().min(0).nullish(),
  min_p: z.number().min(0).max(1).nullish(),
  typical_p: z.number().gt(0).max(1).nullish(),
  repetition_penalty: z.number().gt(0).max(10).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  logit_bias: logitBiasSchema,
  seed: z
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .nullish(),
  stop: stopSchema,
  sampling_method: z.enum(samplingMethods).nullish(),
  n: z.int().min(1).max(8).nullish(),
  user: z.string().nullish(),
} as const;

/** Fields of features that arrive in later issues: accepted only when null, empty or at their default. */
export const laterFields = {
  policy: z.unknown().optional(),
  policy_id: z.unknown().optional(),
  steering_vector: z.unknown().optional(),
  steering_vector_id: z.unknown().optional(),
  steering_strength: num(),
  behavior_names: z.unknown().optional(),
  force_steering: z.unknown().optional(),
  ads_subset_size: z.unknown().optional(),
  ads_beta: z.unknown().optional(),
  response_format: z.unknown().optional(),
  tools: z.unknown().optional(),
  tool_choice: z.unknown().optional(),
} as const;

/** The name of the first later-issue field that is set to something other than null, empty or its default. */
export function unsupportedField(body: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(laterFields)) {
    const v = body[key];
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (key === 'steering_strength' && v === 0) continue;
    if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    return key;
  }
  return undefined;
}
