// Work caps and constants of the JSON lexemes (strings, integers, numbers), and their errors. Caps count states,
// never time, so the same schema gets the same answer on a busy machine; the shared caps (`dfaStates` and the
// regex caps) come from ../../caps.ts, these are the lexemes' own, each named in the message that refuses.
import { SchemaError, showPointer } from '../schema-error.ts';

/** The largest length count a string lexeme tells apart. A generation has at most 4096 tokens, so a string of
 * more than 4096 decoded characters never fits; counts run well past that so the matcher is exact for checking
 * longer texts too (MaskBench feeds instances of any length). Longer `maxLength` is unbounded; longer `minLength`
 * counts as MAX_COUNT (unsatisfiable within any budget). */
export const MAX_COUNT = 16_384;

/** Integer digits a number may have (before any fraction) when no bound limits it: 10^300 is finite as a double. */
export const MAX_INT_DIGITS = 300;
/** With an exponent (unbounded numbers only): at most this many integer digits and two exponent digits. */
export const MAX_EXP_INT_DIGITS = 200;
export const MAX_EXP_DIGITS = 2;

export const LEXEME_CAPS = {
  /** Decoded-automaton states × length counts in a string lexeme's distance table. */
  stringLengthTable: 2_000_000,
  /** States of the `\uXXXX` hex-digit automata of one string lexeme. */
  hexStates: 200_000,
  /** The least common multiple of an integer's `multipleOf` values. */
  multipleOf: 10_000,
  /** States of a number's digit automaton times the residues modulo `multipleOf`. */
  numberStates: 2_000_000,
} as const;

export type LexemeCapName = keyof typeof LEXEME_CAPS;

/** A compile error of a lexeme: `json_schema: <what> at #<pointer>` (the pointer raw, `/a/b`, or shown, `#/a/b`). */
export function lexemeError(what: string, pointer: string | undefined, cap?: string): SchemaError {
  const where = pointer?.startsWith('#') ? pointer : showPointer(pointer ?? '');
  return new SchemaError(`${what} at ${where}`, cap === undefined ? {} : { cap });
}
