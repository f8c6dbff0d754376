// One exact character matcher interface for every constraint front end (regex DFA, GBNF grammar, JSON Schema),
// and the logit processor that plugs a matcher into the engine's step pipeline.
//
// With one token per character the mask *is* the set of characters the automaton accepts next. A matcher also knows
// how many characters it needs at least to reach acceptance, which gives force-close: with `budget` tokens left,
// only characters after which acceptance is still reachable within the rest of the budget are allowed, so a tiny
// model always closes what it opened.
import { EngineInputError } from '../errors.ts';
import type { ProcessorState, StatefulLogitProcessor } from '../step/processors.ts';
import { SET_WORDS, type VocabSet } from './vocab-set.ts';

export interface Matcher {
  /**
   * The tokens allowed next when `budget` tokens remain (this one included): each character after which the
   * matcher can still reach acceptance within `budget - 1` more characters, and end-of-text when accepting now.
   * Without a budget: every character that keeps acceptance reachable at all. The set is read-only and valid until
   * the next call on this matcher.
   */
  allowed(budget?: number): VocabSet;
  /** Follows one character token; false (and no change) when it is not allowed. */
  advance(token: number): boolean;
  /** Whether the characters so far are a complete match. */
  accepting(): boolean;
  /** Whether the first `length` characters followed so far were a complete match (for stop sequences). */
  acceptingAt(length: number): boolean;
  /** The fewest characters still needed to reach acceptance (0 when accepting). */
  minCharsToAccept(): number;
  /** Characters followed so far. */
  readonly length: number;
  /** Forgets every character from index `length` on (a rewind). */
  rewind(length: number): void;
  /** An independent copy in the same position. */
  clone(): Matcher;
}

/** A constraint that cannot be compiled or run: a 400 naming the request field it came from. */
export class ConstraintError extends EngineInputError {}

/**
 * The engine side of a constraint: disallowed tokens get -Infinity, end-of-text only when accepting; a stop sequence
 * may end generation only where the output before it is a complete match. Generation ends by itself when nothing
 * but end-of-text is allowed (the pipeline sees that).
 */
export class ConstraintProcessor implements StatefulLogitProcessor {
  constructor(readonly matcher: Matcher) {}

  process(logits: Float32Array, state: ProcessorState): void {
    const allowed = this.matcher.allowed(state.remaining);
    for (let w = 0; w < SET_WORDS; w++) {
      const bits = allowed[w] ?? 0;
      if (bits === -1 >>> 0) continue;
      const end = Math.min(logits.length, (w + 1) * 32);
      for (let t = w * 32; t < end; t++) if (!(bits & (1 << (t & 31)))) logits[t] = Number.NEGATIVE_INFINITY;
    }
  }

  accept(token: number): void {
    if (!this.matcher.advance(token)) {
      throw new Error(`constraint: token ${token} was drawn but the matcher does not allow it (engine bug)`);
    }
  }

  rewind(toIndex: number): void {
    this.matcher.rewind(toIndex);
  }

  canStop(outputLength: number): boolean {
    return this.matcher.acceptingAt(outputLength);
  }
}
