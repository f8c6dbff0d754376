// The pretest step that makes `npm test` work on a fresh Debian machine: it installs what is missing with apt-get
// when it can, and otherwise stops at once with the exact command to run.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, 'system-deps.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'axplay-sysdeps-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

/** A fake machine: a root prefix with the given files, and a PATH holding the given commands. */
function machine(o: { files?: string[]; commands?: Record<string, string> }) {
  const root = join(tmp, `m${++n}`);
  const bin = join(root, 'bin');
  mkdirSync(bin, { recursive: true });
  for (const f of o.files ?? []) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), '');
  }
  for (const [name, body] of Object.entries(o.commands ?? {})) {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return { root, bin };
}

function run(m: { root: string; bin: string }, uid: number) {
  const r = spawnSync(process.execPath, [SCRIPT], {
    env: { PATH: m.bin, AXPLAY_SYSDEPS_PREFIX: m.root, AXPLAY_SYSDEPS_UID: String(uid) },
    encoding: 'utf8',
  });
  return { status: r.status, out: r.stdout + r.stderr };
}

const ALL_FILES = ['usr/bin/chromium', 'usr/share/fonts/truetype/liberation/x.ttf'];
const ALL_COMMANDS = { curl: 'exit 0', python3: 'exit 0' };

describe('scripts/system-deps.mjs (npm test’s pretest)', () => {
  it('does nothing when every package is there', () => {
    const r = run(machine({ files: ALL_FILES, commands: ALL_COMMANDS }), 1000);
    expect(r).toEqual({ status: 0, out: '' });
  });

  it('not root: stops at once with one line naming the packages and the exact command', () => {
    const r = run(machine({ commands: { curl: 'exit 0' } }), 1000);
    expect(r.status).toBe(1);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(r.out).toContain('sudo apt-get install -y chromium fonts-liberation python3');
  });

  it('root with apt-get: installs exactly what is missing, then goes on', () => {
    const m = machine({ files: ['usr/share/fonts/truetype/liberation/x.ttf'], commands: ALL_COMMANDS });
    const log = join(m.root, 'apt.log');
    // the stand-in apt-get records its arguments and "installs" chromium
    writeFileSync(
      join(m.bin, 'apt-get'),
      `#!/bin/sh\necho "$@" >> ${log}\n[ "$1" = install ] && /bin/mkdir -p ${m.root}/usr/bin && /usr/bin/touch ${m.root}/usr/bin/chromium\nexit 0\n`,
    );
    chmodSync(join(m.bin, 'apt-get'), 0o755);
    const r = run(m, 0);
    expect(r.status).toBe(0);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      'update',
      'install -y --no-install-recommends chromium',
    ]);
  });

  it('root, but apt-get fails: says so and what to run', () => {
    const r = run(machine({ commands: { ...ALL_COMMANDS, 'apt-get': 'exit 100' } }), 0);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/apt-get could not install chromium fonts-liberation/);
  });
});
