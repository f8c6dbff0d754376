// Test lexemes (../lexeme.ts) and a way to write grammars with lexemes in GBNF text: a counted class (state =
// characters so far), a DFA from a hand-made table (with dist, minStep and maxStep computed by a backward search,
// and transitions into dead states dropped), a trie of words, and a wrapper that counts calls.
import type { Lexeme } from '../lexeme.ts';
import { addToken, CHAR_TOKENS, emptySet, hasToken, isEmptySet, unionInto, type VocabSet } from '../vocab-set.ts';
import { classSet } from './char-sets.ts';
import { type GbnfGrammar, type GbnfNode, grammarOf, lexemeNode, type Sequence } from './gbnf-ast.ts';
import { parseGbnf } from './gbnf-parser.ts';

/** The vocabulary set of a GBNF class written as text, e.g. `[a-z]` or `[^"]`. */
export function classOf(text: string): VocabSet {
  const node = parseGbnf(`root ::= ${text}`).rules[0]?.alternatives[0]?.[0];
  if (node?.kind !== 'class') throw new Error(`not a class: ${text}`);
  return classSet(node);
}

/** Any `min`..`max` characters of a class; the state is the count so far. */
export class CountedClass implements Lexeme {
  readonly initial = 0;
  readonly name: string;
  private readonly set: VocabSet;

  constructor(
    cls: string,
    private readonly min: number,
    private readonly max: number,
  ) {
    this.set = classOf(cls);
    this.name = `${cls}{${min},${max}}`;
  }

  step(state: number, token: number): number {
    return state < this.max && token < CHAR_TOKENS && hasToken(this.set, token) ? state + 1 : -1;
  }

  accepting(state: number): boolean {
    return state >= this.min;
  }

  dist(state: number): number {
    if (state >= this.min) return 0;
    return isEmptySet(this.set) ? Number.POSITIVE_INFINITY : this.min - state;
  }

  private next(state: number): number {
    return state < this.max && !isEmptySet(this.set) ? 1 + this.dist(state + 1) : Number.POSITIVE_INFINITY;
  }

  allowedInto(state: number, budget: number, into: VocabSet): void {
    const n = this.next(state);
    if (n !== Number.POSITIVE_INFINITY && n <= budget) unionInto(into, this.set);
  }

  minStep(state: number): number {
    return this.next(state);
  }

  maxStep(state: number): number {
    const n = this.next(state);
    return n === Number.POSITIVE_INFINITY ? 0 : n;
  }
}

/** Characters of a DFA edge: a GBNF class (`[a-z]`) or the literal characters of a string. */
export type EdgeChars = string;

/**
 * A lexeme from a hand-made DFA: `states` states (0 initial unless told), edges `[from, chars, to]` where chars is
 * a class in brackets or a list of characters, and the accepting states.
 */
export class DfaLexeme implements Lexeme {
  private readonly trans: Int32Array;
  private readonly distance: Float64Array;
  private readonly acc: Uint8Array;
  private readonly groups: (readonly (readonly [number, VocabSet])[])[] = [];

  constructor(
    readonly name: string,
    states: number,
    edges: readonly (readonly [number, EdgeChars, number])[],
    accepting: readonly number[],
    readonly initial = 0,
  ) {
    this.trans = new Int32Array(states * CHAR_TOKENS).fill(-1);
    this.acc = new Uint8Array(states);
    for (const a of accepting) this.acc[a] = 1;
    for (const [from, chars, to] of edges) {
      const set = chars.startsWith('[') ? classOf(chars) : classOf(`[${chars.replace(/[\\\]\-^]/g, '\\$&')}]`);
      for (let t = 0; t < CHAR_TOKENS; t++) if (hasToken(set, t)) this.trans[from * CHAR_TOKENS + t] = to;
    }
    // dist by a backward breadth-first search from the accepting states
    this.distance = new Float64Array(states).fill(Number.POSITIVE_INFINITY);
    let frontier = accepting.slice();
    for (const a of accepting) this.distance[a] = 0;
    for (let d = 1; frontier.length > 0; d++) {
      const next: number[] = [];
      for (let s = 0; s < states; s++) {
        if (this.distance[s] !== Number.POSITIVE_INFINITY) continue;
        for (let t = 0; t < CHAR_TOKENS; t++) {
          const to = this.trans[s * CHAR_TOKENS + t] ?? -1;
          if (to >= 0 && frontier.includes(to)) {
            this.distance[s] = d;
            next.push(s);
            break;
          }
        }
      }
      frontier = next;
    }
    // never step into a state from which no accepting state is reachable
    for (let i = 0; i < this.trans.length; i++) {
      const to = this.trans[i] ?? -1;
      if (to >= 0 && this.distance[to] === Number.POSITIVE_INFINITY) this.trans[i] = -1;
    }
  }

  step(state: number, token: number): number {
    return token >= 0 && token < CHAR_TOKENS ? (this.trans[state * CHAR_TOKENS + token] ?? -1) : -1;
  }

  accepting(state: number): boolean {
    return this.acc[state] === 1;
  }

  dist(state: number): number {
    return this.distance[state] ?? Number.POSITIVE_INFINITY;
  }

  allowedInto(state: number, budget: number, into: VocabSet): void {
    for (const [cost, set] of this.byCost(state)) if (cost <= budget) unionInto(into, set);
  }

  minStep(state: number): number {
    return this.byCost(state)[0]?.[0] ?? Number.POSITIVE_INFINITY;
  }

  maxStep(state: number): number {
    return this.byCost(state).at(-1)?.[0] ?? 0;
  }

  /** The characters allowed from `state` grouped by 1 + dist(next state), cheapest first (memoised per state). */
  private byCost(state: number): readonly (readonly [number, VocabSet])[] {
    let groups = this.groups[state];
    if (!groups) {
      const sets = new Map<number, VocabSet>();
      for (let t = 0; t < CHAR_TOKENS; t++) {
        const to = this.step(state, t);
        if (to < 0) continue;
        const cost = 1 + this.dist(to);
        let set = sets.get(cost);
        if (!set) {
          set = emptySet();
          sets.set(cost, set);
        }
        addToken(set, t);
      }
      groups = [...sets].sort((a, b) => a[0] - b[0]);
      this.groups[state] = groups;
    }
    return groups;
  }
}

/** `"[a-z]*"` with at most `maxLength` letters: states 0 (before the quote), 1 + k (k letters), maxLength + 2 (closed). */
export function quotedString(maxLength: number): DfaLexeme {
  const edges: [number, string, number][] = [[0, '"', 1]];
  for (let k = 0; k <= maxLength; k++) {
    if (k < maxLength) edges.push([1 + k, '[a-z]', 2 + k]);
    edges.push([1 + k, '"', maxLength + 2]);
  }
  return new DfaLexeme(`string{0,${maxLength}}`, maxLength + 3, edges, [maxLength + 2]);
}

/** `(ab)*`: the initial state accepts and is stepped back into. */
export const abStar = (): DfaLexeme =>
  new DfaLexeme(
    '(ab)*',
    2,
    [
      [0, 'a', 1],
      [1, 'b', 0],
    ],
    [0],
  );

/** Exactly these words (a trie, so several words may share a prefix and one may be a prefix of another). */
export function wordsLexeme(words: readonly string[]): DfaLexeme {
  const children: Map<string, number>[] = [new Map()];
  const accepting: number[] = [];
  for (const w of words) {
    let s = 0;
    for (const c of w) {
      let to = children[s]?.get(c);
      if (to === undefined) {
        to = children.length;
        children.push(new Map());
        children[s]?.set(c, to);
      }
      s = to;
    }
    accepting.push(s);
  }
  const edges: [number, string, number][] = [];
  children.forEach((m, from) => {
    for (const [c, to] of m) edges.push([from, c, to]);
  });
  return new DfaLexeme(`words(${words.length})`, children.length, edges, accepting);
}

/** Integers lo..hi in decimal without leading zeros, as one lexeme (a numeric range). */
export const integerRange = (lo: number, hi: number): DfaLexeme =>
  wordsLexeme(Array.from({ length: hi - lo + 1 }, (_, i) => String(lo + i)));

/** Counts the calls to each method of a lexeme. */
export function counted(inner: Lexeme): { lexeme: Lexeme; calls: Record<keyof Lexeme, number> } {
  const calls = { name: 0, initial: 0, step: 0, accepting: 0, dist: 0, allowedInto: 0, minStep: 0, maxStep: 0 };
  const lexeme: Lexeme = {
    name: inner.name,
    initial: inner.initial,
    step: (s, t) => {
      calls.step++;
      return inner.step(s, t);
    },
    accepting: (s) => {
      calls.accepting++;
      return inner.accepting(s);
    },
    dist: (s) => {
      calls.dist++;
      return inner.dist(s);
    },
    allowedInto: (s, b, into) => {
      calls.allowedInto++;
      inner.allowedInto(s, b, into);
    },
    minStep: (s) => {
      calls.minStep++;
      return inner.minStep(s);
    },
    maxStep: (s) => {
      calls.maxStep++;
      return inner.maxStep(s);
    },
  };
  return { lexeme, calls };
}

/**
 * GBNF text whose references to the names in `lexemes` become those lexemes (rules of those names need not, and
 * must not, be written). Each name stands for one lexeme object, shared by all its references.
 */
export function withLexemes(source: string, lexemes: Readonly<Record<string, Lexeme>>): GbnfGrammar {
  const names = Object.keys(lexemes);
  const parsed = parseGbnf(`${source}\n${names.map((n) => `${n} ::= "placeholder"`).join('\n')}`);
  const swap = (node: GbnfNode): GbnfNode => {
    switch (node.kind) {
      case 'ref': {
        const l = lexemes[node.name];
        return l ? lexemeNode(l) : node;
      }
      case 'group':
        return { kind: 'group', alternatives: node.alternatives.map(seq) };
      case 'repeat':
        return { ...node, body: swap(node.body) };
      default:
        return node;
    }
  };
  const seq = (s: Sequence): Sequence => s.map(swap);
  return grammarOf(
    parsed.rules
      .filter((r) => !(r.name in lexemes))
      .map((r) => ({ name: r.name, alternatives: r.alternatives.map(seq) })),
  );
}
