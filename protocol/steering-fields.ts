// The request-level steering fields every generation route takes (`steering_vector_id`, `steering_vector`,
// `steering_strength`) and the echo of what a generation applied. A stored vector is, per hook, a unit direction
// times the hook's mean residual norm, so the delta is strength × vector; an inline `steering_vector`
// ({layer: floats}) is applied as given: delta = strength × floats. Layer keys: "12" (or 12) is
// blocks.12.hook_resid_pre; any other hook is named in full.
import { z } from 'zod';

/** |strength| above this is refused (a delta of 100 residual norms is noise, not steering). */
export const MAX_STEERING_STRENGTH = 100;
export const vectorIdSchema = z.string().min(1).max(200);

export const steeringStrengthSchema = z.number().min(-MAX_STEERING_STRENGTH).max(MAX_STEERING_STRENGTH);

/** An inline vector: {layer key: dModel floats}; keys "12", a hook name, … (checked against the model). */
export const inlineSteeringVectorSchema = z.record(z.string().max(100), z.array(z.number()).max(65_536));

/**
 * The request-level steering fields of the generation routes. `steering_vector` is an id (a string) or an inline
 * vector; giving it and a different `steering_vector_id` is refused (null and "" mean none). A vector without `steering_strength` applies
 * at strength 1; strength 0 is exactly no steering.
 */
export const steeringFields = {
  // an empty string is no vector, as null is
  steering_vector_id: z.string().max(200).nullish(),
  steering_vector: z.union([z.string().max(200), inlineSteeringVectorSchema]).nullish(),
  steering_strength: steeringStrengthSchema.nullish(),
} as const;

/** What a generation applied (`axionic.steering`, `result.steering`): null when the request named no vector. */
export const appliedSteeringSchema = z.object({
  /** The stored vector's id; null for an inline vector. */
  vector_id: z.string().nullable(),
  strength: z.number(),
  /** The hooks the delta was added at (empty at strength 0). */
  hooks: z.array(z.string()),
  /** An inline vector (its floats applied as given). */
  inline: z.boolean().optional(),
  /** A policy's token window: positions of generated tokens [token_start, token_end). */
  token_start: z.number().nullable().optional(),
  token_end: z.number().nullable().optional(),
});
export type AppliedSteering = z.infer<typeof appliedSteeringSchema>;
