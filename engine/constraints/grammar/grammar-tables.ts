// The reduced CFG laid out for the Earley recogniser: every production's dotted positions ("dots") in one flat
// array, so an Earley item is a few integers (dot, origin, …). For each dot: the symbol after it (nonterminal ≥ 0,
// END = -1 when the production is complete, terminal class t as -2 - t, lexeme l as LEXEME_AT - l), the
// production's left-hand side, the fewest characters the rest of the production derives, and the initial state of
// the lexeme after it (-1 when none). Terminal classes are one Uint32Array of 4 words each.
import type { Lexeme } from '../lexeme.ts';
import { SET_WORDS } from '../vocab-set.ts';
import { isLexemeSymbol, LEXEME_BASE, lexemeIndex, START } from './cfg.ts';
import { addLengths } from './cfg-analysis.ts';
import { lexemeMinLength, type ReducedCfg } from './cfg-reduce.ts';
import { GRAMMAR_FIELD } from './grammar-errors.ts';

export const END = -1;
/** symAt values ≤ LEXEME_AT are lexemes (LEXEME_AT - l); those in (LEXEME_AT, -2] are classes (-2 - t). */
export const LEXEME_AT = LEXEME_BASE;

export interface GrammarTables {
  readonly nonterminals: number;
  readonly productions: number;
  /** Dotted positions (each production's length + 1). */
  readonly positions: number;
  readonly symAt: Int32Array;
  readonly lhsAt: Int32Array;
  /** Fewest characters derived by the symbols from this dot to the end of its production. */
  readonly sufMin: Int32Array;
  /** The first dot of each production of nonterminal x: firstDots[firstDotsStart[x] .. firstDotsStart[x+1]). */
  readonly firstDots: Int32Array;
  readonly firstDotsStart: Int32Array;
  readonly nullable: Uint8Array;
  readonly minLen: Float64Array;
  /** Terminal class t's vocabulary set is classBits[t * SET_WORDS .. +SET_WORDS). */
  readonly classBits: Uint32Array;
  /** The lexemes, by index. */
  readonly lexemes: readonly Lexeme[];
  /** The initial state of the lexeme after each dot, or -1 when the symbol there is not a lexeme. */
  readonly lexInit: Int32Array;
  /** The request field errors at run time name (`grammar`, `json_schema`). */
  readonly field: string;
  /** `start → • root` and `start → root •`. */
  readonly startDot: number;
  readonly acceptDot: number;
  readonly names: readonly string[];
}

export function buildTables({ cfg, minLen }: ReducedCfg, field: string = GRAMMAR_FIELD): GrammarTables {
  const n = cfg.names.length;
  let positions = 0;
  for (const p of cfg.productions) positions += p.rhs.length + 1;
  const symAt = new Int32Array(positions);
  const lhsAt = new Int32Array(positions);
  const sufMin = new Int32Array(positions);
  const lexInit = new Int32Array(positions).fill(-1);
  const lexemeLen = cfg.lexemes.map(lexemeMinLength);
  const counts = new Int32Array(n + 1);
  for (const p of cfg.productions) counts[p.lhs + 1] = (counts[p.lhs + 1] ?? 0) + 1;
  const firstDotsStart = new Int32Array(n + 1);
  for (let x = 0; x < n; x++) firstDotsStart[x + 1] = (firstDotsStart[x] ?? 0) + (counts[x + 1] ?? 0);
  const fill = firstDotsStart.slice(0, n);
  const firstDots = new Int32Array(cfg.productions.length);
  let d = 0;
  let startDot = -1;
  for (const p of cfg.productions) {
    const slot = fill[p.lhs] ?? 0;
    firstDots[slot] = d;
    fill[p.lhs] = slot + 1;
    if (p.lhs === START) startDot = d;
    for (let i = 0; i < p.rhs.length; i++) {
      const s = p.rhs[i] ?? 0;
      if (isLexemeSymbol(s)) {
        symAt[d + i] = s; // LEXEME_BASE - l, unchanged
        lexInit[d + i] = cfg.lexemes[lexemeIndex(s)]?.initial ?? -1;
      } else symAt[d + i] = s >= 0 ? s : s - 1; // terminal ~t (= -1 - t) → -2 - t
      lhsAt[d + i] = p.lhs;
    }
    symAt[d + p.rhs.length] = END;
    lhsAt[d + p.rhs.length] = p.lhs;
    let suffix = 0;
    sufMin[d + p.rhs.length] = 0;
    for (let i = p.rhs.length - 1; i >= 0; i--) {
      const s = p.rhs[i] ?? 0;
      const len = s >= 0 ? (minLen[s] ?? 0) : isLexemeSymbol(s) ? (lexemeLen[lexemeIndex(s)] ?? 0) : 1;
      suffix = addLengths(suffix, len);
      sufMin[d + i] = suffix;
    }
    d += p.rhs.length + 1;
  }
  const classBits = new Uint32Array(cfg.terminals.length * SET_WORDS);
  cfg.terminals.forEach((set, t) => {
    classBits.set(set.subarray(0, SET_WORDS), t * SET_WORDS);
  });
  const nullable = new Uint8Array(n);
  for (let x = 0; x < n; x++) nullable[x] = minLen[x] === 0 ? 1 : 0;
  return {
    nonterminals: n,
    productions: cfg.productions.length,
    positions,
    symAt,
    lhsAt,
    sufMin,
    firstDots,
    firstDotsStart,
    nullable,
    minLen,
    classBits,
    lexemes: cfg.lexemes,
    lexInit,
    field,
    startDot,
    acceptDot: startDot + 1,
    names: cfg.names,
  };
}
