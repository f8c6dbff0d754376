// `npm run key`: prints the local API key (created on first start, kept in the data directory).
import { join } from 'node:path';
import { readConfig } from '../server/config.ts';
import { Store } from '../server/db.ts';

const cfg = readConfig(process.env, join(import.meta.dirname, '..'));
const store = new Store(cfg.dataDir, (line) => console.error(line));
console.log(store.localKey());
store.close();
