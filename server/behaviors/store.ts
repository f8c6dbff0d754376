// User behaviors (made by POST /behaviors/create) in the server's SQLite database, so they survive a restart. A row
// keeps the behavior's name (unique per model), description, correction vector id and creation time as columns, and
// its scorer (engine/sae/behavior.ts BehaviorModelJson) with what its creation measured as JSON; reads re-validate,
// so a row that no longer parses is left out instead of breaking the list.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { BehaviorModelJson } from '../../engine/sae/behavior.ts';
import { scorerSchema } from './scorer-schema.ts';

const evidenceSchema = z.object({
  /** Cross-validated (grouped by pair) per-character AUC of the probe on its own answers; null: not measurable. */
  separation_auc: z.number().nullable(),
  positive_answers: z.int().nonnegative(),
  negative_answers: z.int().nonnegative(),
  /** Characters (rows of SAE codes) read from each side. */
  positive_rows: z.int().nonnegative(),
  negative_rows: z.int().nonnegative(),
  folds: z.int().nonnegative(),
  top_latents: z.array(z.object({ latent: z.int(), weight: z.number(), label: z.string().nullable() })),
  /** How the threshold was chosen, in words. */
  threshold_rule: z.string(),
});
export type UserBehaviorEvidence = z.infer<typeof evidenceSchema>;

const rowDataSchema = z.object({ scorer: scorerSchema, evidence: evidenceSchema });

export interface UserBehavior {
  readonly id: string;
  readonly model: string;
  readonly name: string;
  readonly description: string | null;
  readonly steeringVectorId: string;
  readonly createdAt: string;
  readonly scorer: BehaviorModelJson;
  readonly evidence: UserBehaviorEvidence;
}

interface Row {
  id: string;
  model: string;
  behavior_name: string;
  description: string | null;
  steering_vector_id: string;
  created_at: string;
  data: string;
}

/** A new user behavior's id: `bh_` + 24 hex characters. */
export const newBehaviorId = () => `bh_${randomBytes(12).toString('hex')}`;

/** Another behavior of the model has this name. */
export class DuplicateBehaviorError extends Error {
  override name = 'DuplicateBehaviorError';
}

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';

export class BehaviorStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS behaviors (
      id TEXT PRIMARY KEY,
      model TEXT NOT NULL,
      behavior_name TEXT NOT NULL,
      description TEXT,
      steering_vector_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      data TEXT NOT NULL,
      UNIQUE (model, behavior_name)
    )`);
  }

  /** Saves a new behavior; DuplicateBehaviorError when the model already has one of that name. */
  insert(b: UserBehavior): void {
    const data = JSON.stringify({ scorer: b.scorer, evidence: b.evidence });
    try {
      this.db
        .prepare(
          `INSERT INTO behaviors (id, model, behavior_name, description, steering_vector_id, created_at, data)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(b.id, b.model, b.name, b.description, b.steeringVectorId, b.createdAt, data);
    } catch (e) {
      if (isUniqueViolation(e)) throw new DuplicateBehaviorError(`the model already has a behavior named '${b.name}'`);
      throw e;
    }
  }

  private parse(r: Row): UserBehavior | undefined {
    let json: unknown;
    try {
      json = JSON.parse(r.data);
    } catch {
      return undefined;
    }
    const d = rowDataSchema.safeParse(json);
    if (!d.success) return undefined;
    return {
      id: r.id,
      model: r.model,
      name: r.behavior_name,
      description: r.description,
      steeringVectorId: r.steering_vector_id,
      createdAt: r.created_at,
      // the scorer's name follows renames (a monitor keys its readings by it)
      scorer: { ...d.data.scorer, name: r.behavior_name },
      evidence: d.data.evidence,
    };
  }

  get(id: string): UserBehavior | undefined {
    const r = this.db.prepare('SELECT * FROM behaviors WHERE id = ?').get(id) as Row | undefined;
    return r ? this.parse(r) : undefined;
  }

  /** The model's behaviors, oldest first. */
  list(model: string): UserBehavior[] {
    const rows = this.db.prepare('SELECT * FROM behaviors WHERE model = ? ORDER BY created_at, id').all(model) as Row[];
    return rows.map((r) => this.parse(r)).filter((b): b is UserBehavior => b !== undefined);
  }

  /** Whether the model has a behavior of this name (a row that no longer parses counts: its name is still taken). */
  hasName(model: string, name: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM behaviors WHERE model = ? AND behavior_name = ?').get(model, name) !== undefined
    );
  }

  /** Renames; false when there is no such id, DuplicateBehaviorError when the name is taken. */
  rename(id: string, name: string): boolean {
    try {
      return this.db.prepare('UPDATE behaviors SET behavior_name = ? WHERE id = ?').run(name, id).changes > 0;
    } catch (e) {
      if (isUniqueViolation(e)) throw new DuplicateBehaviorError(`the model already has a behavior named '${name}'`);
      throw e;
    }
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM behaviors WHERE id = ?').run(id).changes > 0;
  }
}
