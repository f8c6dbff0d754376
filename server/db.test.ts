// The local database under damage (defect 3) and across restarts: damaged files are detected at start, moved
// aside and reported; a new key is always announced; permissions are tight; what the server stores survives.
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StorageError, Store } from './db.ts';
import { startTestServer } from './testing.ts';

const root = mkdtempSync(join(tmpdir(), 'axplay-db-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const dir = () => join(root, `d${++n}`);

/** A data directory with a database that holds a key and a model choice, closed cleanly. */
function populated(): { dataDir: string; key: string } {
  const dataDir = dir();
  const s = new Store(dataDir);
  const key = s.localKey();
  s.setSelectedModel(key, 'austen-mini');
  // three pages: the schema, api_keys, and its primary-key index (page 3), as in the reported reproduction
  s.db.pragma('wal_checkpoint(TRUNCATE)');
  expect(statSync(join(dataDir, 'axplay.db')).size).toBe(3 * 4096);
  s.close();
  return { dataDir, key };
}

function overwrite(path: string, offset: number, bytes: Buffer): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, bytes, 0, bytes.length, offset);
  closeSync(fd);
}

describe('the local database', () => {
  it('keeps the data directory 0700 and the database 0600', () => {
    const dataDir = dir();
    new Store(dataDir).close();
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'axplay.db')).mode & 0o777).toBe(0o600);
  });

  it('announces every new key, and keeps the key across a restart', () => {
    const said: string[] = [];
    const dataDir = dir();
    const a = new Store(dataDir, (l) => said.push(l));
    const key = a.localKey();
    a.close();
    expect(said.join(' ')).toMatch(/A new local API key was created/);
    said.length = 0;
    const b = new Store(dataDir, (l) => said.push(l));
    expect(b.localKey()).toBe(key);
    expect(said).toEqual([]);
    b.close();
  });

  for (const [name, damage] of [
    ['bytes overwritten in page 3', (p: string) => overwrite(p, 4096 * 2, Buffer.alloc(100, 0x5a))],
    ['junk in the header', (p: string) => overwrite(p, 0, Buffer.from('this is not sqlite at all'))],
    ['junk in the whole file', (p: string) => writeFileSync(p, Buffer.alloc(20_000, 0x41))],
  ] as const) {
    it(`${name}: detected at start, moved aside (never deleted), a fresh one started, both paths named`, () => {
      const { dataDir, key } = populated();
      const path = join(dataDir, 'axplay.db');
      damage(path);
      const said: string[] = [];
      const s = new Store(dataDir, (l) => said.push(l));
      expect(s.state.status).toBe('recovered');
      const moved = s.state.movedTo ?? '';
      expect(existsSync(moved)).toBe(true);
      expect(said[0]).toContain(path);
      expect(said[0]).toContain(moved);
      expect(said[0]).toMatch(/\.recover/);
      const fresh = s.localKey();
      expect(fresh).not.toBe(key);
      expect(said.join(' ')).toMatch(/A new local API key was created/);
      expect(readdirSync(dataDir).filter((f) => f.includes('damaged')).length).toBeGreaterThan(0);
      s.close();
    });
  }

  it('a zero-byte database gets a new key, said out loud', () => {
    const { dataDir } = populated();
    writeFileSync(join(dataDir, 'axplay.db'), '');
    rmSync(join(dataDir, 'axplay.db-wal'), { force: true });
    const said: string[] = [];
    const s = new Store(dataDir, (l) => said.push(l));
    s.localKey();
    expect(said.join(' ')).toMatch(/A new local API key was created/);
    s.close();
  });

  it('a failure while running is a StorageError naming the file, and the state says failing', () => {
    const s = new Store(dir());
    const key = s.localKey();
    s.db.exec('DROP TABLE api_keys');
    expect(() => s.keyRow(key)).toThrow(StorageError);
    expect(() => s.keyRow(key)).toThrow(/axplay\.db/);
    expect(s.state.status).toBe('failing');
    s.close();
  });
});

describe('the server over a damaged or restarted database', () => {
  it('starts over a damaged database: /health says recovered, requests work with the new key', async () => {
    const { dataDir, key } = populated();
    overwrite(join(dataDir, 'axplay.db'), 4096 * 2, Buffer.alloc(100, 0x5a));
    const said: string[] = [];
    const s = await startTestServer({ dataDir }, { log: (l) => said.push(l) });
    try {
      expect(s.key).not.toBe(key);
      const h = await (await fetch(`${s.url}/health`)).json();
      expect(h.storage).toBe('recovered');
      const r = await fetch(`${s.url}/models`, { headers: { 'x-api-key': s.key } });
      expect(r.status).toBe(200);
      expect(said.join('\n')).toMatch(/is damaged .* moved to .*A new local API key was created/s);
    } finally {
      await s.close();
    }
  });

  it('a database failing while running answers 503 with the documented body, never crashes', async () => {
    const s = await startTestServer();
    try {
      s.store.db.exec('DROP TABLE api_keys');
      const r = await fetch(`${s.url}/v1/completions`, {
        method: 'POST',
        headers: { 'x-api-key': s.key, 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'x', max_tokens: 2 }),
      });
      expect(r.status).toBe(503);
      expect((await r.json()).error.code).toBe('storage_unavailable');
      expect((await (await fetch(`${s.url}/health`)).json()).storage).toBe('failing');
    } finally {
      await s.close();
    }
  });

  it('the local key and the model chosen with set-model survive a restart', async () => {
    const dataDir = dir();
    const a = await startTestServer({ dataDir }, { keepData: true });
    const key = a.key;
    const set = await fetch(`${a.url}/auth/api-keys/set-model`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ model_name: 'austen-mini' }),
    });
    expect(set.status).toBe(200);
    await a.close();
    const b = await startTestServer({ dataDir });
    try {
      expect(b.key).toBe(key);
      expect(b.store.keyRow(key)?.selected_model).toBe('austen-mini');
      const r = await fetch(`${b.url}/v1/models`, { headers: { 'x-api-key': key } });
      expect(r.status).toBe(200);
    } finally {
      await b.close();
    }
  });
});
