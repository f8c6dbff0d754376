// The budget side of the recogniser: how many characters each item still needs to finish the whole parse.
//
// For an item (A → α • β, j): cost = minLen(β) + up(A, j), where up(X, j) is the fewest characters needed after an
// X that started at position j completes: up(start, 0) = 0, otherwise the minimum over the items
// (B → γ • X δ, i) of set j of minLen(δ) + up(B, i). Items carried into a set (scanned or completed, origin < j)
// already know their up; the items predicted in set j (origin j) depend on one another, with non-negative
// weights, so one Dijkstra pass over the predicted nonterminals solves them when the set is finished. A class
// item's cost is then 1 + minLen(after the terminal) + up: the character fits a budget b iff cost ≤ b. An item
// before a lexeme in state q needs between minStep(q) and maxStep(q) characters for its next step and the rest of
// the lexeme, plus minLen(after the lexeme) + up; which characters fit a budget is the lexeme's to say
// (allowedInto with the budget less minLen(after the lexeme) + up).
import type { Lexeme } from '../lexeme.ts';
import { addLengths, MAX_LENGTH } from './cfg-analysis.ts';
import { type GrammarTables, LEXEME_AT } from './grammar-tables.ts';
import { MinHeap } from './min-heap.ts';

/** The `up` of an item predicted in the set being built, until resolveCosts fills it in. */
export const PENDING_UP = -1;

/** Ints per Earley item: dot, origin, up, lex. */
export const ITEM_INTS = 4;

/** Scratch for resolveCosts, indexed by nonterminal (stamped, so never cleared). */
export interface SetCosts {
  readonly dist: Float64Array;
  readonly stamp: Int32Array;
  readonly lhsHead: Int32Array;
  lhsNext: Int32Array;
  generation: number;
}

const heap = new MinHeap();
// module-local bindings: hot loops read these directly (an imported binding may be a live getter under some loaders)
const add = addLengths;
const MAX = MAX_LENGTH;
const PENDING = PENDING_UP;
const LEX = LEXEME_AT;
const Q = ITEM_INTS;

/**
 * Fills in the `up` of the items predicted in this set (quadruples dot, origin, up, lex with up = -1), and returns
 * the fewest and most characters any scan item needs.
 */
export function resolveCosts(
  g: GrammarTables,
  scratch: SetCosts,
  items: Int32Array,
  count: number,
): { minScanCost: number; maxScanCost: number } {
  const { symAt, lhsAt, sufMin, lexemes } = g;
  if (scratch.generation === 0x7fffffff) {
    scratch.generation = 0;
    scratch.stamp.fill(0);
  }
  const gen = ++scratch.generation;
  const { dist, stamp, lhsHead } = scratch;
  if (scratch.lhsNext.length < count) scratch.lhsNext = new Int32Array(count * 2);
  const lhsNext = scratch.lhsNext;
  heap.clear();
  let pending = false;
  for (let i = 0; i < count; i++) {
    const d = items[Q * i] ?? 0;
    const x = symAt[d] ?? -1;
    if (x < 0) continue;
    if (stamp[x] !== gen) {
      stamp[x] = gen;
      dist[x] = Infinity;
      lhsHead[x] = -1;
    }
    const up = items[Q * i + 2] ?? 0;
    if (up === PENDING) {
      // predicted here: an edge lhs → x of weight minLen(after x)
      pending = true;
      const lhs = lhsAt[d] ?? 0;
      if (stamp[lhs] !== gen) {
        stamp[lhs] = gen;
        dist[lhs] = Infinity;
        lhsHead[lhs] = -1;
      }
      lhsNext[i] = lhsHead[lhs] ?? -1;
      lhsHead[lhs] = i;
      continue;
    }
    const c = add(sufMin[d + 1] ?? 0, up);
    if (c < (dist[x] ?? Infinity)) {
      dist[x] = c;
      heap.push(c, x);
    }
  }
  if (pending) {
    while (heap.size > 0) {
      const key = heap.peekKey();
      const x = heap.pop();
      if (key > (dist[x] ?? Infinity)) continue;
      for (let i = lhsHead[x] ?? -1; i >= 0; i = lhsNext[i] ?? -1) {
        const d = items[Q * i] ?? 0;
        const y = symAt[d] ?? 0;
        const c = add(key, sufMin[d + 1] ?? 0);
        if (c < (dist[y] ?? Infinity)) {
          dist[y] = c;
          heap.push(c, y);
        }
      }
    }
  }
  let minScanCost = Infinity;
  let maxScanCost = 0;
  for (let i = 0; i < count; i++) {
    const d = items[Q * i] ?? 0;
    let up = items[Q * i + 2] ?? 0;
    if (up === PENDING) {
      const lhs = lhsAt[d] ?? 0;
      // every predicted nonterminal is waited on by an item with a finite cost, so this is finite
      up = Math.min(stamp[lhs] === gen ? (dist[lhs] ?? MAX) : MAX, MAX);
      items[Q * i + 2] = up;
    }
    const s = symAt[d] ?? 0;
    if (s > -2) continue;
    const rest = add(sufMin[d + 1] ?? 0, up);
    if (s > LEX) {
      const cost = add(1, rest);
      if (cost < minScanCost) minScanCost = cost;
      if (cost > maxScanCost) maxScanCost = cost;
      continue;
    }
    const lexeme = lexemes[LEX - s] as Lexeme;
    const q = items[Q * i + 3] ?? 0;
    const least = lexeme.minStep(q);
    if (least === Infinity) continue; // no character goes on from q (an accepting dead end)
    const cost = add(least, rest);
    if (cost < minScanCost) minScanCost = cost;
    const most = add(lexeme.maxStep(q), rest);
    if (most > maxScanCost) maxScanCost = most;
  }
  return { minScanCost, maxScanCost };
}

/** The cost of the class item at quadruple offset `j` (call only for items before a terminal class). */
export function scanCost(g: GrammarTables, items: Int32Array, j: number): number {
  return add(1, add(g.sufMin[(items[j] ?? 0) + 1] ?? 0, items[j + 2] ?? 0));
}
