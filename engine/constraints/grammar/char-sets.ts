// Grammar terminals as vocabulary sets: a literal's character or a class, intersected with the character tokens
// (newline and printable ASCII). A character outside them (a tab, 'é', NUL) can never be produced, so it simply
// drops out; a class may end up empty.
import { NEWLINE_ID } from '../../tokenizer.ts';
import { addToken, emptySet, type VocabSet } from '../vocab-set.ts';
import type { ClassNode } from './gbnf-ast.ts';

/** The token of a code point, or -1 when it is not in the vocabulary. */
export function charToken(codePoint: number): number {
  if (codePoint === 10) return NEWLINE_ID;
  if (codePoint >= 32 && codePoint <= 126) return codePoint - 31;
  return -1;
}

export function singleCharSet(codePoint: number): VocabSet {
  const s = emptySet();
  const t = charToken(codePoint);
  if (t >= 0) addToken(s, t);
  return s;
}

export function classSet(node: ClassNode): VocabSet {
  const s = emptySet();
  const add = (c: number) => {
    let inside = false;
    for (const [lo, hi] of node.ranges) if (c >= lo && c <= hi) inside = true;
    if (inside !== node.negated) addToken(s, charToken(c));
  };
  add(10);
  for (let c = 32; c <= 126; c++) add(c);
  return s;
}
