// Expands the applicators that stay at the same place in the instance — $ref, allOf, anyOf, oneOf — into a
// disjunction of conjunctions of schema objects (disjunctive normal form), reading every schema object's
// keywords on the way. `false` empties a conjunction; `true` adds nothing. oneOf is kept only when its branches
// are provably disjoint (then it is anyOf); otherwise it is refused. Work is capped: $ref chains that never move
// into the instance, and the number of conjunctions.
import { CAPS } from '../caps.ts';
import { disjoint } from './disjoint.ts';
import { type KeywordReport, readKeywords } from './keywords.ts';
import { buildNorm } from './norm.ts';
import type { Schema, SchemaDocument, SchemaObject } from './resolve.ts';
import { childPointer, SchemaError, showPointer } from './schema-error.ts';

/** Conjunctions one schema place may expand to (anyOf × anyOf …). */
export const MAX_CONJUNCTIONS = 256;
/** $ref → $ref → … (or allOf inside allOf) without moving into the instance. */
export const MAX_REF_DEPTH = 64;

export type Conjunction = readonly SchemaObject[];

export class Expander {
  private readonly seen = new WeakSet<object>();

  constructor(
    private readonly doc: SchemaDocument,
    private readonly report: KeywordReport,
  ) {}

  /** The disjunction the conjunction of `schemas` expands to (empty: unsatisfiable). */
  expand(schemas: readonly Schema[], depth = 0): Conjunction[] {
    let out: Conjunction[] = [[]];
    for (const s of schemas) {
      if (s === true) continue;
      if (s === false) return [];
      out = cross(out, this.one(s, depth));
      if (out.length === 0) return [];
    }
    return out;
  }

  private one(s: SchemaObject, depth: number): Conjunction[] {
    const pointer = this.doc.pointerOf(s);
    if (depth > MAX_REF_DEPTH) {
      throw new SchemaError(
        `$ref and allOf at ${showPointer(pointer)} nest more than ${MAX_REF_DEPTH} deep without moving into the instance (cap refDepth): a schema that refers to itself there has no instance`,
        { cap: 'refDepth' },
      );
    }
    // drafts 04–07 say a $ref replaces its schema object; ajv (the validator of outputs) applies the keywords beside
    // it too, as 2019-09 does. Applying them is the stricter reading, so an output is valid under both.
    if (!this.seen.has(s)) {
      this.seen.add(s);
      readKeywords(s, pointer, this.doc.draft, this.report);
    }
    let out: Conjunction[] = [[s]];
    if (typeof s.$ref === 'string') out = cross(out, this.expand([this.doc.resolve(s.$ref, s)], depth + 1));
    if (Array.isArray(s.allOf)) out = cross(out, this.expand(s.allOf as Schema[], depth + 1));
    if (Array.isArray(s.anyOf)) out = cross(out, this.union(s.anyOf as Schema[], depth));
    if (Array.isArray(s.oneOf)) {
      const branches = (s.oneOf as Schema[]).map((b) => this.expand([b], depth + 1));
      this.checkDisjoint(branches, childPointer(pointer, 'oneOf'));
      out = cross(out, branches.flat());
    }
    return out;
  }

  private union(list: readonly Schema[], depth: number): Conjunction[] {
    const out: Conjunction[] = [];
    for (const b of list) out.push(...this.expand([b], depth + 1));
    if (out.length > MAX_CONJUNCTIONS) throw tooMany();
    return out;
  }

  private checkDisjoint(branches: Conjunction[][], pointer: string): void {
    const draft04 = this.doc.draft === '04';
    const norms = branches.map((b) => b.map((c) => buildNorm(c, draft04)));
    for (let i = 0; i < norms.length; i++)
      for (let j = i + 1; j < norms.length; j++)
        for (const a of norms[i] ?? [])
          for (const b of norms[j] ?? [])
            if (!disjoint(a, b, this.doc, draft04, 0, (list) => this.expand(list).map((c) => buildNorm(c, draft04)))) {
              throw new SchemaError(
                `oneOf at ${showPointer(pointer)}: branches ${i} and ${j} may both match the same value, so "exactly one" cannot be guaranteed (only provably disjoint branches are supported)`,
                { keywords: [{ keyword: 'oneOf (overlapping)', pointer }] },
              );
            }
  }
}

function cross(a: Conjunction[], b: Conjunction[]): Conjunction[] {
  if (a.length * b.length > MAX_CONJUNCTIONS) throw tooMany();
  const out: Conjunction[] = [];
  for (const x of a) for (const y of b) out.push([...x, ...y]);
  return out;
}

function tooMany(): SchemaError {
  return new SchemaError(
    `anyOf/oneOf combinations at one place expand to more than ${MAX_CONJUNCTIONS} alternatives (cap conjunctions)`,
    { cap: 'conjunctions' },
  );
}

export const CAP_NAMES = { refDepth: MAX_REF_DEPTH, conjunctions: MAX_CONJUNCTIONS, nesting: CAPS.nestingDepth };
