// Deterministic work caps for compiling and running constraints. A constraint that would need more is refused
// with a 400 naming the cap — never by wall-clock time, so the same request gets the same answer on a busy machine.

export const CAPS = {
  /** Characters of a regex pattern or a grammar's text. */
  sourceChars: 500_000,
  /** States of a regex's DFA (before and after minimisation; refa's node factory counts them as it builds). */
  dfaStates: 10_000,
  /** The largest bound of a repetition `{m,n}` in a regex or a grammar. */
  repetitionBound: 1_000,
  /** Rules of a grammar as written (named rules). */
  grammarRules: 2_000,
  /** Symbols in a grammar after repetitions and groups are expanded into rules (dotted positions). */
  grammarSymbols: 200_000,
  /** Nesting depth of groups in a regex or grammar (parentheses inside parentheses). */
  nestingDepth: 200,
  /** Earley items at one position of the output. */
  earleyItems: 20_000,
} as const;

export type CapName = keyof typeof CAPS;
