// Objects: `{`, the listed properties in schema order (required ones always, optional ones maybe), then other
// keys, `}`. A key's value must satisfy, in every object branch of the conjunction, that branch's property schema,
// or the schemas of its patternProperties the key matches, or else its additionalProperties. Other keys are split
// by which patterns they match (each class a key lexeme: not a listed name, matching exactly those patterns).
// minProperties/maxProperties count members; of the other keys only the first counts toward minProperties
// (two of them could be the same key, which JSON parsers merge, so counting them all would not be sound).
import type { GbnfNode, Sequence } from '../grammar/gbnf-ast.ts';
import type { EmitContext } from './compile-schema.ts';
import { keyLexemeNode } from './lexeme-specs.ts';
import type { Norm, ObjectBranch } from './norm.ts';
import type { Schema } from './resolve.ts';
import { childPointer, SchemaError, showPointer } from './schema-error.ts';
import { jsonString, lit } from './whitespace.ts';

/** patternProperties patterns in one conjunction beyond which the key classes (2^n) are refused. */
export const MAX_KEY_PATTERNS = 4;

const DEFAULT_BRANCH: ObjectBranch = { properties: new Map(), patterns: [], additional: true };

function matches(pattern: string, key: string, pointer: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(key);
  } catch {
    throw new SchemaError(
      `patternProperties at ${showPointer(pointer)}: "${pattern}" is not a valid regular expression`,
    );
  }
}

interface Member {
  readonly key: string;
  readonly required: boolean;
  readonly node: Sequence;
}

export function emitObject(n: Norm, cx: EmitContext, pointer: string): Sequence[] {
  const branches = n.objects.length ? n.objects : [DEFAULT_BRANCH];
  const { p } = cx;
  const names: string[] = [];
  for (const b of branches) for (const k of b.properties.keys()) if (!names.includes(k)) names.push(k);
  for (const r of n.required) if (!names.includes(r)) names.push(r);

  // the value schemas of a key, per branch (undefined: the key is forbidden)
  const valueSchemas = (key: string): Schema[] | undefined => {
    const out: Schema[] = [];
    for (const b of branches) {
      const own = b.properties.get(key);
      if (own !== undefined) out.push(own);
      else {
        const hit = b.patterns.filter(([pat]) => matches(pat, key, pointer)).map(([, s]) => s);
        out.push(...(hit.length ? hit : [b.additional]));
      }
    }
    return out.includes(false) ? undefined : out;
  };

  const members: Member[] = [];
  for (const key of names) {
    const required = n.required.has(key);
    const schemas = valueSchemas(key);
    const value = schemas ? cx.ruleFor(schemas, childPointer(pointer, 'properties', key)) : undefined;
    if (!value) {
      if (required) return []; // a required key no value can fill: no object
      continue;
    }
    members.push({ key, required, node: [lit(jsonString(key)), ...p.colon, value] });
  }

  const extra = extraMember(branches, names, cx, pointer);
  const minP = n.minProperties;
  const maxP = n.maxProperties ?? Number.POSITIVE_INFINITY;
  const requiredCount = members.filter((m) => m.required).length;
  if (requiredCount > maxP) return [];
  const counting = minP > requiredCount || maxP !== Number.POSITIVE_INFINITY;

  // extras(first, c): other keys after c listed members; c ≥ minP − 1 lets one extra meet minProperties
  const extrasMemo = new Map<string, GbnfNode | undefined>();
  const extras = (first: boolean, c: number): GbnfNode | undefined => {
    const key = `${first}:${c}`;
    if (extrasMemo.has(key)) return extrasMemo.get(key);
    const alts: Sequence[] = [];
    const enough = !counting || c >= minP;
    if (enough) alts.push([]);
    if (extra && c < maxP && (enough || c + 1 >= minP)) {
      const room = maxP - c - 1; // further extras allowed after the first
      const more: GbnfNode = { kind: 'group', alternatives: [[...p.comma, extra]] };
      const tail: Sequence = room > 0 ? [{ kind: 'repeat', body: more, min: 0, max: room }] : [];
      alts.push([...(first ? [] : p.comma), extra, ...tail]);
    }
    const node = cx.helper(cx.fresh('x'), alts);
    extrasMemo.set(key, node);
    return node;
  };

  // chain(i, first, c): the members from i on, after c members were written (c only tracked when counting)
  const chainMemo = new Map<string, GbnfNode | undefined>();
  const chain = (i: number, first: boolean, c: number): GbnfNode | undefined => {
    const key = `${i}:${first}:${c}`;
    if (chainMemo.has(key)) return chainMemo.get(key);
    let node: GbnfNode | undefined;
    if (i === members.length) node = extras(first, c);
    else {
      const m = members[i] as Member;
      const alts: Sequence[] = [];
      if (c < maxP) {
        const next = chain(i + 1, false, counting ? c + 1 : 0);
        if (next) alts.push([...(first ? [] : p.comma), ...m.node, next]);
      }
      if (!m.required) {
        const skip = chain(i + 1, first, c);
        if (skip) alts.push([skip]);
      }
      node = cx.helper(cx.fresh('o'), alts);
    }
    chainMemo.set(key, node);
    return node;
  };
  const body = chain(0, true, 0);
  if (!body) return [];
  return [[...p.open('{'), body, ...p.close('}')]];
}

/** One member with a key that is not listed: alternatives per class of patterns matched. */
function extraMember(
  branches: readonly ObjectBranch[],
  listed: readonly string[],
  cx: EmitContext,
  pointer: string,
): GbnfNode | undefined {
  const patterns = [...new Set(branches.flatMap((b) => b.patterns.map(([pat]) => pat)))];
  if (patterns.length > MAX_KEY_PATTERNS) {
    throw new SchemaError(
      `patternProperties at ${showPointer(pointer)} combine ${patterns.length} patterns, more than the ${MAX_KEY_PATTERNS} allowed (cap keyPatterns)`,
      { cap: 'keyPatterns' },
    );
  }
  const alts: Sequence[] = [];
  for (let mask = 0; mask < 1 << patterns.length; mask++) {
    const inClass = patterns.filter((_, j) => mask & (1 << j));
    const outClass = patterns.filter((_, j) => !(mask & (1 << j)));
    const schemas: Schema[] = [];
    for (const b of branches) {
      const hit = b.patterns.filter(([pat]) => inClass.includes(pat)).map(([, s]) => s);
      schemas.push(...(hit.length ? hit : [b.additional]));
    }
    if (schemas.includes(false)) continue;
    const key = keyLexemeNode({ notIn: listed, allOf: inClass, noneOf: outClass }, pointer);
    if (!key) continue;
    const value = cx.ruleFor(
      schemas,
      childPointer(pointer, inClass.length ? 'patternProperties' : 'additionalProperties'),
    );
    if (!value) continue;
    alts.push([key, ...cx.p.colon, value]);
  }
  return cx.helper(cx.fresh('k'), alts);
}
