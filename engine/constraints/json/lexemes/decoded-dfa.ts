// The decoded-level language of a JSON string lexeme, built with refa over code points (maxCharacter 0x10FFFF):
// the intersection of the patterns (JSON Schema semantics: an unanchored search, `u` flag, `^`/`$` anchoring at
// the pattern's edges), formats (full match), key-pattern classes (all of / any of / none of, by search), and
// "not one of these exact strings", minimised and tabulated (the string lexeme ignores transitions on code points
// it cannot spell: surrogates and astral code points): per state, the next state of every ASCII code
// point, and the ranges of code points above ASCII (and the control characters spelt only as \uXXXX).
import { DFA, JS, NFA, TooManyNodesError } from 'refa';
import { CAPS } from '../../caps.ts';
import { ConstraintError } from '../../matcher.ts';
import { checkRegexAst, nestingDepth } from '../../regex/regex-syntax.ts';
import { formatPattern } from './formats.ts';
import { lexemeError } from './lexeme-caps.ts';

const MAX_CHAR = 0x10ffff;

export interface DecodedSpec {
  readonly patterns: readonly string[];
  readonly formats: readonly string[];
  readonly notIn: readonly string[];
  readonly allOf: readonly string[];
  readonly anyOf?: readonly string[];
  readonly noneOf: readonly string[];
}

/** A tabulated DFA over code points. */
export interface DecodedTable {
  readonly states: number;
  readonly initial: number;
  readonly final: Uint8Array;
  /** ascii[d * 128 + cp]: next state on code point cp < 128, or -1. */
  readonly ascii: Int32Array;
  /** Per state: transitions on code points ≥ 128 as flat triples [lo, hi, target], ascending. */
  readonly wide: readonly Int32Array[];
}

const tooMany = (what: string, pointer: string | undefined) =>
  lexemeError(
    `${what} would need more than ${CAPS.dfaStates} automaton states (cap dfaStates); simplify it or lower its repetition bounds`,
    pointer,
    'dfaStates',
  );

/** Parses ECMAScript source (u flag); throws a lexeme error naming `what` for syntax errors and unsupported parts. */
function parseChecked(source: string, what: string, pointer: string | undefined): JS.Parser {
  if (source.length > CAPS.sourceChars)
    throw lexemeError(
      `${what} has ${source.length} characters, more than the ${CAPS.sourceChars} allowed (cap sourceChars)`,
      pointer,
      'sourceChars',
    );
  const depth = nestingDepth(source);
  if (depth > CAPS.nestingDepth)
    throw lexemeError(
      `${what} nests groups ${depth} deep, more than the ${CAPS.nestingDepth} allowed (cap nestingDepth)`,
      pointer,
      'nestingDepth',
    );
  let parser: JS.Parser;
  try {
    parser = JS.Parser.fromLiteral({ source, flags: 'u' });
  } catch (e) {
    const index = (e as { index?: number }).index;
    const where = typeof index === 'number' ? ` (at position ${index + 1})` : '';
    const msg = (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    throw lexemeError(`${what} ${JSON.stringify(source)} is not a valid regular expression: ${msg}${where}`, pointer);
  }
  try {
    checkRegexAst(parser.ast.pattern, 'json_schema');
  } catch (e) {
    if (!(e instanceof ConstraintError)) throw e;
    const cap = /\(cap (\w+)\)/.exec(e.message)?.[1];
    throw lexemeError(`${what} ${JSON.stringify(source)}: ${e.message.replace(/^json_schema: /, '')}`, pointer, cap);
  }
  return parser;
}

/** The source of "some substring matches `source`" (anchors at an alternative's edges pin it to that end). */
function searchSource(parser: JS.Parser, source: string): string {
  return parser.ast.pattern.alternatives
    .map((alt) => {
      const els = alt.elements;
      let i = 0;
      let j = els.length;
      const first = els[0];
      const startAnchored = first?.type === 'Assertion' && first.kind === 'start';
      if (startAnchored) i = 1;
      const last = els[j - 1];
      const endAnchored = j > i && last?.type === 'Assertion' && last.kind === 'end';
      if (endAnchored) j--;
      const body = i < j ? source.slice(els[i]?.start ?? 0, els[j - 1]?.end ?? 0) : '';
      return `${startAnchored ? '' : '[^]*'}(?:${body})${endAnchored ? '' : '[^]*'}`;
    })
    .join('|');
}

function nfaOf(source: string, what: string, pointer: string | undefined): NFA {
  try {
    const { expression, maxCharacter } = JS.Parser.fromLiteral({ source, flags: 'u' }).parse({
      assertions: 'throw',
      backreferences: 'throw',
      maxNodes: CAPS.dfaStates * 10,
    });
    return NFA.fromRegex(
      expression,
      { maxCharacter },
      { assertions: 'throw' },
      new NFA.LimitedNodeFactory(CAPS.dfaStates),
    );
  } catch (e) {
    if (e instanceof TooManyNodesError) throw tooMany(what, pointer);
    throw lexemeError(`${what}: ${(e as Error).message}`, pointer);
  }
}

function determinize(nfa: NFA, what: string, pointer: string | undefined): DFA {
  try {
    const dfa = DFA.fromFA(nfa, new DFA.LimitedNodeFactory(CAPS.dfaStates));
    dfa.minimize();
    return dfa;
  } catch (e) {
    if (e instanceof TooManyNodesError) throw tooMany(what, pointer);
    throw e;
  }
}

/** Strings that contain a match of the pattern. */
function searchNfa(pattern: string, what: string, pointer: string | undefined): NFA {
  const parser = parseChecked(pattern, what, pointer);
  return nfaOf(searchSource(parser, pattern), what, pointer);
}

function unionDfa(patterns: readonly string[], what: string, pointer: string | undefined): DFA {
  let nfa: NFA | undefined;
  for (const p of patterns) {
    const n = searchNfa(p, `${what} ${JSON.stringify(p)}`, pointer);
    if (!nfa) nfa = n;
    else
      try {
        nfa.union(n, new NFA.LimitedNodeFactory(CAPS.dfaStates));
      } catch (e) {
        if (e instanceof TooManyNodesError) throw tooMany(what, pointer);
        throw e;
      }
  }
  return nfa ? determinize(nfa, what, pointer) : DFA.empty({ maxCharacter: MAX_CHAR });
}

/**
 * The minimal DFA of the decoded strings the spec allows. Throws a lexeme
 * error for invalid or unsupported patterns and for automata over the dfaStates cap.
 */
export function decodedDfa(spec: DecodedSpec, pointer: string | undefined): DFA {
  const parts: { dfa: DFA; what: string }[] = [];
  for (const p of spec.patterns)
    parts.push({ dfa: determinize(searchNfa(p, 'pattern', pointer), 'the pattern', pointer), what: 'the pattern' });
  for (const f of spec.formats) {
    const source = formatPattern(f);
    if (source === undefined) continue;
    parts.push({
      dfa: determinize(nfaOf(source, `format ${f}`, pointer), `format ${f}`, pointer),
      what: `format ${f}`,
    });
  }
  for (const p of spec.allOf)
    parts.push({
      dfa: determinize(searchNfa(p, 'key pattern', pointer), 'a key pattern', pointer),
      what: 'the key patterns',
    });
  if (spec.anyOf) parts.push({ dfa: unionDfa(spec.anyOf, 'key pattern', pointer), what: 'the key patterns' });
  if (spec.noneOf.length > 0) {
    const none = unionDfa(spec.noneOf, 'key pattern', pointer);
    none.complement();
    parts.push({ dfa: none, what: 'the key patterns' });
  }
  if (spec.notIn.length > 0) {
    const words = spec.notIn.map((s) => Array.from(s, (ch) => ch.codePointAt(0) ?? 0));
    try {
      const listed = DFA.fromWords(words, { maxCharacter: MAX_CHAR }, new DFA.LimitedNodeFactory(CAPS.dfaStates * 10));
      listed.complement();
      listed.minimize();
      parts.push({ dfa: listed, what: 'the listed names' });
    } catch (e) {
      if (e instanceof TooManyNodesError) throw tooMany('the listed names', pointer);
      throw e;
    }
  }
  // smaller automata first keeps the intermediate products small
  parts.sort((a, b) => a.dfa.countNodes() - b.dfa.countNodes());
  const first = parts[0];
  if (!first) return DFA.all({ maxCharacter: MAX_CHAR });
  let acc = first.dfa;
  for (const { dfa, what } of parts.slice(1)) {
    try {
      acc = DFA.fromIntersection(acc, dfa, new DFA.LimitedNodeFactory(CAPS.dfaStates));
      acc.minimize();
    } catch (e) {
      if (e instanceof TooManyNodesError) throw tooMany(`the string's constraints (with ${what})`, pointer);
      throw e;
    }
  }
  return acc;
}

/** Tabulates a DFA over code points (its reachable states; the initial state is 0). */
export function tabulateDecoded(dfa: DFA): DecodedTable {
  const nodes = [...dfa.nodes()];
  const index = new Map(nodes.map((n, i) => [n, i]));
  const S = nodes.length;
  const ascii = new Int32Array(S * 128).fill(-1);
  const final = new Uint8Array(S);
  const wide: Int32Array[] = [];
  nodes.forEach((n, d) => {
    if (dfa.finals.has(n)) final[d] = 1;
    const triples: number[] = [];
    for (const [range, to] of n.out) {
      const t = index.get(to) ?? -1;
      for (let cp = range.min; cp <= Math.min(range.max, 127); cp++) ascii[d * 128 + cp] = t;
      if (range.max >= 128) triples.push(Math.max(range.min, 128), range.max, t);
    }
    wide.push(Int32Array.from(triples)); // refa's char maps iterate their disjoint ranges in ascending order
  });
  return { states: S, initial: index.get(dfa.initial) ?? 0, final, ascii, wide };
}
