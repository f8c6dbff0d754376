// Request fields shared by the generation routes: OpenAI's sampling fields, Axionic's extensions, and the
// fields of features that have not landed locally (accepted only when null, empty or at their default).
import { z } from 'zod';
import { FIELD_RANGES, MAX_MODEL_ID_CHARS, MAX_STOP_CHARS, MAX_STOP_SEQUENCES, type RangedField } from './limits.ts';

export const samplingMethods = ['greedy', 'top-k', 'top-p', 'min-p', 'typical'] as const;
export type SamplingMethodName = (typeof samplingMethods)[number];

/** A number schema with the field's range from FIELD_RANGES (null and absent allowed). */
export function ranged(field: RangedField) {
  const r: (typeof FIELD_RANGES)[RangedField] & { exclusiveMin?: boolean; integer?: boolean; max?: number } =
    FIELD_RANGES[field];
  let s = r.integer ? z.int() : z.number();
  s = r.exclusiveMin ? s.gt(r.min) : s.min(r.min);
  if (r.max !== undefined) s = s.max(r.max);
  return s;
}

export const stopSchema = z
  .union([
    z.string().min(1).max(MAX_STOP_CHARS),
    z.array(z.string().min(1).max(MAX_STOP_CHARS)).max(MAX_STOP_SEQUENCES),
  ])
  .nullish();

export const logitBiasSchema = z
  .record(z.string().regex(/^\d+$/, 'keys must be token ids'), ranged('logit_bias'))
  .nullish();

export const modelFieldSchema = z.string().max(MAX_MODEL_ID_CHARS).nullish();

export const samplingFields = {
  model: modelFieldSchema,
  max_tokens: ranged('max_tokens').nullish(),
  temperature: ranged('temperature').nullish(),
  top_p: ranged('top_p').nullish(),
  top_k: ranged('top_k').nullish(),
  min_p: ranged('min_p').nullish(),
  typical_p: ranged('typical_p').nullish(),
  repetition_penalty: ranged('repetition_penalty').nullish(),
  presence_penalty: ranged('presence_penalty').nullish(),
  frequency_penalty: ranged('frequency_penalty').nullish(),
  logit_bias: logitBiasSchema,
  seed: ranged('seed').nullish(),
  stop: stopSchema,
  sampling_method: z.enum(samplingMethods).nullish(),
  n: ranged('n').nullish(),
  user: z.string().nullish(),
} as const;

/** Fields of features that arrive in later issues: accepted only when null, empty or at their default. */
export const laterFields = {
  policy: z.unknown().optional(),
  policy_id: z.unknown().optional(),
  behavior_names: z.unknown().optional(),
  force_steering: z.unknown().optional(),
  ads_subset_size: z.unknown().optional(),
  ads_beta: z.unknown().optional(),
  response_format: z.unknown().optional(),
  tools: z.unknown().optional(),
  tool_choice: z.unknown().optional(),
} as const;

/** The name of the first later-issue field that is set to something other than null, empty or its default. */
export function unsupportedField(body: Record<string, unknown>, own: readonly string[] = []): string | undefined {
  for (const key of Object.keys(laterFields)) {
    if (own.includes(key)) continue; // a route whose own schema has the field (the policies routes: policy)
    const v = body[key];
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    return key;
  }
  return undefined;
}
