// JSON Schema → a grammar (the GBNF syntax tree of the grammar front end, with lexemes for strings and numbers)
// whose language is exactly the instances the schema accepts, written in the chosen whitespace policy with
// object keys in schema order (listed properties first, then any others). Each schema place becomes a rule,
// memoised on the set of schemas that apply there, so a recursive $ref is a recursive rule.
import type { GbnfGrammar, GbnfNode, GbnfRule, Sequence } from '../grammar/gbnf-ast.ts';
import { draftOf } from './drafts.ts';
import { emitArray } from './emit-array.ts';
import { emitObject } from './emit-object.ts';
import { emitScalars } from './emit-scalars.ts';
import { type Conjunction, Expander } from './expand.ts';
import { type KeywordReport, newReport } from './keywords.ts';
import { buildNorm, type Norm } from './norm.ts';
import { type Schema, SchemaDocument } from './resolve.ts';
import { SchemaError, showPointer } from './schema-error.ts';
import { DEFAULT_WHITESPACE, lit, type Punctuation, punctuation, type Whitespace } from './whitespace.ts';

export interface SchemaOptions {
  readonly whitespace?: Whitespace;
  /** Skip unimplemented vocabulary keywords (listed in skipped) instead of refusing the schema. */
  readonly lenient?: boolean;
}

export interface SchemaGrammar {
  readonly grammar: GbnfGrammar;
  readonly draft: string;
  readonly whitespace: Whitespace;
  /** Pointers of keywords outside the vocabularies and of unknown formats (ignored). */
  readonly ignored: readonly string[];
  /** Pointers of unimplemented keywords skipped under `lenient`. */
  readonly skipped: readonly string[];
}

/** What the emitters need from the compiler: child rules, punctuation, the document. */
export interface EmitContext {
  readonly p: Punctuation;
  readonly whitespace: Whitespace;
  readonly doc: SchemaDocument;
  /** A reference to the rule for the conjunction of `schemas` (undefined: no value satisfies them). */
  ruleFor(schemas: readonly Schema[], pointer: string): GbnfNode | undefined;
  /** A helper rule with these alternatives (undefined when it has none). */
  helper(name: string, alternatives: Sequence[]): GbnfNode | undefined;
  /** A rule name not used yet. */
  fresh(tag: string): string;
}

export const ref = (name: string): GbnfNode => ({ kind: 'ref', name, line: 0, column: 0 });

class SchemaCompiler implements EmitContext {
  readonly p: Punctuation;
  readonly doc: SchemaDocument;
  private readonly rules: GbnfRule[] = [];
  private readonly byName = new Map<string, GbnfRule>();
  private readonly memo = new Map<string, string | null>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  private readonly report: KeywordReport = newReport();
  private readonly expander: Expander;
  private depth = 0;

  constructor(
    root: unknown,
    readonly whitespace: Whitespace,
  ) {
    this.p = punctuation(whitespace);
    const { draft } = draftOf(root);
    this.doc = new SchemaDocument(root, draft);
    this.expander = new Expander(this.doc, this.report);
  }

  compile(lenient: boolean): SchemaGrammar {
    const value = this.ruleFor([this.doc.root], '');
    if (this.report.malformed.length) {
      const list = this.report.malformed
        .map((m) => `${m.keyword} at ${showPointer(m.pointer)} ${m.problem}`)
        .join('; ');
      throw new SchemaError(`not a valid schema: ${list}`);
    }
    if (this.report.unsupported.length && !lenient) {
      const list = this.report.unsupported.map((u) => `${u.keyword} at ${showPointer(u.pointer)}`).join(', ');
      throw new SchemaError(`not supported by the local compiler: ${list}`, { keywords: this.report.unsupported });
    }
    if (!value) throw new SchemaError('no JSON value satisfies this schema');
    this.addRule('root', [[...this.p.outer, value, ...this.p.outer]]);
    return {
      grammar: { rules: this.rules, byName: this.byName },
      draft: this.doc.draft,
      whitespace: this.whitespace,
      ignored: this.report.ignored.map(showPointer),
      skipped: lenient ? this.report.unsupported.map((u) => showPointer(u.pointer)) : [],
    };
  }

  private idOf(s: Schema): string {
    if (typeof s === 'boolean') return s ? 'T' : 'F';
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(s, id);
    }
    return String(id);
  }

  private addRule(name: string, alternatives: Sequence[]): void {
    const rule: GbnfRule = { name, alternatives, line: 0, column: 0 };
    this.rules.push(rule);
    this.byName.set(name, rule);
  }

  private helpers = 0;

  fresh(tag: string): string {
    return `${tag}${this.helpers++}`;
  }

  helper(name: string, alternatives: Sequence[]): GbnfNode | undefined {
    if (alternatives.length === 0) return undefined;
    if (!this.byName.has(name)) this.addRule(name, alternatives);
    return ref(name);
  }

  ruleFor(schemas: readonly Schema[], pointer: string): GbnfNode | undefined {
    const key = [...new Set(schemas.map((s) => this.idOf(s)))]
      .filter((k) => k !== 'T')
      .sort()
      .join('&');
    const known = this.memo.get(key);
    if (known !== undefined) return known === null ? undefined : ref(known);
    const name = `v${this.memo.size}`;
    this.memo.set(key, name); // recursion through $ref finds the rule being built
    if (++this.depth > NESTING_CAP) {
      throw new SchemaError(
        `the schema nests more than ${NESTING_CAP} levels deep at ${abbreviated(showPointer(pointer))} (cap nestingDepth)`,
        { cap: 'nestingDepth' },
      );
    }
    const alternatives: Sequence[] = [];
    for (const conj of this.expander.expand(schemas)) alternatives.push(...this.emit(conj, pointer));
    this.depth--;
    if (alternatives.length === 0) {
      this.memo.set(key, null);
      return undefined;
    }
    this.addRule(name, alternatives);
    return ref(name);
  }

  private emit(conj: Conjunction, pointer: string): Sequence[] {
    const n: Norm = buildNorm(conj, this.doc.draft === '04');
    const at = conj.length ? this.doc.pointerOf(conj[conj.length - 1] as Schema) : pointer;
    const out: Sequence[] = emitScalars(n, this, at);
    if (n.types.has('array') && !n.values) out.push(...emitArray(n, this, at));
    if (n.types.has('object') && !n.values) out.push(...emitObject(n, this, at));
    return out;
  }
}

/** A pointer short enough for a message (the deepest places are hundreds of levels long). */
const abbreviated = (p: string) => (p.length > 160 ? `${p.slice(0, 80)}…${p.slice(-60)}` : p);

/** Schema places nested this deep (properties in properties …) are refused (cap nestingDepth). */
export const NESTING_CAP = 200;

export function schemaToGrammar(schema: unknown, o: SchemaOptions = {}): SchemaGrammar {
  return new SchemaCompiler(schema, o.whitespace ?? DEFAULT_WHITESPACE).compile(o.lenient ?? false);
}

export { lit };
