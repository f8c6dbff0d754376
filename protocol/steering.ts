// Steering vectors on the wire: computing one from contrast pairs (POST /steering/generate, SSE), listing,
// downloading, relabelling and deleting them (/steering/vectors…), and /steering/run. The fields that apply a
// vector to a generation are in steering-fields.ts. A stored vector is, per hook, a unit direction times the hook's
// mean residual norm, so strength 1 adds one typical residual norm (axionic-api.md, "What axplay decides" 10).
import { z } from 'zod';
import { nativeErrorFrameSchema, runRequestSchema } from './generate.ts';
import { MAX_PROMPT_CHARS } from './limits.ts';
import { modelFieldSchema } from './sampling.ts';
import { steeringStrengthSchema } from './steering-fields.ts';
import { measureSpecSchema } from './steering-measure.ts';

/** Most contrast pairs one /steering/generate takes. */
export const MAX_STEERING_PAIRS = 256;
/** Most characters over every prompt + answer of one /steering/generate (both sides), so it answers in seconds. */
export const MAX_STEERING_CHARS = 65_536;
/** Ids one bulk delete takes. */
export const MAX_BULK_DELETE = 1000;
/** Methods /steering/generate computes locally: `few-shot` (mechanex's default) is computed as `caa`, and says so. */
export const LOCAL_STEERING_METHODS = ['caa', 'few-shot'] as const;

const idSchema = z.string().min(1).max(200);

// ---- POST /steering/generate

export const steeringGenerateRequestSchema = z.object({
  prompts: z.array(z.string().max(MAX_PROMPT_CHARS)).max(10_000),
  positive_answers: z.array(z.string().max(MAX_PROMPT_CHARS)).max(10_000),
  negative_answers: z.array(z.string().max(MAX_PROMPT_CHARS)).max(10_000).nullish(),
  /** Layers (blocks.L.hook_resid_pre); default: the middle layer. */
  layer_idxs: z.array(z.int()).max(64).nullish(),
  /** `caa`, or `few-shot` (computed as caa, said in `note`); anything else is a 400 naming `method`. */
  method: z.string().max(64).nullish(),
  name: z.string().max(200).nullish(),
  label: z.string().max(200).nullish(),
  category: z.string().max(200).nullish(),
  model: modelFieldSchema,
  // the hosted runtime's optimiser settings: accepted, not used (the note says so when they are set)
  fewshot_iterations: z.unknown().optional(),
  fewshot_lr: z.unknown().optional(),
  refine_lr: z.unknown().optional(),
  refine_steps: z.unknown().optional(),
  sparsity_threshold: z.unknown().optional(),
});
export type SteeringGenerateRequest = z.infer<typeof steeringGenerateRequestSchema>;

const byLayer = <S extends z.ZodType>(s: S) => z.record(z.string(), s);

export const steeringGenerateResultSchema = z.object({
  steering_vector_id: z.string(),
  name: z.string().nullable(),
  label: z.string().nullable(),
  category: z.string().nullable().optional(),
  /** Always `caa` locally. */
  method: z.literal('caa'),
  /** The method the request named, when it differs (`few-shot`). */
  method_requested: z.string().nullable().optional(),
  model_name: z.string(),
  layers: z.array(z.number()),
  nodes: z.array(z.string()),
  /** Per layer key: the norm of the raw mean difference (before normalising). */
  norms: byLayer(z.number()),
  /** Per layer key: the stored scale, the hook's mean residual norm (extension). */
  scales: byLayer(z.number()).optional(),
  created_at: z.string(),
  /** Extension: leave-one-pair-out projection AUC on the request's own pairs, averaged over the layers (null with
   * one pair): near 1 when the examples define a direction, near 0.5 when they do not. */
  separation_auc: z.number().nullable(),
  separation_auc_by_layer: byLayer(z.number().nullable()).optional(),
  pairs: z.number().optional(),
  /** Answer-predicting positions read over both sets. */
  positions: z.number().optional(),
  note: z.string().nullable().optional(),
});
export type SteeringGenerateResult = z.infer<typeof steeringGenerateResultSchema>;

export const steeringSteps = ['tokenize', 'extract', 'optimize', 'save'] as const;

export const steeringGenerateFrameSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('started'),
    request_id: z.string(),
    model: z.string(),
    pairs: z.number(),
    layers: z.array(z.number()),
  }),
  z.object({
    status: z.literal('processing'),
    message: z.string(),
    /** 0–100. */
    progress: z.number(),
    step: z.enum(steeringSteps),
  }),
  z.object({ status: z.literal('complete'), result: steeringGenerateResultSchema }),
  nativeErrorFrameSchema,
]);
export type SteeringGenerateFrame = z.input<typeof steeringGenerateFrameSchema>;

// ---- the vectors

export const steeringVectorLayerSchema = z.object({
  /** The wire key ("3" for blocks.3.hook_resid_pre). */
  key: z.string(),
  hook: z.string(),
  /** The hook's mean residual norm (the applied vector is direction × scale). */
  scale: z.number(),
  raw_norm: z.number(),
});

/**
 * A built-in vector's measured evidence (extension; the model card's figures): the behavioural measure it is judged
 * by, its dose–response (the measure's mean at each tested strength) and the same measure's effect under random
 * directions of the same norm at `control_strength` (the controls a real effect must stand out from).
 */
export const steeringEvidenceSchema = z.object({
  /** The measure in words, with its unit. */
  measure: z.string(),
  /** The measure as data (the browser scores text with it); null when it has no such form. */
  measure_spec: measureSpecSchema.nullable(),
  /** Held-out detection AUC of the direction. */
  auc_heldout: z.number().nullable(),
  /** Spearman correlation of strength and the measure. */
  spearman_rho: z.number().nullable(),
  /** Samples per strength. */
  n_samples: z.number().nullable(),
  /** Sorted by strength; `fluency_cost`: held-out loss increase (nats/char) at that strength. */
  dose: z.array(z.object({ strength: z.number(), value: z.number(), fluency_cost: z.number().nullable() })),
  control_strength: z.number(),
  /** The measure's change (vs strength 0) under each random control direction at control_strength. */
  control_effects: z.array(z.number()),
});
export type SteeringEvidence = z.infer<typeof steeringEvidenceSchema>;

/** The contract's SteeringVectorItem, with axplay's extensions. */
export const steeringVectorItemSchema = z.object({
  id: z.string(),
  model_name: z.string(),
  method: z.string(),
  storage_path: z.string().nullable(),
  public_url: z.string().nullable(),
  created_at: z.string().nullable(),
  api_key_id: z.string().nullable(),
  nodes: z.array(z.string()),
  name: z.string().nullable().optional(),
  label: z.string().nullable().optional(),
  category: z.string().nullable().optional(),
  // extensions
  /** Shipped with the model (read-only), as opposed to computed here from a user's examples. */
  built_in: z.boolean(),
  layers: z.array(steeringVectorLayerSchema),
  d_model: z.number(),
  separation_auc: z.number().nullable().optional(),
  description: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
  /** Built-ins: what they were measured to do (null for a user's vector). */
  evidence: steeringEvidenceSchema.nullable().optional(),
});
export type SteeringVectorItem = z.infer<typeof steeringVectorItemSchema>;
export const steeringVectorListSchema = z.array(steeringVectorItemSchema);

/** GET /steering/vectors/{id}/download: each layer's applied vector (direction × scale), as save_vectors writes. */
export const steeringDownloadSchema = z.record(z.string(), z.array(z.number()));

export const steeringLabelRequestSchema = z.object({ label: z.string().max(200).nullable() });
export const steeringDeleteResponseSchema = z.object({ deleted: z.boolean(), vector_id: z.string() });
export const steeringBulkDeleteRequestSchema = z.object({ vector_ids: z.array(idSchema).max(MAX_BULK_DELETE) });
export const steeringBulkDeleteResponseSchema = z.object({
  deleted: z.number(),
  /** Ids that named no vector (extension). */
  not_found: z.array(z.string()).optional(),
});

// ---- POST /steering/run

/** RunRequest + multiplier: strength = steering_strength × multiplier, or multiplier when steering_strength is 0. */
export const steeringRunRequestSchema = runRequestSchema.extend({
  multiplier: steeringStrengthSchema.nullish(),
});
export type SteeringRunRequest = z.infer<typeof steeringRunRequestSchema>;
