// JSON lexemes for the JSON Schema compiler: strings (patterns, formats, lengths, key classes), integers and
// numbers (bounds, multipleOf), and the format patterns. See each module's header for the exact languages.
export { type Decimal, decimalOf } from './decimal.ts';
export { FORMAT_NAMES, formatMatches, formatMaxLength, formatPattern } from './formats.ts';
export {
  LEXEME_CAPS,
  type LexemeCapName,
  MAX_COUNT,
  MAX_EXP_DIGITS,
  MAX_EXP_INT_DIGITS,
  MAX_INT_DIGITS,
} from './lexeme-caps.ts';
export {
  type IntegerLexemeOptions,
  jsonIntegerLexeme,
  jsonNumberLexeme,
  type NumberBounds,
  type NumberLexemeOptions,
} from './number-lexeme.ts';
export { jsonStringLexeme, type KeyPatterns, type StringLexemeSpec } from './string-lexeme.ts';
export { type AutomatonTable, distancesToFinal, emptyLexeme, exploreTable, TableLexeme } from './table-lexeme.ts';
