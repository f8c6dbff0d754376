// Sets of vocabulary tokens as bitsets: 97 tokens (newline, printable ASCII, end-of-text) in four 32-bit words.
// A constraint's mask is one of these: the characters its automaton accepts next, plus end-of-text when accepting.
import { EOS_ID, VOCAB_SIZE } from '../tokenizer.ts';

export const SET_WORDS = Math.ceil(VOCAB_SIZE / 32); // 4
/** Character tokens (end-of-text excluded): ids 0..CHAR_TOKENS-1. */
export const CHAR_TOKENS = EOS_ID; // 96

export type VocabSet = Uint32Array;

export const emptySet = (): VocabSet => new Uint32Array(SET_WORDS);

export function addToken(s: VocabSet, token: number): void {
  s[token >>> 5] = (s[token >>> 5] ?? 0) | (1 << (token & 31));
}

export function hasToken(s: VocabSet, token: number): boolean {
  return ((s[token >>> 5] ?? 0) & (1 << (token & 31))) !== 0;
}

/** a |= b */
export function unionInto(a: VocabSet, b: VocabSet): void {
  for (let i = 0; i < SET_WORDS; i++) a[i] = (a[i] ?? 0) | (b[i] ?? 0);
}

export function isEmptySet(s: VocabSet): boolean {
  for (let i = 0; i < SET_WORDS; i++) if (s[i]) return false;
  return true;
}

export function countTokens(s: VocabSet): number {
  let n = 0;
  for (let i = 0; i < SET_WORDS; i++) {
    let w = s[i] ?? 0;
    while (w) {
      w &= w - 1;
      n++;
    }
  }
  return n;
}

/** The tokens of a set, ascending. */
export function tokensOf(s: VocabSet): number[] {
  const out: number[] = [];
  for (let t = 0; t < VOCAB_SIZE; t++) if (hasToken(s, t)) out.push(t);
  return out;
}
