// The syntax tree of a GBNF grammar as written (llama.cpp's grammar format), before any rewriting. Both the CFG
// compiler (cfg-build.ts) and the independent checker (naive-check.ts) start from this tree and share nothing else.
//
// Characters are Unicode code points, exactly as written: nothing here knows the engine's vocabulary.

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

export type GbnfNode = ClassNode | LiteralNode | RefNode | GroupNode | RepeatNode;

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
