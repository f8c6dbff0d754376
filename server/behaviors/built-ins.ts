// The model's built-in behaviors: every *.json in the SAE folder's behaviors/ (models/<model>/sae/behaviors/, written
// by `npm run sae:behaviors`), each a BehaviorFile (engine/sae/behavior-file.ts). A file that does not parse, or does
// not fit what the server runs (the model's name, the SAE's hook and dictionary, an inline correction's hooks and
// width), is skipped with a log line naming it — a broken file never stops the server. Built-ins are read-only; their
// ids are `model/name` (like the built-in steering vectors'), never a user id (`bh_…`).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { parseHook } from '../../engine/hooks.ts';
import { BEHAVIOR_FILE_FORMAT, type BehaviorFile } from '../../engine/sae/behavior-file.ts';
import type { ModelShape } from '../steering/built-ins.ts';
import { type SaeShape, scorerMisfit, scorerSchema } from './scorer-schema.ts';

/** A built-in behavior: its file, its id and where the file is (relative to the repository). */
export type BuiltInBehavior = BehaviorFile & { readonly id: string; readonly storagePath: string };

const unitLayerSchema = z.object({
  hook: z.string(),
  direction: z.array(z.number()).min(1),
  scale: z.number().positive(),
  rawNorm: z.number().nonnegative(),
});

const rate = z.number().min(0).max(1);

export const behaviorFileSchema = z.object({
  format: z.literal(BEHAVIOR_FILE_FORMAT),
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'a built-in name is letters, digits, ".", "_" or "-"'),
  label: z.string(),
  description: z.string(),
  model: z.string().min(1),
  scorer: scorerSchema,
  correction: z.object({
    steering_vector_id: z.string().min(1).nullable(),
    layers: z.array(unitLayerSchema).min(1).optional(),
    note: z.string(),
  }),
  evidence: z.looseObject({
    top_latents: z.array(z.object({ latent: z.int().nonnegative(), weight: z.number(), label: z.string() })),
    cv_auc: rate,
    heldout_auc: rate,
    heldout_rows: z.object({ positive: z.int().nonnegative(), negative: z.int().nonnegative() }),
    heldout_ece: rate,
    false_trigger_rate: rate,
    false_trigger_n: z.int().nonnegative(),
    calibration_n: z.int().nonnegative(),
    positive_trigger_rate: rate.nullable(),
    positive_n: z.int().nonnegative(),
  }),
  data: z.string(),
  created_at: z.string(),
}) satisfies z.ZodType<BehaviorFile>;

/** Why a built-in does not fit the served model and SAE (undefined when it fits). */
function misfit(b: z.infer<typeof behaviorFileSchema>, model: ModelShape, sae: SaeShape): string | undefined {
  if (b.model !== model.name) return `it was made for "${b.model}", the server runs "${model.name}"`;
  if (b.scorer.name !== b.name) return `its scorer is named "${b.scorer.name}", the behavior "${b.name}"`;
  const scorer = scorerMisfit(b.scorer, sae);
  if (scorer) return scorer;
  const { steering_vector_id: vector, layers } = b.correction;
  if (!vector && !layers) return 'its correction has neither a steering_vector_id nor inline layers';
  for (const l of layers ?? []) {
    try {
      parseHook(l.hook, model.nLayer);
    } catch (e) {
      return `correction: ${(e as Error).message}`;
    }
    if (l.direction.length !== model.dModel)
      return `correction: ${l.hook} has ${l.direction.length} numbers, the model width is ${model.dModel}`;
    const norm = Math.hypot(...l.direction);
    if (Math.abs(norm - 1) > 1e-3) return `correction: ${l.hook}'s direction has norm ${norm}, not 1`;
  }
  return undefined;
}

/**
 * Reads the built-in behaviors in `dir` (none when it does not exist), sorted by name. `root` makes storage paths
 * relative (to the repository).
 */
export function loadBuiltInBehaviors(
  dir: string,
  model: ModelShape,
  sae: SaeShape,
  log: (line: string) => void,
  root = dir,
): BuiltInBehavior[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const out: BuiltInBehavior[] = [];
  for (const f of files.sort()) {
    const path = join(dir, f);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      log(`behaviors: skipped ${path}: not JSON (${(e as Error).message})`);
      continue;
    }
    const r = behaviorFileSchema.safeParse(raw);
    if (!r.success) {
      const i = r.error.issues[0];
      log(`behaviors: skipped ${path}: ${i?.path.join('.') || 'file'}: ${i?.message}`);
      continue;
    }
    const why = misfit(r.data, model, sae);
    if (why) {
      log(`behaviors: skipped ${path}: ${why}`);
      continue;
    }
    if (out.some((b) => b.name === r.data.name)) {
      log(`behaviors: skipped ${path}: the name ${r.data.name} is already taken by another file`);
      continue;
    }
    out.push({ ...r.data, id: `${r.data.model}/${r.data.name}`, storagePath: relative(root, path) });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
