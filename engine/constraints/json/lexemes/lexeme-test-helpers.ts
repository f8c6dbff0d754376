// Helpers for the lexeme tests: feed a text, random walks under a budget, and a brute-force check of dist,
// allowedInto, minStep and maxStep against breadth-first search over the tokens.
import type { Lexeme } from '../../lexeme.ts';
import { CHAR_TOKENS, emptySet, hasToken, tokensOf } from '../../vocab-set.ts';
import { codeOfToken, tokenOf } from './table-lexeme.ts';

export { seeded } from '../../grammar/grammar-test-helpers.ts';

/** The state after `text` from the initial state, or -1 when some character is not allowed. */
export function run(lex: Lexeme, text: string, from = lex.initial): number {
  let s = from;
  for (const ch of text) {
    if (ch !== '\n' && (ch < ' ' || ch > '~')) return -1;
    s = lex.step(s, tokenOf(ch));
    if (s < 0) return -1;
  }
  return s;
}

export function accepts(lex: Lexeme, text: string): boolean {
  const s = run(lex, text);
  return s >= 0 && lex.accepting(s);
}

/**
 * A random walk: uniform over the characters allowed within the remaining budget; at an accepting state it stops
 * with probability `stop` (and always when nothing else fits). Throws when the lexeme strands the walk.
 */
export function randomWalk(lex: Lexeme, rand: () => number, budget: number, stop = 0.15): string {
  let s = lex.initial;
  let out = '';
  if (lex.dist(s) > budget) throw new Error(`${lex.name}: initial dist ${lex.dist(s)} over budget ${budget}`);
  for (let left = budget; ; left--) {
    const set = emptySet();
    lex.allowedInto(s, left, set);
    const options = tokensOf(set);
    if (lex.accepting(s) && (options.length === 0 || rand() < stop)) return out;
    if (options.length === 0) throw new Error(`${lex.name}: stranded after ${JSON.stringify(out)} with ${left} left`);
    const t = options[Math.floor(rand() * options.length)] ?? 0;
    const next = lex.step(s, t);
    if (next < 0) throw new Error(`${lex.name}: allowed token ${t} refused by step after ${JSON.stringify(out)}`);
    if (1 + lex.dist(next) > left) throw new Error(`${lex.name}: token ${t} allowed past the budget`);
    s = next;
    out += String.fromCharCode(codeOfToken(t));
  }
}

/** Fewest characters from `state` to acceptance by breadth-first search over states (Infinity beyond `limit`). */
export function bruteDist(lex: Lexeme, state: number, limit: number): number {
  let frontier = new Set([state]);
  const seen = new Set([state]);
  for (let d = 0; d <= limit; d++) {
    for (const s of frontier) if (lex.accepting(s)) return d;
    const next = new Set<number>();
    for (const s of frontier)
      for (let t = 0; t < CHAR_TOKENS; t++) {
        const to = lex.step(s, t);
        if (to >= 0 && !seen.has(to)) {
          seen.add(to);
          next.add(to);
        }
      }
    frontier = next;
    if (frontier.size === 0) break;
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * Checks one state: dist against brute force, every step target able to accept (dist finite and exact),
 * allowedInto for every budget up to maxStep + 1, minStep and maxStep. Returns problems found (empty when exact).
 */
export function checkState(lex: Lexeme, state: number, limit: number): string[] {
  const problems: string[] = [];
  const d = lex.dist(state);
  const b = bruteDist(lex, state, limit);
  if (b !== Number.POSITIVE_INFINITY && b !== d) problems.push(`dist ${d} but brute force ${b}`);
  if (b === Number.POSITIVE_INFINITY && d <= limit) problems.push(`dist ${d} but no acceptance within ${limit}`);
  const costs = new Map<number, number>();
  for (let t = 0; t < CHAR_TOKENS; t++) {
    const to = lex.step(state, t);
    if (to < 0) continue;
    costs.set(t, 1 + lex.dist(to));
  }
  const values = [...costs.values()];
  const least = values.length ? Math.min(...values) : Number.POSITIVE_INFINITY;
  const most = values.length ? Math.max(...values) : 0;
  if (lex.minStep(state) !== least) problems.push(`minStep ${lex.minStep(state)} but ${least}`);
  if (lex.maxStep(state) !== most) problems.push(`maxStep ${lex.maxStep(state)} but ${most}`);
  if (!lex.accepting(state) && least !== d) problems.push(`dist ${d} but minStep ${least}`);
  for (const budget of [...new Set([0, 1, 2, 3, ...values, ...values.map((v) => v - 1), most + 1])]) {
    const set = emptySet();
    lex.allowedInto(state, budget, set);
    for (let t = 0; t < CHAR_TOKENS; t++) {
      const want = (costs.get(t) ?? Number.POSITIVE_INFINITY) <= budget;
      if (hasToken(set, t) !== want) problems.push(`budget ${budget}: token ${t} ${want ? 'missing' : 'extra'}`);
    }
  }
  const all = emptySet();
  lex.allowedInto(state, Number.POSITIVE_INFINITY, all);
  for (let t = 0; t < CHAR_TOKENS; t++)
    if (hasToken(all, t) !== costs.has(t)) problems.push(`unbudgeted: token ${t} disagrees with step`);
  return problems;
}

/** The states reachable from the initial state within `depth` characters (at most `max`). */
export function statesWithin(lex: Lexeme, depth: number, max = 5000): number[] {
  const seen = new Set([lex.initial]);
  let frontier = [lex.initial];
  for (let i = 0; i < depth && seen.size < max; i++) {
    const next: number[] = [];
    for (const s of frontier)
      for (let t = 0; t < CHAR_TOKENS; t++) {
        const to = lex.step(s, t);
        if (to >= 0 && !seen.has(to) && seen.size < max) {
          seen.add(to);
          next.push(to);
        }
      }
    frontier = next;
  }
  return [...seen];
}
