// The reduced CFG laid out for the Earley recogniser: every production's dotted positions ("dots") in one flat
// array, so an Earley item is two integers (dot, origin). For each dot: the symbol after it (nonterminal ≥ 0,
// terminal class t as -2 - t, END = -1 when the production is complete), the production's left-hand side, and the
// fewest characters the rest of the production derives. Terminal classes are one Uint32Array of 4 words each.
import { SET_WORDS } from '../vocab-set.ts';
import { START } from './cfg.ts';
import { addLengths } from './cfg-analysis.ts';
import type { ReducedCfg } from './cfg-reduce.ts';

export const END = -1;

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
  /** `start → • root` and `start → root •`. */
  readonly startDot: number;
  readonly acceptDot: number;
  readonly names: readonly string[];
}

export function buildTables({ cfg, minLen }: ReducedCfg): GrammarTables {
  const n = cfg.names.length;
  let positions = 0;
  for (const p of cfg.productions) positions += p.rhs.length + 1;
  const symAt = new Int32Array(positions);
  const lhsAt = new Int32Array(positions);
  const sufMin = new Int32Array(positions);
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
      symAt[d + i] = s >= 0 ? s : s - 1; // terminal ~t (= -1 - t) → -2 - t
      lhsAt[d + i] = p.lhs;
    }
    symAt[d + p.rhs.length] = END;
    lhsAt[d + p.rhs.length] = p.lhs;
    let suffix = 0;
    sufMin[d + p.rhs.length] = 0;
    for (let i = p.rhs.length - 1; i >= 0; i--) {
      const s = p.rhs[i] ?? 0;
      suffix = addLengths(suffix, s >= 0 ? (minLen[s] ?? 0) : 1);
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
    startDot,
    acceptDot: startDot + 1,
    names: cfg.names,
  };
}
