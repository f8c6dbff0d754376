// Saved policies in the server's SQLite database (the same file as the local key), so they survive a restart.
// A policy is stored as the JSON the user sent, validated and with its defaults filled in; its id is the one it
// carries (`id`) or a new `pol_…`. Reads re-validate, so a row written by an older version still parses or is
// reported by id instead of breaking the list.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { type RuntimePolicy, runtimePolicySchema } from '../protocol/policy.ts';

export class PolicyStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS policies (
      id TEXT PRIMARY KEY,
      policy TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`);
  }

  /** Saves (or replaces, when the id exists) a policy; returns its id. */
  save(policy: RuntimePolicy): string {
    const id = policy.id ?? `pol_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
    const now = new Date().toISOString();
    const stored = JSON.stringify({ ...policy, id });
    this.db
      .prepare(
        `INSERT INTO policies (id, policy, created_at, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at`,
      )
      .run(id, stored, now, now);
    return id;
  }

  get(id: string): RuntimePolicy | undefined {
    const row = this.db.prepare('SELECT policy FROM policies WHERE id = ?').get(id) as { policy: string } | undefined;
    return row ? runtimePolicySchema.parse(JSON.parse(row.policy)) : undefined;
  }

  list(): RuntimePolicy[] {
    const rows = this.db.prepare('SELECT policy FROM policies ORDER BY created_at, id').all() as { policy: string }[];
    const out: RuntimePolicy[] = [];
    for (const r of rows) {
      const parsed = runtimePolicySchema.safeParse(JSON.parse(r.policy));
      if (parsed.success) out.push(parsed.data);
    }
    return out;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM policies WHERE id = ?').run(id).changes > 0;
  }
}
