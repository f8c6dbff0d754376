// Desugars a GBNF syntax tree into the flat CFG (cfg.ts): every named rule becomes a nonterminal, a group with
// several alternatives a helper nonterminal, literals one terminal per character, classes one terminal each
// (intersected with the vocabulary), lexemes one terminal per lexeme object. Repetitions use left recursion, which Earley runs in a constant number of
// items per set (right recursion would pile up one item per repetition):
//   x*  →  R ::= R x | ε          x+  →  P ::= P x | x          x{m,}  →  x … x (m-1 copies) P
//   x{m,n}  →  m copies of x, then (n-m) nested optionals O1 ::= x O2 | ε, …, Ok ::= x | ε
// A repetition of a repetition that may be empty, (y{0,b}){c,d}, becomes y{0,b·d} (when that is within
// the repetition cap or unbounded). Helpers for the same x are shared. Symbols (dotted positions) are counted as they are made, against
// CAPS.grammarSymbols, so a huge expansion is refused before it is built.
import { CAPS } from '../caps.ts';
import type { Lexeme } from '../lexeme.ts';
import type { VocabSet } from '../vocab-set.ts';
import { type Cfg, lexemeSymbol, type Production, START, terminalSymbol } from './cfg.ts';
import { classSet, singleCharSet } from './char-sets.ts';
import type { GbnfGrammar, GbnfNode, Sequence } from './gbnf-ast.ts';
import { GRAMMAR_FIELD, grammarError } from './grammar-errors.ts';

/** The CFG of a checked syntax tree (gbnf-parser.ts or checkGrammarAst); errors are on `field`. */
export function buildCfg(grammar: GbnfGrammar, field: string = GRAMMAR_FIELD): Cfg {
  return new CfgBuilder(grammar, field).build();
}

/**
 * Refuses (with a plain Error: a bug in the code that made it, not in a request) a lexeme whose initial state
 * does not fit the matcher: states are int32s ≥ 0, and `dist(initial)` is 0 exactly when `initial` accepts.
 */
export function checkLexeme(l: Lexeme): void {
  const s = l.initial;
  if (!Number.isInteger(s) || s < 0 || s > 0x7fffffff) {
    throw new Error(`lexeme ${l.name}: the initial state ${s} is not an integer in 0..2^31-1`);
  }
  const d = l.dist(s);
  if (!(d >= 0) || (d === 0) !== l.accepting(s)) {
    throw new Error(
      `lexeme ${l.name}: dist(initial) = ${d} does not agree with accepting(initial) = ${l.accepting(s)}`,
    );
  }
}

class CfgBuilder {
  private readonly names: string[] = ['<start>'];
  private readonly owners: string[] = [''];
  private readonly named: boolean[] = [false];
  private readonly productions: Production[] = [];
  private readonly terminals: VocabSet[] = [];
  private readonly terminalIds = new Map<string, number>();
  private readonly lexemes: Lexeme[] = [];
  private readonly lexemeIds = new Map<Lexeme, number>();
  private readonly ruleIds = new Map<string, number>();
  /** Shared repetition helpers: `*x`, `+x`, `?k:x` (k nested optionals). */
  private readonly helpers = new Map<string, number>();
  private positions = 0;
  private owner = '';

  constructor(
    private readonly grammar: GbnfGrammar,
    private readonly field: string,
  ) {}

  private tooManySymbols(): Error {
    return grammarError(
      `the rules need more than the ${CAPS.grammarSymbols} symbols allowed once repetitions and groups are expanded (cap grammarSymbols)`,
      this.field,
    );
  }

  build(): Cfg {
    for (const rule of this.grammar.rules) this.ruleIds.set(rule.name, this.nonterminal(rule.name, rule.name, true));
    this.add(START, [this.ruleIds.get('root') ?? 0]);
    for (const rule of this.grammar.rules) {
      this.owner = rule.name;
      const id = this.ruleIds.get(rule.name) ?? 0;
      for (const alt of rule.alternatives) this.add(id, this.sequence(alt));
    }
    return {
      names: this.names,
      owners: this.owners,
      named: this.named,
      productions: this.productions,
      terminals: this.terminals,
      lexemes: this.lexemes,
    };
  }

  private nonterminal(name: string, owner: string, named: boolean): number {
    this.names.push(name);
    this.owners.push(owner);
    this.named.push(named);
    return this.names.length - 1;
  }

  private helper(): number {
    return this.nonterminal(`${this.owner}/${this.names.length}`, this.owner, false);
  }

  private add(lhs: number, rhs: number[]): void {
    this.positions += rhs.length + 1;
    if (this.positions > CAPS.grammarSymbols) throw this.tooManySymbols();
    this.productions.push({ lhs, rhs });
  }

  /** Appends `n` copies of `symbol`, refusing before the cap is passed. */
  private copies(out: number[], symbol: number, n: number): void {
    if (this.positions + out.length + n > CAPS.grammarSymbols) throw this.tooManySymbols();
    for (let i = 0; i < n; i++) out.push(symbol);
  }

  private terminal(set: VocabSet): number {
    const key = set.join(',');
    let t = this.terminalIds.get(key);
    if (t === undefined) {
      t = this.terminals.length;
      this.terminals.push(set);
      this.terminalIds.set(key, t);
    }
    return terminalSymbol(t);
  }

  private lexeme(l: Lexeme): number {
    let i = this.lexemeIds.get(l);
    if (i === undefined) {
      checkLexeme(l);
      i = this.lexemes.length;
      this.lexemes.push(l);
      this.lexemeIds.set(l, i);
    }
    return lexemeSymbol(i);
  }

  private sequence(seq: Sequence, out: number[] = []): number[] {
    for (const node of seq) this.node(node, out);
    return out;
  }

  private node(node: GbnfNode, out: number[]): void {
    switch (node.kind) {
      case 'literal':
        if (this.positions + out.length + node.codePoints.length > CAPS.grammarSymbols) throw this.tooManySymbols();
        for (const c of node.codePoints) out.push(this.terminal(singleCharSet(c)));
        return;
      case 'class':
        out.push(this.terminal(classSet(node)));
        return;
      case 'lexeme':
        out.push(this.lexeme(node.lexeme));
        return;
      case 'ref':
        out.push(this.ruleIds.get(node.name) ?? 0);
        return;
      case 'group': {
        const [only, ...more] = node.alternatives;
        if (only && more.length === 0) {
          this.sequence(only, out);
          return;
        }
        const h = this.helper();
        for (const alt of node.alternatives) this.add(h, this.sequence(alt));
        out.push(h);
        return;
      }
      case 'repeat':
        this.repeat(node.body, node.min, node.max, out);
        return;
    }
  }

  private repeat(node: GbnfNode, least: number, most: number, out: number[]): void {
    const { body, min, max } = flatten(node, least, most);
    if (max === 0) return;
    const symbols: number[] = [];
    this.node(body, symbols);
    if (symbols.length === 0) return; // repeating the empty string is the empty string
    let x: number;
    if (symbols.length === 1) x = symbols[0] ?? 0;
    else {
      x = this.helper();
      this.add(x, symbols);
    }
    if (max === Infinity) {
      if (min === 0) {
        out.push(this.shared(`*${x}`, (r) => [[r, x], []]));
      } else {
        this.copies(out, x, min - 1);
        out.push(this.shared(`+${x}`, (p) => [[p, x], [x]]));
      }
      return;
    }
    this.copies(out, x, min);
    if (max > min) out.push(this.optionals(x, max - min));
  }

  /** O(k) ::= x O(k-1) | ε, with O(1) ::= x | ε: at most k more copies of x. */
  private optionals(x: number, k: number): number {
    let o = this.shared(`?1:${x}`, () => [[x], []]);
    for (let i = 2; i <= k; i++) {
      const innerOpt = o;
      o = this.shared(`?${i}:${x}`, () => [[x, innerOpt], []]);
    }
    return o;
  }

  private shared(key: string, productions: (self: number) => number[][]): number {
    let h = this.helpers.get(key);
    if (h === undefined) {
      h = this.helper();
      this.helpers.set(key, h);
      for (const rhs of productions(h)) this.add(h, rhs);
    }
    return h;
  }
}

/**
 * (y{0,b}){c,d} = y{0,b·d} (d ≥ 1), innermost first: the same language without the ambiguity of empty copies,
 * which would otherwise fill Earley sets with every way of spreading the characters over the copies (llama.cpp's
 * "hang" grammar). Only where b·d is unbounded or within the repetition cap.
 */
function flatten(body: GbnfNode, min: number, max: number): { body: GbnfNode; min: number; max: number } {
  const inner = unwrap(body);
  if (inner.kind !== 'repeat' || max === 0) return { body, min, max };
  const r = flatten(inner.body, inner.min, inner.max);
  if (r.min !== 0 || r.max === 0) return { body, min, max };
  const product = r.max * max;
  if (product !== Infinity && product > CAPS.repetitionBound) return { body, min, max };
  return { body: r.body, min: 0, max: product };
}

/** A group of one alternative of one item is that item. */
function unwrap(node: GbnfNode): GbnfNode {
  let n = node;
  while (n.kind === 'group' && n.alternatives.length === 1 && n.alternatives[0]?.length === 1) {
    n = n.alternatives[0][0] as GbnfNode;
  }
  return n;
}
