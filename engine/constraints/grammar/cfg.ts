// The flat context-free grammar the recogniser runs on: nonterminals, terminal classes (vocabulary sets over the
// character tokens), and productions `lhs → symbol*`. A symbol ≥ 0 is a nonterminal; a symbol < 0 is the terminal
// class ~symbol (i.e. -1 - index). Nonterminal 0 is the start symbol, whose one production is `start → root`.
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
}

export const START = 0;

export const terminalSymbol = (t: number): number => -1 - t;
export const terminalIndex = (symbol: number): number => -1 - symbol;

/** Symbols the productions take, counted as dotted positions (each production's length + 1). */
export function countPositions(productions: readonly Production[]): number {
  let n = 0;
  for (const p of productions) n += p.rhs.length + 1;
  return n;
}
