// An independent, deliberately simple check that a text is in a grammar's language, for re-validating outputs
// (the `valid` flag). It shares nothing with the CFG/Earley code: it walks the GBNF syntax tree directly.
//
// For each (rule, start position) it computes the set of end positions as a least fixpoint: every entry starts
// empty, an entry is (re)evaluated against the current sets of the rules it references, and when its set grows
// the entries that read it are evaluated again. The sets only grow and are bounded, so this terminates, and left
// recursion needs nothing special. Entries are only made for the (rule, position) pairs some evaluation asks
// for, and pending ones are taken from the highest start position down: an entry reads entries at its own
// position or later, so those are (nearly always) final when it runs. Characters outside the vocabulary (newline
// and printable ASCII) can never be produced, so a text containing one is rejected. A lexeme is run as what it is,
// an automaton: from a start position its state steps over the text, and every position where it accepts is an end.
import type { Lexeme } from '../lexeme.ts';
import type { ClassNode, GbnfGrammar, GbnfNode, GbnfRule, Sequence } from './gbnf-ast.ts';
import { parseGbnf } from './gbnf-parser.ts';
import { PositionSet } from './position-set.ts';

export function grammarAccepts(source: string, text: string): boolean {
  return astAccepts(parseGbnf(source), text);
}

export function astAccepts(grammar: GbnfGrammar, text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && (c < 32 || c > 126)) return false;
  }
  return new FixpointCheck(grammar, text).accepts();
}

interface Entry {
  readonly rule: GbnfRule;
  readonly start: number;
  readonly ends: PositionSet;
  readonly readers: Set<number>;
  queued: boolean;
}

class FixpointCheck {
  private readonly entries = new Map<number, Entry>();
  /** Pending entry keys by start position; `top` is the highest position that may hold some. */
  private readonly pending: number[][];
  private top = -1;
  private readonly ruleIndex = new Map<string, number>();
  private readonly literals = new Map<GbnfNode, string>();
  /** Per lexeme, the ends from each start position already run. */
  private readonly lexemeEnds = new Map<Lexeme, Map<number, readonly number[]>>();
  private reader = -1;

  constructor(
    private readonly grammar: GbnfGrammar,
    private readonly text: string,
  ) {
    grammar.rules.forEach((r, i) => {
      if (!this.ruleIndex.has(r.name)) this.ruleIndex.set(r.name, i);
    });
    this.pending = Array.from({ length: text.length + 1 }, () => []);
  }

  accepts(): boolean {
    const root = this.lookup('root', 0);
    for (;;) {
      while (this.top >= 0 && this.pending[this.top]?.length === 0) this.top--;
      if (this.top < 0) break;
      const key = this.pending[this.top]?.pop() ?? 0;
      const entry = this.entries.get(key);
      if (!entry) continue;
      entry.queued = false;
      this.reader = key;
      const ends = this.positions();
      const start = this.positions();
      start.add(entry.start);
      for (const alt of entry.rule.alternatives) ends.addAll(this.sequence(alt, start));
      if (entry.ends.addAll(ends)) for (const r of entry.readers) this.enqueue(r);
    }
    return root.has(this.text.length);
  }

  private positions(): PositionSet {
    return new PositionSet(this.text.length);
  }

  /** The current end set of `name` from `start`, recording that the entry being evaluated reads it. */
  private lookup(name: string, start: number): PositionSet {
    const index = this.ruleIndex.get(name) ?? -1;
    const rule = this.grammar.rules[index];
    if (!rule) throw new Error(`naive check: rule '${name}' is not defined`);
    const key = index * (this.text.length + 1) + start;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { rule, start, ends: this.positions(), readers: new Set(), queued: false };
      this.entries.set(key, entry);
      this.enqueue(key);
    }
    if (this.reader >= 0) entry.readers.add(this.reader);
    return entry.ends;
  }

  private enqueue(key: number): void {
    const entry = this.entries.get(key);
    if (!entry || entry.queued) return;
    entry.queued = true;
    this.pending[entry.start]?.push(key);
    if (entry.start > this.top) this.top = entry.start;
  }

  private sequence(seq: Sequence, starts: PositionSet): PositionSet {
    let cur = starts;
    for (const node of seq) {
      if (cur.size === 0) return cur;
      cur = this.node(node, cur);
    }
    return cur;
  }

  private node(node: GbnfNode, starts: PositionSet): PositionSet {
    const out = this.positions();
    const text = this.text;
    switch (node.kind) {
      case 'literal': {
        let lit = this.literals.get(node);
        if (lit === undefined) {
          lit = '';
          for (const c of node.codePoints) lit += String.fromCodePoint(c);
          this.literals.set(node, lit);
        }
        const literal = lit;
        starts.forEach((s) => {
          if (text.startsWith(literal, s)) out.add(s + literal.length);
        });
        return out;
      }
      case 'class':
        starts.forEach((s) => {
          if (s < text.length && inClass(node, text.charCodeAt(s))) out.add(s + 1);
        });
        return out;
      case 'lexeme':
        starts.forEach((s) => {
          for (const e of this.lexemeRun(node.lexeme, s)) out.add(e);
        });
        return out;
      case 'ref':
        starts.forEach((s) => {
          out.addAll(this.lookup(node.name, s));
        });
        return out;
      case 'group':
        for (const alt of node.alternatives) out.addAll(this.sequence(alt, starts));
        return out;
      case 'repeat':
        return this.repeat(node.body, node.min, node.max, starts);
    }
  }

  /**
   * The ends of min..max copies of `body`. Below min, the ends after exactly k copies (S_k) are computed in full,
   * stopping early when S_k = S_(k-1) (then it stays so). From min on, only the ends not seen before are carried
   * to the next copy: an end first reached after k copies can go on for max - k more, which covers all it could do
   * when reached again later.
   */
  private repeat(body: GbnfNode, min: number, max: number, starts: PositionSet): PositionSet {
    if (body.kind === 'class') return this.run(body, min, max, starts);
    let cur = starts;
    let k = 0;
    for (; k < min; k++) {
      const next = this.node(body, cur);
      if (next.size === 0) return next;
      if (next.equals(cur)) {
        k = min;
        break;
      }
      cur = next;
    }
    const result = this.positions();
    result.addAll(cur);
    let frontier = cur;
    for (; k < max && frontier.size > 0; k++) {
      const next = this.node(body, frontier);
      const fresh = this.positions();
      next.forEach((p) => {
        if (!result.has(p)) fresh.add(p);
      });
      result.addAll(fresh);
      frontier = fresh;
    }
    return result;
  }

  /** The positions where `lexeme`, run from `start`, is in an accepting state (memoised). */
  private lexemeRun(lexeme: Lexeme, start: number): readonly number[] {
    let memo = this.lexemeEnds.get(lexeme);
    if (!memo) {
      memo = new Map();
      this.lexemeEnds.set(lexeme, memo);
    }
    const known = memo.get(start);
    if (known) return known;
    const ends: number[] = [];
    const text = this.text;
    let state = lexeme.initial;
    if (lexeme.accepting(state)) ends.push(start);
    for (let i = start; i < text.length; i++) {
      state = lexeme.step(state, token(text.charCodeAt(i)));
      if (state < 0) break;
      if (lexeme.accepting(state)) ends.push(i + 1);
    }
    memo.set(start, ends);
    return ends;
  }

  /** A class repeated min..max times: from each start, the ends of the run of matching characters. */
  private run(node: ClassNode, min: number, max: number, starts: PositionSet): PositionSet {
    const out = this.positions();
    const text = this.text;
    starts.forEach((s) => {
      if (min === 0) out.add(s);
      for (let k = 1; k <= max && s + k <= text.length && inClass(node, text.charCodeAt(s + k - 1)); k++) {
        if (k >= min) out.add(s + k);
      }
    });
    return out;
  }
}

/** The token of a character of the text (already known to be newline or printable ASCII). */
const token = (c: number): number => (c === 10 ? 0 : c - 31);

function inClass(node: ClassNode, c: number): boolean {
  let inside = false;
  for (const [lo, hi] of node.ranges) if (c >= lo && c <= hi) inside = true;
  return inside !== node.negated;
}
