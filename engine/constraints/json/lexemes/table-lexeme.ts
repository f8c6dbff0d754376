// Shared machinery of the JSON lexemes: a Lexeme over an explicit table of next states on a small alphabet of
// character tokens, with exact distances to acceptance (breadth-first search backwards), dead states pruned (a
// transition into a state that cannot accept is no transition), per-state allowed bitsets for the unbudgeted case
// and the widest step (a budget at least that large allows every allowed character).
import type { Lexeme } from '../../lexeme.ts';
import { addToken, CHAR_TOKENS, SET_WORDS, type VocabSet } from '../../vocab-set.ts';

/** The character token of a printable ASCII character or newline (token = charCode − 31, newline 0). */
export const tokenOf = (ch: string): number => (ch === '\n' ? 0 : ch.charCodeAt(0) - 31);
/** The character code of a character token. */
export const codeOfToken = (token: number): number => (token === 0 ? 10 : token + 31);

/** An explicit deterministic automaton over `alphabet` (character tokens); next[s * alphabet.length + a] or -1. */
export interface AutomatonTable {
  readonly alphabet: readonly number[];
  readonly states: number;
  readonly initial: number;
  readonly next: Int32Array;
  readonly final: Uint8Array;
}

/** Fewest characters from each state to a final state (-1 where none is reachable). */
export function distancesToFinal(t: AutomatonTable): Int32Array {
  const A = t.alphabet.length;
  const S = t.states;
  const dist = new Int32Array(S).fill(-1);
  // predecessor lists in compressed form
  const count = new Int32Array(S + 1);
  for (let i = 0; i < S * A; i++) {
    const to = t.next[i] ?? -1;
    if (to >= 0) count[to + 1] = (count[to + 1] ?? 0) + 1;
  }
  for (let s = 0; s < S; s++) count[s + 1] = (count[s + 1] ?? 0) + (count[s] ?? 0);
  const fill = count.slice(0, S);
  const preds = new Int32Array(count[S] ?? 0);
  for (let s = 0; s < S; s++)
    for (let a = 0; a < A; a++) {
      const to = t.next[s * A + a] ?? -1;
      if (to < 0) continue;
      const at = fill[to] ?? 0;
      preds[at] = s;
      fill[to] = at + 1;
    }
  const queue = new Int32Array(S);
  let tail = 0;
  for (let s = 0; s < S; s++)
    if (t.final[s]) {
      dist[s] = 0;
      queue[tail++] = s;
    }
  for (let head = 0; head < tail; head++) {
    const s = queue[head] ?? 0;
    const d = (dist[s] ?? 0) + 1;
    for (let i = count[s] ?? 0, end = count[s + 1] ?? 0; i < end; i++) {
      const p = preds[i] ?? 0;
      if (dist[p] === -1) {
        dist[p] = d;
        queue[tail++] = p;
      }
    }
  }
  return dist;
}

/**
 * A lexeme over an explicit table. The table's transitions into states that cannot accept are removed; the
 * initial state must be able to accept (callers check `distancesToFinal` first and refuse otherwise).
 */
export class TableLexeme implements Lexeme {
  readonly initial: number;
  private readonly A: number;
  private readonly alphabet: Uint8Array;
  private readonly next: Int32Array;
  private readonly final: Uint8Array;
  private readonly distance: Int32Array;
  private readonly bits: Uint32Array;
  private readonly least: Int32Array;
  private readonly widest: Int32Array;
  /** The alphabet index of each character token, or -1. */
  private readonly symbol: Int8Array;

  constructor(
    readonly name: string,
    table: AutomatonTable,
  ) {
    const A = table.alphabet.length;
    const S = table.states;
    this.A = A;
    this.alphabet = Uint8Array.from(table.alphabet);
    this.symbol = new Int8Array(CHAR_TOKENS).fill(-1);
    table.alphabet.forEach((tok, a) => {
      this.symbol[tok] = a;
    });
    this.initial = table.initial;
    this.final = table.final;
    const dist = distancesToFinal(table);
    if ((dist[table.initial] ?? -1) < 0) throw new Error(`lexeme ${name}: the initial state cannot accept`);
    this.distance = dist;
    const next = table.next.slice();
    for (let i = 0; i < next.length; i++) {
      const to = next[i] ?? -1;
      if (to >= 0 && (dist[to] ?? -1) < 0) next[i] = -1;
    }
    this.next = next;
    this.bits = new Uint32Array(S * SET_WORDS);
    this.least = new Int32Array(S);
    this.widest = new Int32Array(S);
    for (let s = 0; s < S; s++) {
      const set = this.bits.subarray(s * SET_WORDS, (s + 1) * SET_WORDS);
      let lo = Number.MAX_SAFE_INTEGER;
      let hi = 0;
      for (let a = 0; a < A; a++) {
        const to = next[s * A + a] ?? -1;
        if (to < 0) continue;
        addToken(set, table.alphabet[a] ?? 0);
        const cost = 1 + (dist[to] ?? 0);
        if (cost < lo) lo = cost;
        if (cost > hi) hi = cost;
      }
      this.least[s] = lo === Number.MAX_SAFE_INTEGER ? -1 : lo;
      this.widest[s] = hi;
    }
  }

  /** Number of states of the table (for stats). */
  get states(): number {
    return this.final.length;
  }

  step(state: number, token: number): number {
    const a = this.symbol[token] ?? -1;
    if (a < 0 || state < 0) return -1;
    return this.next[state * this.A + a] ?? -1;
  }

  accepting(state: number): boolean {
    return this.final[state] === 1;
  }

  dist(state: number): number {
    return this.distance[state] ?? -1;
  }

  allowedInto(state: number, budget: number, into: VocabSet): void {
    if (budget >= (this.widest[state] ?? 0)) {
      const o = state * SET_WORDS;
      for (let w = 0; w < SET_WORDS; w++) into[w] = (into[w] ?? 0) | (this.bits[o + w] ?? 0);
      return;
    }
    const A = this.A;
    for (let a = 0; a < A; a++) {
      const to = this.next[state * A + a] ?? -1;
      if (to >= 0 && 1 + (this.distance[to] ?? 0) <= budget) addToken(into, this.alphabet[a] ?? 0);
    }
  }

  minStep(state: number): number {
    const v = this.least[state] ?? -1;
    return v < 0 ? Number.POSITIVE_INFINITY : v;
  }

  maxStep(state: number): number {
    return this.widest[state] ?? 0;
  }
}

/**
 * Builds an explicit table by exploring a structured automaton from its initial state: `key` names a state (equal
 * keys are one state), `step` gives the next structured state or undefined. Refuses (returns undefined) past
 * `maxStates`.
 */
export function exploreTable<S>(
  alphabet: readonly number[],
  initial: S,
  key: (s: S) => string,
  step: (s: S, token: number) => S | undefined,
  accepting: (s: S) => boolean,
  maxStates: number,
): { table: AutomatonTable; states: S[] } | undefined {
  const A = alphabet.length;
  const ids = new Map<string, number>();
  const states: S[] = [];
  const next: number[] = [];
  const add = (s: S): number => {
    const k = key(s);
    let id = ids.get(k);
    if (id === undefined) {
      id = states.length;
      ids.set(k, id);
      states.push(s);
    }
    return id;
  };
  add(initial);
  for (let i = 0; i < states.length; i++) {
    if (states.length > maxStates) return undefined;
    const s = states[i] as S;
    for (let a = 0; a < A; a++) {
      const to = step(s, alphabet[a] ?? 0);
      next[i * A + a] = to === undefined ? -1 : add(to);
    }
  }
  if (states.length > maxStates) return undefined;
  const final = new Uint8Array(states.length);
  states.forEach((s, i) => {
    if (accepting(s)) final[i] = 1;
  });
  return { table: { alphabet, states: states.length, initial: 0, next: Int32Array.from(next), final }, states };
}

/** A lexeme with an empty language: no character is allowed and acceptance is out of reach (dist Infinity). */
export function emptyLexeme(name: string): Lexeme {
  return {
    name,
    initial: 0,
    step: () => -1,
    accepting: () => false,
    dist: () => Number.POSITIVE_INFINITY,
    allowedInto: () => {},
    minStep: () => Number.POSITIVE_INFINITY,
    maxStep: () => 0,
  };
}
