// Helpers for the grammar tests: run a text through a matcher character by character, and a seeded PRNG.
import { encode } from '../../tokenizer.ts';
import type { Matcher } from '../matcher.ts';
import { hasToken } from '../vocab-set.ts';

export { seeded } from '../seeded.ts';

/** Follows `text` (which must be in the vocabulary); true when every character was allowed and the end accepts. */
export function matcherAccepts(m: Matcher, text: string): boolean {
  for (const t of encode(text)) {
    if (!hasToken(m.allowed(), t)) {
      if (m.advance(t)) throw new Error(`advance took token ${t} that allowed() left out`);
      return false;
    }
    if (!m.advance(t)) throw new Error(`allowed() offered token ${t} that advance refused`);
  }
  return m.accepting();
}

/** Whether every character of `text` is newline or printable ASCII (what the matcher can be fed). */
export const inVocabulary = (text: string): boolean => /^[\n\x20-\x7e]*$/.test(text);
