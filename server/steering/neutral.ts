// The neutral text a hook's mean residual norm is measured on, for the vectors computed here: the first 2,048
// characters of the committed held-out Persuasion slice (never trained on), fed as 8 windows of 256 characters from
// an empty cache, every position counted. One fixed text, so a user vector's scale depends on its hook only — not
// on how many examples it has or what they say — and strength means the same for every vector at that hook.
import { REPO_ROOT } from '../../engine/node/load-model.ts';
import { readHeldout } from '../../engine/train/heldout.ts';

export const NEUTRAL_CHARS = 2048;

let cached: string | undefined;

export function neutralText(): string {
  cached ??= readHeldout(REPO_ROOT).slice(0, NEUTRAL_CHARS);
  return cached;
}
