// Where the served model's SAE weights are (models/<model>/sae/sae.safetensors) and what they are: read once at
// start from the file's header (hook, width, dictionary size, k). Workers load the weights themselves from `path`
// (a path crosses the thread boundary, a megabyte of floats need not). No file: the model has no SAE here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSae } from '../../engine/sae/io.ts';

export interface SaeInfo {
  readonly path: string;
  readonly hook: string;
  /** The SAE's id in answers (`sae_release`). */
  readonly release: string;
  readonly d: number;
  readonly n: number;
  readonly k: number;
}

/** The SAE in `dir`, or undefined when there is none (a damaged file is logged and skipped). */
export function findSae(dir: string, model: string, log: (line: string) => void): SaeInfo | undefined {
  const path = join(dir, 'sae.safetensors');
  if (!existsSync(path)) return undefined;
  try {
    const { sae } = loadSae(readFileSync(path));
    return { path, hook: sae.hook, release: `${model}-sae`, d: sae.d, n: sae.n, k: sae.k };
  } catch (e) {
    log(`sae: skipped ${path}: ${(e as Error).message}`);
    return undefined;
  }
}
