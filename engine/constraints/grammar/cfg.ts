// The flat context-free grammar the recogniser runs on: nonterminals, terminals, and productions `lhs → symbol*`.
// A terminal is a class (a vocabulary set over the character tokens) or a lexeme (a deterministic automaton used
// as one terminal, ../lexeme.ts). A symbol ≥ 0 is a nonterminal; a symbol in (LEXEME_BASE, 0) is the terminal
// class ~symbol (i.e. -1 - index); a symbol ≤ LEXEME_BASE is lexeme LEXEME_BASE - symbol. Nonterminal 0 is the
// start symbol, whose one production is `start → root`.
import type { Lexeme } from '../lexeme.ts';
import type { VocabSet } from '../vocab-set.ts';

export interface Production {
  readonly lhs: number;
  readonly rhs: readonly number[];
}

export interface Cfg {
  /** One name per nonterminal (named rules as written; helpers as `rule/n`), for stats and errors. */
  readonly names: readonly string[];
  /** The named rule each nonterminal was written in (a helper's rule), or '' for the start symbol. */
  readonly owners: readonly string[];
  /** Whether a nonterminal is a named rule (as opposed to a helper made from a group or a repetition). */
  readonly named: readonly boolean[];
  readonly productions: readonly Production[];
  /** Distinct terminal classes; a class may be empty (no vocabulary character in it). */
  readonly terminals: readonly VocabSet[];
  /** Distinct lexemes (by object identity); a lexeme may be the empty language (`dist(initial)` infinite). */
  readonly lexemes: readonly Lexeme[];
}

export const START = 0;

/** Symbols this low are lexemes (classes stay far above: there are at most CAPS.grammarSymbols of them). */
export const LEXEME_BASE = -(2 ** 30);

export const terminalSymbol = (t: number): number => -1 - t;
export const terminalIndex = (symbol: number): number => -1 - symbol;
export const lexemeSymbol = (l: number): number => LEXEME_BASE - l;
export const lexemeIndex = (symbol: number): number => LEXEME_BASE - symbol;
export const isLexemeSymbol = (symbol: number): boolean => symbol <= LEXEME_BASE;

/** Symbols the productions take, counted as dotted positions (each production's length + 1). */
export function countPositions(productions: readonly Production[]): number {
  let n = 0;
  for (const p of productions) n += p.rhs.length + 1;
  return n;
}
