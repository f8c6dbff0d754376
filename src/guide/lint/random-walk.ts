// A "what will it look like" sample of a constraint: a seeded random walk of its matcher, character by character,
// within the max-tokens budget (the matcher's `allowed(budget)` keeps a complete match reachable, so the walk always
// ends accepting). It leans toward closing so samples stay small and plausible: it stops soon once accepting, often
// takes a character that brings acceptance nearer, and prefers letters in free text and digits elsewhere.
import type { Matcher } from '../../../engine/constraints/matcher.ts';
import { seeded } from '../../../engine/constraints/seeded.ts';
import { CHAR_TOKENS, hasToken } from '../../../engine/constraints/vocab-set.ts';
import { tokenText } from '../../../engine/tokenizer.ts';

/** Stop as soon as accepting with this probability (else write on: an optional member, more digits…). */
const STOP = 0.7;
/**
 * Take a character that brings acceptance nearer with this probability, in free text (after a few characters of
 * it, so strings are seldom empty) and in tight places (numbers, punctuation).
 */
const CLOSE_FREE = 0.2;
const CLOSE_TIGHT = 0.5;
const FREE_RUN = 2;
/** More allowed characters than this: free text (inside a string), where letters are preferred. */
const FREE_TEXT = 40;

function weight(ch: string, free: boolean): number {
  if (ch >= 'a' && ch <= 'z') return free ? 4 : 1;
  if (ch >= '0' && ch <= '9') return free ? 1 : 3;
  if (ch >= 'A' && ch <= 'Z') return free ? 0.7 : 0.5;
  if (ch === ' ') return free ? 1.5 : 0.3;
  if (ch === '\n') return 0.05;
  return free ? 0.15 : 0.5;
}

function pick(tokens: readonly number[], free: boolean, rand: () => number): number {
  const w = tokens.map((t) => weight(tokenText(t), free));
  let r = rand() * w.reduce((a, b) => a + b, 0);
  for (let i = 0; i < tokens.length; i++) {
    r -= w[i] ?? 0;
    if (r < 0) return tokens[i] ?? 0;
  }
  return tokens[tokens.length - 1] ?? 0;
}

/** The allowed characters after which acceptance is nearer (found by stepping in and rewinding). */
function closer(m: Matcher, tokens: readonly number[]): number[] {
  const d = m.minCharsToAccept();
  const at = m.length;
  const out: number[] = [];
  for (const t of tokens) {
    if (!m.advance(t)) continue;
    if (m.minCharsToAccept() < d) out.push(t);
    m.rewind(at);
  }
  return out;
}

/** Walks a fresh matcher to an accepting end within `maxTokens` characters; the text written. */
export function randomWalk(m: Matcher, maxTokens: number, seed: number): string {
  const rand = seeded(seed);
  let text = '';
  let run = 0; // free-text characters in a row
  while (m.length < maxTokens) {
    const allowed = m.allowed(maxTokens - m.length);
    const tokens: number[] = [];
    for (let t = 0; t < CHAR_TOKENS; t++) if (hasToken(allowed, t)) tokens.push(t);
    const accepting = m.accepting();
    if (tokens.length === 0 || (accepting && rand() < STOP)) break;
    const free = tokens.length > FREE_TEXT;
    run = free ? run + 1 : 0;
    // the closing pull grows as the budget runs out
    const base = free ? (run > FREE_RUN ? CLOSE_FREE : 0) : CLOSE_TIGHT;
    const used = m.length / maxTokens;
    const pull = base + (1 - base) * used * used;
    const nearer = !accepting && rand() < pull ? closer(m, tokens) : [];
    const t = pick(nearer.length ? nearer : tokens, free, rand);
    if (!m.advance(t)) throw new Error(`the matcher refused the character ${JSON.stringify(tokenText(t))} it allowed`);
    text += tokenText(t);
  }
  if (!m.accepting()) throw new Error(`the walk ended after ${m.length} characters without a complete match`);
  return text;
}
