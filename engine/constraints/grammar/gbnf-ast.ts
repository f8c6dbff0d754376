// The syntax tree of a GBNF grammar as written (llama.cpp's grammar format), before any rewriting. Both the CFG
// compiler (cfg-build.ts) and the independent checker (naive-check.ts) start from this tree and share nothing else.
//
// Characters are Unicode code points, exactly as written: nothing here knows the engine's vocabulary.
//
// Grammars built in code (the JSON Schema compiler) may also use lexemes: deterministic automata (../lexeme.ts)
// used as one terminal, whose counters (length bounds, numeric ranges) are automaton states instead of rules.
// The GBNF text parser never makes them; compile such a tree with compileGrammarAst (compile.ts).
import type { Lexeme } from '../lexeme.ts';

/** A character class: `[a-z_]`, `[^"\\]`, or `.` (negated and empty: any character). */
export interface ClassNode {
  readonly kind: 'class';
  readonly negated: boolean;
  /** Inclusive code point ranges [from, to]; a single character is [c, c]. */
  readonly ranges: readonly (readonly [number, number])[];
}

/** A string literal `"..."`: its code points in order (possibly none). */
export interface LiteralNode {
  readonly kind: 'literal';
  readonly codePoints: readonly number[];
}

/** A reference to a named rule, with where it was written (for errors). */
export interface RefNode {
  readonly kind: 'ref';
  readonly name: string;
  readonly line: number;
  readonly column: number;
}

/** A parenthesised group: one or more alternatives, each a sequence (possibly empty). */
export interface GroupNode {
  readonly kind: 'group';
  readonly alternatives: readonly Sequence[];
}

/** `body*`, `body+`, `body?`, `body{m}`, `body{m,}`, `body{m,n}`: min..max copies (max may be Infinity). */
export interface RepeatNode {
  readonly kind: 'repeat';
  readonly body: GbnfNode;
  readonly min: number;
  readonly max: number;
}

/**
 * A lexeme as one terminal: the strings its automaton accepts from `initial`. Nodes holding the same lexeme object
 * share one terminal. Only grammars built in code have these (never the GBNF text parser).
 */
export interface LexemeNode {
  readonly kind: 'lexeme';
  readonly lexeme: Lexeme;
}

export type GbnfNode = ClassNode | LiteralNode | RefNode | GroupNode | RepeatNode | LexemeNode;

/** Items one after the other; an empty sequence matches the empty string. */
export type Sequence = readonly GbnfNode[];

export interface GbnfRule {
  readonly name: string;
  readonly alternatives: readonly Sequence[];
  readonly line: number;
  readonly column: number;
}

export interface GbnfGrammar {
  /** The rules in the order written; names are unique and every reference names one of them; `root` exists. */
  readonly rules: readonly GbnfRule[];
  readonly byName: ReadonlyMap<string, GbnfRule>;
}

// Constructors for grammars built in code. Positions (line, column) are 0: errors then name no position.

/** A grammar of these rules (in this order; compileGrammarAst checks names, references and `root`). */
export function grammarOf(rules: readonly { name: string; alternatives: readonly Sequence[] }[]): GbnfGrammar {
  const list: GbnfRule[] = rules.map(({ name, alternatives }) => ({ name, alternatives, line: 0, column: 0 }));
  const byName = new Map<string, GbnfRule>();
  for (const r of list) if (!byName.has(r.name)) byName.set(r.name, r);
  return { rules: list, byName };
}

/** A reference to the rule `name`. */
export const refNode = (name: string): RefNode => ({ kind: 'ref', name, line: 0, column: 0 });

/** The literal string `text` (its code points). */
export const literalNode = (text: string): LiteralNode => ({
  kind: 'literal',
  codePoints: Array.from(text, (c) => c.codePointAt(0) ?? 0),
});

export const lexemeNode = (lexeme: Lexeme): LexemeNode => ({ kind: 'lexeme', lexeme });

/** A group of alternatives (each a sequence). */
export const groupNode = (...alternatives: Sequence[]): GroupNode => ({ kind: 'group', alternatives });

/** min..max copies of `body` (max may be Infinity). */
export const repeatNode = (body: GbnfNode, min: number, max: number): RepeatNode => ({
  kind: 'repeat',
  body,
  min,
  max,
});
