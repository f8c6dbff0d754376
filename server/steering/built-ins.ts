// The model's built-in steering vectors: every *.json in the model's `steering/` folder (next to its weights, e.g.
// models/austen-mini/steering/dialogue.json), each a SteeringVectorData (engine/steering/vector.ts) plus fields of
// its own (measurements, a card…) that this loader ignores. A file that does not parse, or does not fit the served
// model (hook names, width, unit directions, model name), is skipped with a log line naming it — a broken card never
// stops the server. Built-ins are read-only: their ids (`model/name`) never collide with user ids (`sv_…`).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { parseHook } from '../../engine/hooks.ts';
import type { SteeringVectorData } from '../../engine/steering/vector.ts';
import type { SteeringEvidence } from '../../protocol/steering.ts';
import { evidenceOf } from './evidence.ts';

export interface VectorMeta {
  readonly builtIn: boolean;
  readonly category: string | null;
  readonly createdAt: string | null;
  readonly description: string | null;
  readonly separationAuc: number | null;
  readonly note: string | null;
  /** A built-in's measured evidence (null: none, and always for a user's vector). */
  readonly evidence: SteeringEvidence | null;
  /** Where it is kept: the file (built-ins, relative to the repository) or the database row. */
  readonly storagePath: string;
}

/** A vector the server can apply: its data and what the list shows about it. */
export type KnownVector = SteeringVectorData & VectorMeta;

const layerSchema = z.object({
  hook: z.string(),
  direction: z.array(z.number()).min(1),
  scale: z.number().positive(),
  rawNorm: z.number().nonnegative(),
});

/** The fields of SteeringVectorData, and the few optional extras the list shows; any other field is ignored. */
export const builtInFileSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$/, 'a built-in id is model/name'),
  name: z.string().min(1),
  label: z.string().nullable(),
  method: z.literal('caa'),
  model: z.string().min(1),
  layers: z.array(layerSchema).min(1),
  description: z.unknown().optional(),
  category: z.unknown().optional(),
  created_at: z.unknown().optional(),
  measurements: z.unknown().optional(),
});

const text = (v: unknown) => (typeof v === 'string' ? v : null);

export interface ModelShape {
  readonly name: string;
  readonly nLayer: number;
  readonly dModel: number;
}

/** Why a built-in does not fit the model (undefined when it fits). */
function misfit(v: z.infer<typeof builtInFileSchema>, m: ModelShape): string | undefined {
  if (v.model !== m.name) return `it was computed on "${v.model}", the server runs "${m.name}"`;
  const seen = new Set<string>();
  for (const l of v.layers) {
    try {
      parseHook(l.hook, m.nLayer);
    } catch (e) {
      return (e as Error).message;
    }
    if (seen.has(l.hook)) return `${l.hook} appears twice`;
    seen.add(l.hook);
    if (l.direction.length !== m.dModel)
      return `${l.hook} has ${l.direction.length} numbers, the model width is ${m.dModel}`;
    const norm = Math.hypot(...l.direction);
    if (Math.abs(norm - 1) > 1e-3) return `${l.hook}'s direction has norm ${norm}, not 1`;
  }
  return undefined;
}

/** Reads the built-ins in `dir` (none when it does not exist), sorted by id. `root` makes storage paths relative. */
export function loadBuiltIns(dir: string, model: ModelShape, log: (line: string) => void, root = dir): KnownVector[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const out: KnownVector[] = [];
  for (const f of files.sort()) {
    const path = join(dir, f);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      log(`steering: skipped ${path}: not JSON (${(e as Error).message})`);
      continue;
    }
    const r = builtInFileSchema.safeParse(raw);
    if (!r.success) {
      const i = r.error.issues[0];
      log(`steering: skipped ${path}: ${i?.path.join('.') || 'file'}: ${i?.message}`);
      continue;
    }
    const why = misfit(r.data, model);
    if (why) {
      log(`steering: skipped ${path}: ${why}`);
      continue;
    }
    if (out.some((v) => v.id === r.data.id)) {
      log(`steering: skipped ${path}: the id ${r.data.id} is already taken by another file`);
      continue;
    }
    const v = r.data;
    out.push({
      id: v.id,
      name: v.name,
      label: v.label,
      method: 'caa',
      model: v.model,
      layers: v.layers,
      builtIn: true,
      category: text(v.category),
      createdAt: text(v.created_at) ?? statSync(path).mtime.toISOString(),
      description: text(v.description),
      separationAuc: null,
      note: null,
      evidence: evidenceOf(v.name, v.measurements),
      storagePath: relative(root, path),
    });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}
