// User steering vectors (computed here by POST /steering/generate) in the server's SQLite database, so they
// survive a restart. A row keeps the vector as JSON (per hook: unit direction, scale, raw norm) with what its
// creation measured; reads re-validate, so a row that no longer parses is left out of the list instead of breaking it.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { KnownVector } from './built-ins.ts';

const rowDataSchema = z.object({
  layers: z
    .array(z.object({ hook: z.string(), direction: z.array(z.number()), scale: z.number(), rawNorm: z.number() }))
    .min(1),
  separation_auc: z.number().nullable(),
  note: z.string().nullable(),
});

interface Row {
  id: string;
  model: string;
  name: string;
  label: string | null;
  category: string | null;
  created_at: string;
  data: string;
}

/** A new user vector's id: `sv_` + 24 hex characters. */
export const newVectorId = () => `sv_${randomBytes(12).toString('hex')}`;

export class VectorStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS steering_vectors (
      id TEXT PRIMARY KEY,
      model TEXT NOT NULL,
      name TEXT NOT NULL,
      label TEXT,
      category TEXT,
      created_at TEXT NOT NULL,
      data TEXT NOT NULL
    )`);
  }

  save(v: KnownVector): void {
    const data = JSON.stringify({ layers: v.layers, separation_auc: v.separationAuc, note: v.note });
    this.db
      .prepare(
        `INSERT INTO steering_vectors (id, model, name, label, category, created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(v.id, v.model, v.name, v.label, v.category, v.createdAt ?? new Date().toISOString(), data);
  }

  private parse(r: Row): KnownVector | undefined {
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
      name: r.name,
      label: r.label,
      method: 'caa',
      model: r.model,
      layers: d.data.layers,
      builtIn: false,
      category: r.category,
      createdAt: r.created_at,
      description: null,
      separationAuc: d.data.separation_auc,
      note: d.data.note,
      evidence: null,
      storagePath: `sqlite:steering_vectors/${r.id}`,
    };
  }

  get(id: string): KnownVector | undefined {
    const r = this.db.prepare('SELECT * FROM steering_vectors WHERE id = ?').get(id) as Row | undefined;
    return r ? this.parse(r) : undefined;
  }

  list(): KnownVector[] {
    const rows = this.db.prepare('SELECT * FROM steering_vectors ORDER BY created_at, id').all() as Row[];
    return rows.map((r) => this.parse(r)).filter((v): v is KnownVector => v !== undefined);
  }

  setLabel(id: string, label: string | null): boolean {
    return this.db.prepare('UPDATE steering_vectors SET label = ? WHERE id = ?').run(label, id).changes > 0;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM steering_vectors WHERE id = ?').run(id).changes > 0;
  }

  /** Deletes every id that exists, in one transaction; returns those deleted. */
  deleteMany(ids: readonly string[]): string[] {
    const del = this.db.prepare('DELETE FROM steering_vectors WHERE id = ?');
    return this.db.transaction((list: readonly string[]) => list.filter((id) => del.run(id).changes > 0))(ids);
  }
}
