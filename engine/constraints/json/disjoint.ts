// Proving two oneOf branches disjoint (no value satisfies both), so that oneOf can be compiled as anyOf: distinct
// types, distinct enum/const values, non-overlapping numeric ranges, or a property both require whose schemas
// are disjoint (the usual "kind": {"const": …} discriminator). Anything not proven is treated as overlapping.
import { canonical, type Norm, type TypeName, valueHasType } from './norm.ts';
import type { Json, Schema, SchemaDocument, SchemaObject } from './resolve.ts';

/** Whether `v` certainly fails `n` (checked: type, values, bounds, multipleOf, lengths, patterns, required). */
/** The canonical texts of a value list, built once per list (a 10,000-value enum is checked value by value). */
const valueSets = new WeakMap<readonly Json[], Set<string>>();
function valueSet(values: readonly Json[]): Set<string> {
  let set = valueSets.get(values);
  if (!set) {
    set = new Set(values.map(canonical));
    valueSets.set(values, set);
  }
  return set;
}

/** Compiled patterns by source (undefined: JavaScript cannot run it, which proves nothing). */
const patternCache = new Map<string, RegExp | undefined>();
function patternOf(p: string): RegExp | undefined {
  if (patternCache.has(p)) return patternCache.get(p);
  let re: RegExp | undefined;
  try {
    re = new RegExp(p, 'u');
  } catch {
    re = undefined;
  }
  if (patternCache.size >= 256) patternCache.clear();
  patternCache.set(p, re);
  return re;
}

export function violates(v: Json, n: Norm): boolean {
  if (!valueHasType(v, n.types)) return true;
  if (n.values && !valueSet(n.values).has(canonical(v))) return true;
  if (typeof v === 'number') {
    if (n.min && (n.min.exclusive ? v <= n.min.value : v < n.min.value)) return true;
    if (n.max && (n.max.exclusive ? v >= n.max.value : v > n.max.value)) return true;
    if (n.multipleOf.some((m) => !Number.isInteger(v / m))) return true;
  }
  if (typeof v === 'string') {
    const len = [...v].length;
    if (len < n.minLength || len > (n.maxLength ?? Number.POSITIVE_INFINITY)) return true;
    for (const p of n.patterns) if (patternOf(p)?.test(v) === false) return true;
  }
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    for (const r of n.required) if (!(r in v)) return true;
  }
  return false;
}

const effectiveTypes = (n: Norm): Set<TypeName> => {
  const t = new Set(n.types);
  if (t.has('number')) t.add('integer');
  return t;
};

function propertySchemas(n: Norm, key: string): Schema[] {
  const out: Schema[] = [];
  for (const o of n.objects) {
    const s = o.properties.get(key);
    if (s !== undefined) out.push(s);
  }
  return out;
}

/** Whether no value can satisfy both `a` and `b` (false when not proven). */
export function disjoint(
  a: Norm,
  b: Norm,
  doc: SchemaDocument,
  draft04: boolean,
  depth = 0,
  expand?: (schemas: Schema[]) => Norm[],
): boolean {
  const ta = effectiveTypes(a);
  const tb = effectiveTypes(b);
  if (![...ta].some((t) => tb.has(t))) return true;
  if (a.values?.every((v) => violates(v, b))) return true;
  if (b.values?.every((v) => violates(v, a))) return true;
  const numeric = (t: Set<TypeName>) => [...t].every((x) => x === 'integer' || x === 'number');
  if (numeric(ta) && numeric(tb)) {
    const below = (x: Norm, y: Norm) =>
      x.max !== undefined &&
      y.min !== undefined &&
      (x.max.value < y.min.value || (x.max.value === y.min.value && (x.max.exclusive || y.min.exclusive)));
    if (below(a, b) || below(b, a)) return true;
  }
  const onlyObject = (t: Set<TypeName>) => t.size === 1 && t.has('object');
  if (onlyObject(ta) && onlyObject(tb) && depth < 4 && expand) {
    for (const key of a.required) {
      if (!b.required.has(key)) continue;
      const na = expand(propertySchemas(a, key));
      const nb = expand(propertySchemas(b, key));
      if (na.every((x) => nb.every((y) => disjoint(x, y, doc, draft04, depth + 1, expand)))) return true;
    }
  }
  return false;
}

export type { SchemaObject };
