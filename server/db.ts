// The server's SQLite database (better-sqlite3) in the data directory: the local API key and per-key settings.
// Later features (policies, vectors, behaviors) add their tables here.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface KeyRow {
  key: string;
  created_at: string;
  selected_model: string | null;
}

export class Store {
  readonly db: Database.Database;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.db = new Database(join(dataDir, 'axplay.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS api_keys (
      key TEXT PRIMARY KEY,
      created_at TEXT NOT NULL,
      selected_model TEXT
    )`);
  }

  /** The local API key, created on first use: `ax_` + 48 lowercase hex characters. */
  localKey(): string {
    const row = this.db.prepare('SELECT key FROM api_keys ORDER BY created_at LIMIT 1').get() as
      | { key: string }
      | undefined;
    if (row) return row.key;
    const key = `ax_${randomBytes(24).toString('hex')}`;
    this.db.prepare('INSERT INTO api_keys (key, created_at) VALUES (?, ?)').run(key, new Date().toISOString());
    return key;
  }

  keyRow(key: string): KeyRow | undefined {
    return this.db.prepare('SELECT key, created_at, selected_model FROM api_keys WHERE key = ?').get(key) as
      | KeyRow
      | undefined;
  }

  setSelectedModel(key: string, model: string): void {
    this.db.prepare('UPDATE api_keys SET selected_model = ? WHERE key = ?').run(model, key);
  }

  close(): void {
    this.db.close();
  }
}
