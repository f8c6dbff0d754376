#!/usr/bin/env node
// The Debian packages `npm test` needs besides Node: Chromium and its fonts (the Playwright journeys: Playwright
// cannot download browsers here), curl (server tests drive it) and python3 (snippet tests run the Python
// snippets). The one list, used by `npm test` (as its pretest step) and by .ci/run.
//
// All present: nothing happens. Some missing and running as root with apt-get: they are installed. Otherwise it
// stops at once with one line saying the exact command to run.
// Plain Node with no dependencies, so it runs before `npm ci` too.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const env = process.env;
/** A root prefix for the file checks (tests point it at an empty folder). */
const prefix = env.AXPLAY_SYSDEPS_PREFIX ?? '';
const uid = env.AXPLAY_SYSDEPS_UID !== undefined ? Number(env.AXPLAY_SYSDEPS_UID) : process.getuid?.();

function onPath(cmd) {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, cmd), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

export const PACKAGES = [
  { name: 'chromium', present: () => existsSync(prefix + (env.CHROMIUM_PATH ?? '/usr/bin/chromium')) },
  { name: 'fonts-liberation', present: () => existsSync(`${prefix}/usr/share/fonts/truetype/liberation`) },
  { name: 'curl', present: () => onPath('curl') },
  { name: 'python3', present: () => onPath('python3') },
];

const missing = () => PACKAGES.filter((p) => !p.present()).map((p) => p.name);

let need = missing();
if (need.length === 0) process.exit(0);

if (uid === 0 && onPath('apt-get')) {
  console.log(`Installing the Debian packages npm test needs: ${need.join(' ')}`);
  const run = (args) =>
    spawnSync('apt-get', args, { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } }).status;
  if (run(['update']) !== 0 || run(['install', '-y', '--no-install-recommends', ...need]) !== 0) {
    console.error(`apt-get could not install ${need.join(' ')}: run apt-get install -y ${need.join(' ')} yourself`);
    process.exit(1);
  }
  need = missing();
  if (need.length === 0) process.exit(0);
  console.error(`still missing after apt-get: ${need.join(' ')}`);
  process.exit(1);
}

console.error(
  `npm test needs the Debian packages ${need.join(', ')}; install them with: sudo apt-get install -y ${need.join(' ')}`,
);
process.exit(1);
