// Random walks over a matcher, as a generation with a model that picks uniformly among allowed tokens would make
// them: with force-close (the budget given to allowed()), until end-of-text is picked or the budget is spent.
import type { Matcher } from '../constraints/matcher.ts';
import { tokensOf } from '../constraints/vocab-set.ts';
import { Rng } from '../rng.ts';
import { EOS_ID, tokenText } from '../tokenizer.ts';

export interface Walk {
  readonly text: string;
  /** Whether the matcher was accepting where the walk ended. */
  readonly accepting: boolean;
  /** Whether end-of-text was picked (else the budget ran out). */
  readonly ended: boolean;
  /** Every step's minCharsToAccept() before its character, then the final one. */
  readonly mins: readonly number[];
}

export function randomWalk(m: Matcher, budget: number, seed: number): Walk {
  const rng = new Rng(seed);
  let text = '';
  const mins = [m.minCharsToAccept()];
  for (let remaining = budget; remaining > 0; remaining--) {
    const options = tokensOf(m.allowed(remaining));
    if (options.length === 0) throw new Error(`nothing allowed after ${JSON.stringify(text)}`);
    const t = options[Math.floor(rng.next() * options.length)] ?? EOS_ID;
    if (t === EOS_ID) return { text, accepting: m.accepting(), ended: true, mins };
    if (!m.advance(t)) throw new Error(`advance(${t}) refused a token allowed() gave`);
    text += tokenText(t);
    mins.push(m.minCharsToAccept());
  }
  return { text, accepting: m.accepting(), ended: false, mins };
}

/** Feeds `text` character by character; the index of the first refused character, or -1 when all were allowed. */
export function feed(m: Matcher, tokens: readonly number[]): number {
  for (const [i, t] of tokens.entries()) {
    const allowed = m.allowed();
    if (!((allowed[t >>> 5] ?? 0) & (1 << (t & 31)))) return i;
    if (!m.advance(t)) return i;
  }
  return -1;
}
