// Facts about a CFG: which nonterminals are reachable from the start symbol, and the fewest characters each
// nonterminal derives (Knuth's generalisation of Dijkstra: a production is settled once all its nonterminals are;
// Infinity marks a nonterminal that derives no finite string). Lengths saturate at MAX_LENGTH (2^30, more than any
// budget), so a grammar like ("a"{1000}){1000}{1000} stays finite and every length fits an Int32Array.
import { type Cfg, START } from './cfg.ts';
import { MinHeap } from './min-heap.ts';

/** Lengths this large mean "more than any budget"; sums saturate here. */
export const MAX_LENGTH = 2 ** 30;

/** a + b, saturating at MAX_LENGTH (Infinity stays Infinity: it means "no finite string"). */
export const addLengths = (a: number, b: number): number => {
  const s = a + b;
  return s >= MAX_LENGTH && s !== Infinity ? MAX_LENGTH : s;
};

/**
 * The fewest characters each nonterminal derives, with `terminalLength(symbol)` for a terminal symbol (< 0: a class
 * or a lexeme; Infinity for one that can produce nothing). Only productions with `keep(p)` count.
 */
export function minLengths(
  cfg: Cfg,
  terminalLength: (symbol: number) => number,
  keep: (p: number) => boolean = () => true,
): Float64Array {
  const n = cfg.names.length;
  const prods = cfg.productions;
  const remaining = new Int32Array(prods.length);
  const partial = new Float64Array(prods.length);
  const occurrences: number[][] = Array.from({ length: n }, () => []);
  const heap = new MinHeap();
  prods.forEach((p, i) => {
    if (!keep(i)) return;
    let sum = 0;
    let open = 0;
    for (const s of p.rhs) {
      if (s >= 0) {
        open++;
        occurrences[s]?.push(i);
      } else sum = addLengths(sum, terminalLength(s));
    }
    if (sum === Infinity) {
      remaining[i] = -1; // never completes
      return;
    }
    remaining[i] = open;
    partial[i] = sum;
    if (open === 0) heap.push(sum, p.lhs);
  });
  const len = new Float64Array(n).fill(Infinity);
  while (heap.size > 0) {
    const key = heap.peekKey();
    const x = heap.pop();
    if (len[x] !== Infinity) continue;
    len[x] = key;
    for (const i of occurrences[x] ?? []) {
      if ((remaining[i] ?? -1) <= 0) continue;
      partial[i] = addLengths(partial[i] ?? 0, key);
      remaining[i] = (remaining[i] ?? 0) - 1;
      if (remaining[i] === 0) heap.push(partial[i] ?? 0, prods[i]?.lhs ?? 0);
    }
  }
  return len;
}

/** Nonterminals reachable from the start symbol through the productions with `keep(p)`. */
export function reachable(cfg: Cfg, keep: (p: number) => boolean = () => true): Uint8Array {
  const n = cfg.names.length;
  const byLhs: number[][] = Array.from({ length: n }, () => []);
  cfg.productions.forEach((p, i) => {
    if (keep(i)) byLhs[p.lhs]?.push(i);
  });
  const seen = new Uint8Array(n);
  const stack = [START];
  seen[START] = 1;
  while (stack.length > 0) {
    const x = stack.pop() ?? 0;
    for (const i of byLhs[x] ?? []) {
      for (const s of cfg.productions[i]?.rhs ?? []) {
        if (s >= 0 && !seen[s]) {
          seen[s] = 1;
          stack.push(s);
        }
      }
    }
  }
  return seen;
}
