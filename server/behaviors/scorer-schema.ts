// A behavior's scorer (engine/sae/behavior.ts BehaviorModelJson) as a zod schema, and the check that it fits the
// served SAE: what both the built-in loader and the store re-validate with, so a scorer that reaches a worker is
// always well formed (latents in range, one weight each, a probability threshold, a positive run).
import { z } from 'zod';
import type { BehaviorModelJson } from '../../engine/sae/behavior.ts';
import { behaviorScorer } from '../../engine/sae/behavior.ts';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const probeJsonSchema = z
  .object({
    nLatents: z.int().positive(),
    bias: finite,
    latents: z.array(z.int().nonnegative()),
    weights: z.array(finite),
    features: z.array(z.int().nonnegative()).nullable(),
  })
  .refine((p) => p.latents.length === p.weights.length, 'latents and weights must have the same length')
  .refine((p) => p.latents.every((j) => j < p.nLatents), 'a latent is outside the dictionary (nLatents)')
  .refine((p) => (p.features ?? []).every((j) => j < p.nLatents), 'a feature is outside the dictionary (nLatents)');

export const scorerSchema = z.object({
  name: z.string().min(1),
  hook: z.string().min(1),
  probe: probeJsonSchema,
  platt: z.object({ a: finite, b: finite }),
  threshold: z.number().min(0).max(1),
  run: z.int().positive(),
  /** The moving-average window of the codes, in tokens (engine/sae/code-ema.ts); absent: the own code. */
  window: z.number().min(1).max(4096).optional(),
}) satisfies z.ZodType<BehaviorModelJson>;

/** The served SAE's shape, as far as a scorer depends on it. */
export interface SaeShape {
  readonly hook: string;
  readonly n: number;
}

/** Why `m` cannot score codes of `sae` (undefined when it can). */
export function scorerMisfit(m: BehaviorModelJson, sae: SaeShape): string | undefined {
  if (m.hook !== sae.hook) return `its scorer reads ${m.hook}, the SAE here reads ${sae.hook}`;
  if (m.probe.nLatents !== sae.n) return `its probe has ${m.probe.nLatents} latents, the SAE here has ${sae.n}`;
  try {
    behaviorScorer(m);
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}
