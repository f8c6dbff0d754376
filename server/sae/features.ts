// The model's SAE feature labels (models/<model>/sae/features.json, written by `npm run sae:label`): loaded once at
// start, checked with the protocol's schema; a missing file means the model has no SAE here, a damaged one is
// skipped with a log line naming it (it never stops the server).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { saeFeatureSchema } from '../../protocol/sae.ts';

export interface SaeFeatures {
  readonly hook: string;
  /** The SAE's id in answers (`sae_release`). */
  readonly release: string;
  readonly features: readonly z.infer<typeof saeFeatureSchema>[];
}

const fileSchema = z.object({ hook: z.string(), features: z.array(saeFeatureSchema) });

/** The labels in `dir` (models/<model>/sae), or undefined when there are none or they do not read. */
export function loadSaeFeatures(dir: string, model: string, log: (line: string) => void): SaeFeatures | undefined {
  const path = join(dir, 'features.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') log(`sae: skipped ${path}: ${(e as Error).message}`);
    return undefined;
  }
  const r = fileSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    log(`sae: skipped ${path}: ${i?.path.join('.') || 'file'}: ${i?.message}`);
    return undefined;
  }
  return { hook: r.data.hook, release: `${model}-sae`, features: r.data.features };
}
