// A built-in vector's evidence for the list (`evidence` in SteeringVectorItem): read from the `measurements` its file
// carries (written by `npm run eval -- --steering --write`), with the measure as data from the engine's catalog.
// A file without measurements, or with ones that do not read, has no evidence (null) — never a failed load.
import { z } from 'zod';
import { BUILTINS } from '../../engine/steering/builtin/catalog.ts';
import type { SteeringEvidence } from '../../protocol/steering.ts';

/** The strength the random controls were measured at (scripts/steering: the effect target is set at +2). */
export const CONTROL_STRENGTH = 2;

const byStrength = z.record(z.string(), z.number());
const measurementsSchema = z.object({
  measure: z.string(),
  auc_heldout: z.number().nullable().optional(),
  spearman_rho: z.number().nullable().optional(),
  n_samples: z.number().nullable().optional(),
  m: byStrength,
  fluency_cost: byStrength.optional(),
  control_effects: z.array(z.number()).optional(),
});

export function evidenceOf(name: string, measurements: unknown): SteeringEvidence | null {
  const r = measurementsSchema.safeParse(measurements);
  if (!r.success) return null;
  const m = r.data;
  const dose = Object.entries(m.m)
    .map(([k, value]) => ({ strength: Number(k), value, fluency_cost: m.fluency_cost?.[k] ?? null }))
    .filter((d) => Number.isFinite(d.strength))
    .sort((a, b) => a.strength - b.strength);
  const spec = BUILTINS.find((b) => b.name === name)?.measureSpec ?? null;
  return {
    measure: m.measure,
    measure_spec: spec ? { kind: spec.kind, chars: spec.chars } : null,
    auc_heldout: m.auc_heldout ?? null,
    spearman_rho: m.spearman_rho ?? null,
    n_samples: m.n_samples ?? null,
    dose,
    control_strength: CONTROL_STRENGTH,
    control_effects: m.control_effects ?? [],
  };
}
