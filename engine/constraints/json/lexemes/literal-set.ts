// A finite set of literal texts (the serialised values of a large `enum`) as one lexeme: a trie, stored as
// compressed child lists, with the fewest characters to the end of some value per node. A 10,000-value enum is
// one terminal of ~50,000 trie nodes instead of 10,000 grammar alternatives the Earley matcher would carry at
// every step. The texts must be printable ASCII or newline (JSON serialised with \uXXXX escapes is).
import type { Lexeme } from '../../lexeme.ts';
import { addToken, type VocabSet } from '../../vocab-set.ts';
import { lexemeError } from './lexeme-caps.ts';
import { tokenOf } from './table-lexeme.ts';

/** Characters over all the texts of one literal set (the trie has at most this many nodes + 1). */
export const ENUM_CHARS_CAP = 500_000;

class LiteralSetLexeme implements Lexeme {
  readonly initial = 0;

  constructor(
    readonly name: string,
    /** Children of node n are at [start[n], start[n + 1]) in `tok`/`to`, sorted by token. */
    private readonly start: Int32Array,
    private readonly tok: Uint8Array,
    private readonly to: Int32Array,
    private readonly final: Uint8Array,
    private readonly distance: Int32Array,
  ) {}

  step(state: number, token: number): number {
    for (let i = this.start[state] ?? 0, end = this.start[state + 1] ?? 0; i < end; i++)
      if (this.tok[i] === token) return this.to[i] ?? -1;
    return -1;
  }

  accepting(state: number): boolean {
    return this.final[state] === 1;
  }

  dist(state: number): number {
    return this.distance[state] ?? 0;
  }

  allowedInto(state: number, budget: number, into: VocabSet): void {
    for (let i = this.start[state] ?? 0, end = this.start[state + 1] ?? 0; i < end; i++)
      if (1 + (this.distance[this.to[i] ?? 0] ?? 0) <= budget) addToken(into, this.tok[i] ?? 0);
  }

  minStep(state: number): number {
    let least = Number.POSITIVE_INFINITY;
    for (let i = this.start[state] ?? 0, end = this.start[state + 1] ?? 0; i < end; i++)
      least = Math.min(least, 1 + (this.distance[this.to[i] ?? 0] ?? 0));
    return least;
  }

  maxStep(state: number): number {
    let most = 0;
    for (let i = this.start[state] ?? 0, end = this.start[state + 1] ?? 0; i < end; i++)
      most = Math.max(most, 1 + (this.distance[this.to[i] ?? 0] ?? 0));
    return most;
  }
}

/**
 * The lexeme whose language is exactly `texts` (at least one; duplicates are fine). Refuses past ENUM_CHARS_CAP
 * characters (cap enumChars) and characters outside printable ASCII and newline.
 */
export function literalSetLexeme(texts: readonly string[], name: string, pointer: string): Lexeme {
  let total = 0;
  for (const t of texts) total += t.length;
  if (total > ENUM_CHARS_CAP)
    throw lexemeError(
      `the enum's values have ${total} characters in all, more than ${ENUM_CHARS_CAP} (cap enumChars)`,
      pointer,
      'enumChars',
    );
  // build with maps, then flatten breadth-first so a node's children are contiguous
  const kids: Map<number, number>[] = [new Map()];
  const finals = [false];
  for (const t of texts) {
    let n = 0;
    for (const ch of t) {
      const token = tokenOf(ch);
      if (ch.length !== 1 || token < 0 || token > 95)
        throw lexemeError(`enum value ${JSON.stringify(t)} has a character outside printable ASCII`, pointer);
      const map = kids[n] as Map<number, number>;
      let child = map.get(token);
      if (child === undefined) {
        child = kids.length;
        kids.push(new Map());
        finals.push(false);
        map.set(token, child);
      }
      n = child;
    }
    finals[n] = true;
  }
  const N = kids.length;
  const order = [0];
  const id = new Int32Array(N);
  for (let i = 0; i < order.length; i++) {
    const n = order[i] ?? 0;
    id[n] = i;
    for (const [, c] of [...(kids[n] as Map<number, number>)].sort((a, b) => a[0] - b[0])) order.push(c);
  }
  const start = new Int32Array(N + 1);
  const tok = new Uint8Array(N - 1);
  const to = new Int32Array(N - 1);
  const final = new Uint8Array(N);
  let e = 0;
  for (let i = 0; i < N; i++) {
    const n = order[i] ?? 0;
    start[i] = e;
    final[i] = finals[n] ? 1 : 0;
    for (const [t, c] of [...(kids[n] as Map<number, number>)].sort((a, b) => a[0] - b[0])) {
      tok[e] = t;
      to[e] = id[c] ?? 0;
      e++;
    }
  }
  start[N] = e;
  // children come after their parent in breadth-first order: fill distances from the back
  const distance = new Int32Array(N);
  for (let i = N - 1; i >= 0; i--) {
    let d = final[i] ? 0 : 2 ** 30;
    for (let j = start[i] ?? 0; j < (start[i + 1] ?? 0); j++) d = Math.min(d, 1 + (distance[to[j] ?? 0] ?? 0));
    distance[i] = d;
  }
  return new LiteralSetLexeme(name, start, tok, to, final, distance);
}
