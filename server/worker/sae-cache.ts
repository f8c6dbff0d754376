// A worker's SAEs, loaded once per path (jobs carry the path of the served model's SAE file, not its weights).
import { readFileSync } from 'node:fs';
import { loadSae } from '../../engine/sae/io.ts';
import type { Sae } from '../../engine/sae/sae.ts';

const cache = new Map<string, Sae>();

export function saeAt(path: string): Sae {
  let s = cache.get(path);
  if (!s) {
    s = loadSae(readFileSync(path)).sae;
    cache.set(path, s);
  }
  return s;
}
