// forbidden_terms: a matcher that never lets any of the terms appear as a substring of the output (exact,
// case-sensitive), alone or wrapped around another constraint's matcher. The terms become an Aho-Corasick automaton
// over character tokens; a character whose step would complete a term is removed from the mask. Alone, every
// prefix without a term is a complete output, so the mask is exact and closing is free. Around a constraint the
// mask stays sound (no term ever appears), but the inner matcher's force-close budget does not know the terms, so
// an output whose only completions contain a term may end incomplete (the check then reports valid: false).
import { EOS_ID, encode } from '../tokenizer.ts';
import type { Matcher } from './matcher.ts';
import { addToken, CHAR_TOKENS, emptySet, type VocabSet } from './vocab-set.ts';

/** Aho-Corasick over character tokens: a full transition table, `hit[s]` when a term ends at s (or a suffix). */
export interface TermAutomaton {
  readonly next: Int32Array;
  readonly hit: Uint8Array;
  readonly states: number;
}

/** Terms with characters outside the vocabulary can never appear and are dropped; an empty term is refused by callers. */
export function termAutomaton(terms: readonly string[]): TermAutomaton {
  const goto: Map<number, number>[] = [new Map()];
  const hitList = [false];
  for (const term of terms) {
    if (!/^[\n\x20-\x7e]+$/.test(term)) continue;
    let s = 0;
    for (const t of encode(term)) {
      let n = goto[s]?.get(t);
      if (n === undefined) {
        n = goto.length;
        goto.push(new Map());
        hitList.push(false);
        goto[s]?.set(t, n);
      }
      s = n;
    }
    hitList[s] = true;
  }
  const S = goto.length;
  const next = new Int32Array(S * CHAR_TOKENS);
  const hit = Uint8Array.from(hitList, (h) => (h ? 1 : 0));
  const fail = new Int32Array(S);
  const queue: number[] = [];
  for (let t = 0; t < CHAR_TOKENS; t++) {
    const n = goto[0]?.get(t);
    next[t] = n ?? 0;
    if (n !== undefined) queue.push(n);
  }
  for (let i = 0; i < queue.length; i++) {
    const s = queue[i] as number;
    if (hit[fail[s] as number]) hit[s] = 1;
    for (let t = 0; t < CHAR_TOKENS; t++) {
      const n = goto[s]?.get(t);
      const viaFail = next[(fail[s] as number) * CHAR_TOKENS + t] as number;
      if (n !== undefined) {
        fail[n] = viaFail;
        next[s * CHAR_TOKENS + t] = n;
        queue.push(n);
      } else next[s * CHAR_TOKENS + t] = viaFail;
    }
  }
  return { next, hit, states: S };
}

export class ForbiddenTermsMatcher implements Matcher {
  private readonly set: VocabSet = emptySet();
  /** AC state after each prefix: states[i] is the state after i characters. */
  private states: number[];

  constructor(
    private readonly ac: TermAutomaton,
    private readonly inner: Matcher | undefined,
    states: number[] = [0],
  ) {
    this.states = states;
  }

  get length(): number {
    return this.states.length - 1;
  }

  private get state(): number {
    return this.states[this.states.length - 1] as number;
  }

  allowed(budget?: number): VocabSet {
    const s = this.state;
    if (this.inner) this.set.set(this.inner.allowed(budget));
    else {
      this.set.fill(0);
      for (let t = 0; t < CHAR_TOKENS; t++) if (budget === undefined || budget >= 1) addToken(this.set, t);
      addToken(this.set, EOS_ID);
    }
    for (let t = 0; t < CHAR_TOKENS; t++)
      if (this.ac.hit[this.ac.next[s * CHAR_TOKENS + t] as number])
        this.set[t >>> 5] = (this.set[t >>> 5] ?? 0) & ~(1 << (t & 31));
    return this.set;
  }

  advance(token: number): boolean {
    if (token < 0 || token >= CHAR_TOKENS) return false;
    const n = this.ac.next[this.state * CHAR_TOKENS + token] as number;
    if (this.ac.hit[n]) return false;
    if (this.inner && !this.inner.advance(token)) return false;
    this.states.push(n);
    return true;
  }

  accepting(): boolean {
    return this.inner ? this.inner.accepting() : true;
  }

  acceptingAt(length: number): boolean {
    return this.inner ? this.inner.acceptingAt(length) : length <= this.length;
  }

  minCharsToAccept(): number {
    return this.inner ? this.inner.minCharsToAccept() : 0;
  }

  rewind(length: number): void {
    if (length < this.length) this.states.length = length + 1;
    this.inner?.rewind(length);
  }

  clone(): Matcher {
    return new ForbiddenTermsMatcher(this.ac, this.inner?.clone(), [...this.states]);
  }
}

/** Characters a satisfiability search may feed before it gives up (a deterministic work cap). */
export const SATISFIABLE_SEARCH_STEPS = 20_000;

/**
 * Whether some complete output of at most `budget` characters avoids every term, searched depth-first from `m`
 * (a ForbiddenTermsMatcher around the constraint), nearest-to-complete characters first, with states already seen
 * at the same depth skipped: `true` (found), `false` (the whole space was searched: none exists) or `undefined`
 * (the step cap ran out first).
 */
export function satisfiable(m: Matcher, budget: number): boolean | undefined {
  let steps = 0;
  let capped = false;
  const visit = (cur: Matcher, left: number): boolean => {
    if (cur.accepting()) return true;
    if (left <= 0) return false;
    const options: { t: number; next: Matcher; need: number }[] = [];
    for (const t of tokensOfSet(cur.allowed(left))) {
      if (t === EOS_ID) continue;
      if (++steps > SATISFIABLE_SEARCH_STEPS) {
        capped = true;
        return false;
      }
      const next = cur.clone();
      if (next.advance(t)) options.push({ t, next, need: next.minCharsToAccept() });
    }
    options.sort((a, b) => a.need - b.need || a.t - b.t);
    for (const o of options) {
      if (visit(o.next, left - 1)) return true;
      if (capped) return false;
    }
    return false;
  };
  const found = visit(m.clone(), budget);
  return found ? true : capped ? undefined : false;
}

function tokensOfSet(s: VocabSet): number[] {
  const out: number[] = [];
  for (let t = 0; t <= EOS_ID; t++) if (((s[t >>> 5] ?? 0) & (1 << (t & 31))) !== 0) out.push(t);
  return out;
}
