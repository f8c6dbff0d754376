// Model listing and introspection: GET /models (the contract's HostedModel[], with axplay's extensions), GET
// /v1/models (OpenAI's list), GET /graph (hook points), GET /health, and the two /auth routes the SDKs use.
import { z } from 'zod';
import { chatTemplateSchema } from './chat-template.ts';

export const hostedModelSchema = z.object({
  id: z.string(),
  name: z.string(),
  base_url: z.string().nullish(),
  is_default: z.boolean().nullish(),
  is_active: z.boolean().nullish(),
  created_at: z.string().nullish(),
  required_auth: z.boolean().nullish(),
  description: z.string().nullish(),
  hf_model_name: z.string().nullish(),
  sae_release_id: z.string().nullish(),
  trainable: z.boolean().nullish(),
  inference_only: z.boolean().nullish(),
  // axplay extensions (absent on the hosted API)
  context_length: z.number().optional(),
  tokenizer: z.string().optional(),
  chat_template: chatTemplateSchema.optional(),
  sampling_method_defaults: z.record(z.string(), z.record(z.string(), z.number())).optional(),
  capabilities: z.record(z.string(), z.boolean()).optional(),
});
export type HostedModel = z.input<typeof hostedModelSchema>;
export const hostedModelListSchema = z.array(hostedModelSchema);

export const openaiModelSchema = z.object({
  id: z.string(),
  object: z.literal('model'),
  created: z.number().optional(),
  owned_by: z.string().optional(),
  axionic: z.record(z.string(), z.unknown()).optional(),
});
export const openaiModelListSchema = z.object({ object: z.literal('list'), data: z.array(openaiModelSchema) });

export const graphSchema = z.object({
  graph: z.array(z.object({ name: z.string(), type: z.string(), layer: z.number(), shape: z.array(z.number()) })),
});

export const healthSchema = z.object({
  status: z.string(),
  model: z.string().optional(),
  device: z.string().optional(),
  num_layers: z.number().optional(),
  workers: z.number().optional(),
  busy: z.number().optional(),
  queued: z.number().optional(),
  /** The local database: ok, recovered (a damaged file was moved aside at start), failing (errors now). */
  storage: z.enum(['ok', 'recovered', 'failing']).optional(),
  /** The server process's resident memory (workers included). */
  memory_mb: z.number().optional(),
});

export const setModelRequestSchema = z.object({ model_name: z.string().min(1) });
export const setModelResponseSchema = z.object({ status: z.string(), model_name: z.string(), model_id: z.string() });
export const verifyKeyResponseSchema = z.object({ valid: z.boolean() });
