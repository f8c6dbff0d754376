// The pinned validation text: the first 50,000 characters of the prepared Persuasion (held out from training),
// committed so evaluation works on a fresh clone without the corpus.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const HELDOUT_CHARS = 50_000;
/** The committed slice the test suite scores (the first 5,000 characters of the held-out text). */
export const TEST_SLICE_CHARS = 5_000;

export function heldoutPath(root: string): string {
  return join(root, 'engine', 'train', 'heldout', 'persuasion-50k.txt');
}

export function readHeldout(root: string): string {
  return readFileSync(heldoutPath(root), 'utf8');
}
