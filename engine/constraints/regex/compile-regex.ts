// Regex front end: a pattern (ECMAScript syntax, full match of the whole output) → refa's NFA → DFA → minimal DFA
// → a table over the vocabulary: for each state, the next state per character token, the fewest characters to
// acceptance, and the allowed set as a bitset. States that cannot reach acceptance with vocabulary characters are
// pruned, so every allowed character keeps a complete match reachable. Work is capped by node counts (refa's
// limited node factories) and repetition bounds, never by time.
import { DFA, JS, NFA, TooManyNodesError } from 'refa';
import { EOS_ID } from '../../tokenizer.ts';
import { CAPS } from '../caps.ts';
import { ConstraintError } from '../matcher.ts';
import { addToken, CHAR_TOKENS, SET_WORDS } from '../vocab-set.ts';
import { checkRegexAst, nestingDepth } from './regex-syntax.ts';

/** A minimal DFA over the vocabulary, pruned to states that can still accept. */
export interface DfaTable {
  readonly states: number;
  readonly initial: number;
  /** next[s * CHAR_TOKENS + t]: the state after token t, or -1. */
  readonly next: Int32Array;
  readonly final: Uint8Array;
  /** Fewest characters from each state to acceptance. */
  readonly dist: Int32Array;
  /** The allowed set of each state without a budget (end-of-text included where final). */
  readonly allowed: readonly Uint32Array[];
  /** The most a state's allowed characters need: 1 + dist after them (0 when none); a budget ≥ this allows all. */
  readonly widest: Int32Array;
}

/** The character code of a character token (0 is newline, then printable ASCII). */
export const codeOf = (token: number): number => (token === 0 ? 10 : token + 31);

function parse(pattern: string, field: string) {
  if (pattern.length > CAPS.sourceChars)
    throw new ConstraintError(
      field,
      `${field}: ${pattern.length} characters is more than the ${CAPS.sourceChars} allowed (cap sourceChars)`,
    );
  const depth = nestingDepth(pattern);
  if (depth > CAPS.nestingDepth)
    throw new ConstraintError(
      field,
      `${field}: groups nested ${depth} deep, more than the ${CAPS.nestingDepth} allowed (cap nestingDepth)`,
    );
  let parser: JS.Parser;
  try {
    parser = JS.Parser.fromLiteral({ source: pattern, flags: '' });
  } catch (e) {
    const index = (e as { index?: number }).index;
    const where = typeof index === 'number' ? ` (at position ${index + 1})` : '';
    const msg = (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    throw new ConstraintError(field, `${field}: not a valid regular expression: ${msg}${where}`);
  }
  checkRegexAst(parser.ast.pattern, field);
  // the only assertions left are edge anchors, which a full match makes true: drop them
  return parser.parse({ assertions: 'ignore', backreferences: 'throw', maxNodes: CAPS.dfaStates * 10 });
}

function tooMany(field: string): ConstraintError {
  return new ConstraintError(
    field,
    `${field}: the pattern needs more than ${CAPS.dfaStates} automaton states (cap dfaStates); simplify it or lower its repetition bounds`,
  );
}

/** Compiles `pattern` into a pruned DFA table. Throws ConstraintError naming `field`. */
export function compileRegexTable(pattern: string, field = 'regex_pattern'): DfaTable {
  let dfa: DFA;
  try {
    const { expression, maxCharacter } = parse(pattern, field);
    const nfa = NFA.fromRegex(
      expression,
      { maxCharacter },
      { assertions: 'throw' },
      new NFA.LimitedNodeFactory(CAPS.dfaStates),
    );
    dfa = DFA.fromFA(nfa, new DFA.LimitedNodeFactory(CAPS.dfaStates));
    dfa.minimize();
  } catch (e) {
    if (e instanceof ConstraintError) throw e;
    if (e instanceof TooManyNodesError) throw tooMany(field);
    throw new ConstraintError(field, `${field}: ${(e as Error).message}`);
  }
  return tabulate(dfa, field);
}

function tabulate(dfa: DFA, field: string): DfaTable {
  const nodes = [...dfa.nodes()];
  const index = new Map(nodes.map((n, i) => [n, i]));
  const S = nodes.length;
  const next = new Int32Array(S * CHAR_TOKENS).fill(-1);
  const final = new Uint8Array(S);
  nodes.forEach((n, s) => {
    if (dfa.finals.has(n)) final[s] = 1;
    for (let t = 0; t < CHAR_TOKENS; t++) {
      const to = n.out.get(codeOf(t));
      if (to) next[s * CHAR_TOKENS + t] = index.get(to) ?? -1;
    }
  });
  // fewest characters to acceptance: breadth-first search backwards from the final states
  const dist = new Int32Array(S).fill(-1);
  const preds: number[][] = Array.from({ length: S }, () => []);
  for (let s = 0; s < S; s++)
    for (let t = 0; t < CHAR_TOKENS; t++) {
      const to = next[s * CHAR_TOKENS + t] ?? -1;
      if (to >= 0) preds[to]?.push(s);
    }
  const queue: number[] = [];
  for (let s = 0; s < S; s++)
    if (final[s]) {
      dist[s] = 0;
      queue.push(s);
    }
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q] ?? 0;
    for (const p of preds[s] ?? [])
      if (dist[p] === -1) {
        dist[p] = (dist[s] ?? 0) + 1;
        queue.push(p);
      }
  }
  const initial = index.get(dfa.initial) ?? 0;
  if (dist[initial] === -1)
    throw new ConstraintError(
      field,
      `${field}: the pattern matches no string of the model's characters (printable ASCII and newline)`,
    );
  // prune: a transition into a state that cannot accept is no transition
  for (let i = 0; i < next.length; i++) {
    const to = next[i] ?? -1;
    if (to >= 0 && dist[to] === -1) next[i] = -1;
  }
  const allowed: Uint32Array[] = [];
  const widest = new Int32Array(S);
  const bits = new Uint32Array(S * SET_WORDS);
  for (let s = 0; s < S; s++) {
    const set = bits.subarray(s * SET_WORDS, (s + 1) * SET_WORDS);
    let w = 0;
    for (let t = 0; t < CHAR_TOKENS; t++) {
      const to = next[s * CHAR_TOKENS + t] ?? -1;
      if (to < 0) continue;
      addToken(set, t);
      w = Math.max(w, 1 + (dist[to] ?? 0));
    }
    if (final[s]) addToken(set, EOS_ID);
    widest[s] = w;
    allowed.push(set);
  }
  return { states: S, initial, next, final, dist, allowed, widest };
}
