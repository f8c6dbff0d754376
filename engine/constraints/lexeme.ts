// A lexeme: a deterministic automaton over character tokens that a grammar uses as one terminal — a JSON string
// with its pattern and length bounds, a number in a range — so that counters (lengths, bounds) are states of a
// small automaton instead of rules unrolled into the grammar. States are non-negative integers chosen by the
// lexeme; -1 is "no state" (the character is not allowed). Every method is pure: a state never changes meaning.
import type { VocabSet } from './vocab-set.ts';

export interface Lexeme {
  /** A short name for errors and stats, e.g. `string{0,255}` or `integer[0,100]`. */
  readonly name: string;
  /** The state at the lexeme's first character. */
  readonly initial: number;
  /** The state after character token `token` (0..95) from `state`, or -1 when that character is not allowed. */
  step(state: number, token: number): number;
  /** Whether the lexeme may end in `state`. */
  accepting(state: number): boolean;
  /**
   * The fewest characters from `state` to an accepting state (0 when accepting). Only states from which an
   * accepting state is reachable are ever returned by `step`, so this is finite for every state a matcher holds.
   */
  dist(state: number): number;
  /**
   * Adds to `into` every character token t allowed from `state` with 1 + dist(step(state, t)) ≤ budget
   * (all allowed characters when budget is Infinity). Never adds end-of-text.
   */
  allowedInto(state: number, budget: number, into: VocabSet): void;
  /** The fewest characters one more step needs to reach acceptance: min over t of 1 + dist(step(state, t)) (Infinity when none). */
  minStep(state: number): number;
  /** The most one more step needs: max over allowed t of 1 + dist(step(state, t)) (0 when none); a budget ≥ this allows every character. */
  maxStep(state: number): number;
}
