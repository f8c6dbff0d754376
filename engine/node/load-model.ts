// Node-side loading of committed weights (the engine core itself takes bytes, not paths).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GPT } from '../model.ts';
import { loadWeights } from '../weights.ts';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const DEFAULT_MODEL = 'austen-mini';

export function modelPath(name = DEFAULT_MODEL): string {
  return join(REPO_ROOT, 'models', name, 'model.safetensors');
}

export function loadModel(path = modelPath()): GPT {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new Error(`cannot read model weights at ${path}: ${(e as Error).message}`);
  }
  return new GPT(loadWeights(bytes));
}
