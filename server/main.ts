// `npm start`: serves the playground and the local API on one port and prints the URL and the local key.
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { readConfig } from './config.ts';
import { startServer } from './start.ts';

// V8 sizes its heaps for memory rather than peak allocation speed (process-wide, so the engine workers too): the
// server's memory stays flat over hours of streams (npm run soak: −4 % instead of +28 % over 800 requests), and
// decoding speed is unchanged (npm run bench)
setFlagsFromString('--optimize-for-size');

const repoRoot = join(import.meta.dirname, '..');
const cfg = readConfig(process.env, repoRoot);
const server = await startServer(cfg, (line) => console.log(line));
console.log('');
console.log(`  axplay is running at ${server.url}`);
console.log(`  local API key: ${server.key}`);
console.log(`  (data in ${cfg.dataDir}; relay upstream ${cfg.upstream}; ${cfg.workers} engine workers)`);
console.log('');
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    void server.close().then(() => process.exit(0));
  });
}
