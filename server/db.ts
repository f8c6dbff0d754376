// The server's SQLite database (better-sqlite3) in the data directory: the local API key and per-key settings.
// Later features (policies, steering vectors, behaviors) add their tables here.
//
// Opening checks the file (`PRAGMA quick_check`). A damaged database is moved aside with a timestamp — never
// deleted — and a fresh one is started, with a message naming both paths and the command that may recover the
// old one; creating a key is always said out loud (scripts holding the old key will get 401). The data directory
// is 0700 and the database files 0600. A failure while running is a StorageError (answered 503), not a crash.

import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BehaviorStore } from './behaviors/store.ts';
import { PresetStore } from './policy/presets.ts';
import { PolicyStore } from './policy-store.ts';
import { VectorStore } from './steering/vector-store.ts';

export interface KeyRow {
  key: string;
  created_at: string;
  selected_model: string | null;
}

export class StorageError extends Error {
  override name = 'StorageError';
}

export interface StorageState {
  /** ok: opened as it was; recovered: a damaged file was moved aside and a fresh one started; failing: errors now. */
  status: 'ok' | 'recovered' | 'failing';
  /** The moved-aside file, when recovered. */
  movedTo?: string;
  /** Why the last operation failed, when failing. */
  error?: string;
}

const FILES = ['', '-wal', '-shm'];

function openChecked(path: string): Database.Database {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check reported: ${String(check)}`);
    db.exec(`CREATE TABLE IF NOT EXISTS api_keys (
      key TEXT PRIMARY KEY,
      created_at TEXT NOT NULL,
      selected_model TEXT
    )`);
    db.prepare('SELECT count(*) FROM api_keys').get();
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export class Store {
  private policyStore?: PolicyStore;
  private vectorStore?: VectorStore;
  /** User steering vectors (their own table in the same database). */
  get vectors(): VectorStore {
    this.vectorStore ??= new VectorStore(this.db);
    return this.vectorStore;
  }
  private behaviorStore?: BehaviorStore;
  /** User behaviors (their own table in the same database). */
  get behaviors(): BehaviorStore {
    this.behaviorStore ??= new BehaviorStore(this.db);
    return this.behaviorStore;
  }
  private presetStore?: PresetStore;
  /** Published policy presets (their own table), with the built-in ones. */
  get presets(): PresetStore {
    this.presetStore ??= new PresetStore(this.db);
    return this.presetStore;
  }
  /** Saved policies (their own table in the same database). */
  get policies(): PolicyStore {
    this.policyStore ??= new PolicyStore(this.db);
    return this.policyStore;
  }
  readonly db: Database.Database;
  readonly path: string;
  readonly state: StorageState;
  private readonly say: (line: string) => void;

  constructor(dataDir: string, say: (line: string) => void = () => {}) {
    this.say = say;
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
    this.path = join(dataDir, 'axplay.db');
    const existed = existsSync(this.path);
    let db: Database.Database;
    let state: StorageState = { status: 'ok' };
    try {
      db = openChecked(this.path);
    } catch (e) {
      if (!existed) throw new StorageError(`cannot create the database at ${this.path}: ${(e as Error).message}`);
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const movedTo = `${this.path}.damaged-${stamp}`;
      for (const suffix of FILES) if (existsSync(this.path + suffix)) renameSync(this.path + suffix, movedTo + suffix);
      say(
        `The database at ${this.path} is damaged (${(e as Error).message}). It was moved to ${movedTo} and a fresh ` +
          `one was started: the old local key and model choice there are not used. To try to recover data from it: ` +
          `sqlite3 ${movedTo} .recover | sqlite3 recovered.db`,
      );
      db = openChecked(this.path);
      state = { status: 'recovered', movedTo };
    }
    for (const suffix of FILES) if (existsSync(this.path + suffix)) chmodSync(this.path + suffix, 0o600);
    this.db = db;
    this.state = state;
    if (existed && state.status === 'ok' && statSync(this.path).size > 0 && !this.hasKey()) {
      say(`The database at ${this.path} holds no local key.`);
    }
  }

  private guard<T>(what: string, f: () => T): T {
    try {
      return f();
    } catch (e) {
      this.state.status = 'failing';
      this.state.error = (e as Error).message;
      throw new StorageError(`the local database (${this.path}) could not ${what}: ${(e as Error).message}`);
    }
  }

  private hasKey(): boolean {
    return this.db.prepare('SELECT 1 FROM api_keys LIMIT 1').get() !== undefined;
  }

  /** The local API key, created when there is none (and said so): `ax_` + 48 lowercase hex characters. */
  localKey(): string {
    return this.guard('read the local key', () => {
      const row = this.db.prepare('SELECT key FROM api_keys ORDER BY created_at LIMIT 1').get() as
        | { key: string }
        | undefined;
      if (row) return row.key;
      const key = `ax_${randomBytes(24).toString('hex')}`;
      this.db.prepare('INSERT INTO api_keys (key, created_at) VALUES (?, ?)').run(key, new Date().toISOString());
      for (const suffix of FILES) if (existsSync(this.path + suffix)) chmodSync(this.path + suffix, 0o600);
      this.say(
        `A new local API key was created (kept in ${this.path}); scripts or snippets holding an older key get 401 until they use it.`,
      );
      return key;
    });
  }

  keyRow(key: string): KeyRow | undefined {
    return this.guard(
      'read the key settings',
      () =>
        this.db.prepare('SELECT key, created_at, selected_model FROM api_keys WHERE key = ?').get(key) as
          | KeyRow
          | undefined,
    );
  }

  setSelectedModel(key: string, model: string): void {
    this.guard('save the model choice', () =>
      this.db.prepare('UPDATE api_keys SET selected_model = ? WHERE key = ?').run(model, key),
    );
  }

  close(): void {
    this.db.close();
  }
}
