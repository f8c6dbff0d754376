// One conjunction of schema objects (what allOf, $ref and one branch of each anyOf/oneOf leave) merged into the
// constraints of each JSON type: allowed types, enum values, numeric bounds, string patterns and lengths, the
// array branches (prefix schemas and the schema of the rest), the object branches (properties, patterns,
// additional schema), required names and counts. Child schemas stay schemas: they are compiled as rules later.
import type { Json, Schema, SchemaObject } from './resolve.ts';

export type TypeName = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';
export const ALL_TYPES: readonly TypeName[] = ['null', 'boolean', 'integer', 'number', 'string', 'array', 'object'];

export interface Bound {
  readonly value: number;
  readonly exclusive: boolean;
}

export interface ArrayBranch {
  readonly prefix: readonly Schema[];
  /** The schema of the items after the prefix (true when absent). */
  readonly rest: Schema;
}

export interface ObjectBranch {
  readonly properties: ReadonlyMap<string, Schema>;
  readonly patterns: readonly (readonly [string, Schema])[];
  /** The schema of other keys (true when absent). */
  readonly additional: Schema;
}

export interface Norm {
  readonly types: ReadonlySet<TypeName>;
  /** The values it may take (an intersection of enum/const), or undefined for any. */
  readonly values?: readonly Json[];
  readonly min?: Bound;
  readonly max?: Bound;
  /** multipleOf values, all of them apply. */
  readonly multipleOf: readonly number[];
  readonly patterns: readonly string[];
  readonly minLength: number;
  readonly maxLength?: number;
  readonly formats: readonly string[];
  readonly arrays: readonly ArrayBranch[];
  readonly minItems: number;
  readonly maxItems?: number;
  readonly objects: readonly ObjectBranch[];
  readonly required: ReadonlySet<string>;
  readonly minProperties: number;
  readonly maxProperties?: number;
}

const isObject = (v: unknown): v is SchemaObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Canonical text of a JSON value (keys sorted) for deep equality. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

const typeOfValue = (v: Json): TypeName =>
  v === null
    ? 'null'
    : typeof v === 'boolean'
      ? 'boolean'
      : typeof v === 'number'
        ? Number.isInteger(v)
          ? 'integer'
          : 'number'
        : typeof v === 'string'
          ? 'string'
          : Array.isArray(v)
            ? 'array'
            : 'object';

/** Whether a value's JSON type is one of `types` (an integer is a number too). */
export const valueHasType = (v: Json, types: ReadonlySet<TypeName>): boolean => {
  const t = typeOfValue(v);
  return types.has(t) || (t === 'integer' && types.has('number'));
};

function tighter(a: Bound | undefined, b: Bound, lower: boolean): Bound {
  if (!a) return b;
  if (a.value === b.value) return { value: a.value, exclusive: a.exclusive || b.exclusive };
  return (lower ? b.value > a.value : b.value < a.value) ? b : a;
}

/** Merges the keywords of each schema object of a conjunction (their applicators were expanded already). */
export function buildNorm(conj: readonly SchemaObject[], draft04: boolean): Norm {
  let types = new Set<TypeName>(ALL_TYPES);
  let values: Json[] | undefined;
  let min: Bound | undefined;
  let max: Bound | undefined;
  const multipleOf: number[] = [];
  const patterns: string[] = [];
  let minLength = 0;
  let maxLength: number | undefined;
  const formats: string[] = [];
  const arrays: ArrayBranch[] = [];
  let minItems = 0;
  let maxItems: number | undefined;
  const objects: ObjectBranch[] = [];
  const required = new Set<string>();
  let minProperties = 0;
  let maxProperties: number | undefined;

  for (const s of conj) {
    const t = s.type;
    if (typeof t === 'string' || Array.isArray(t)) {
      const listed = new Set(
        (Array.isArray(t) ? t : [t]).filter((x): x is TypeName => typeof x === 'string') as TypeName[],
      );
      if (listed.has('number')) listed.add('integer');
      types = new Set([...types].filter((x) => listed.has(x)));
    }
    const vals: Json[] | undefined =
      'const' in s ? [s.const as Json] : Array.isArray(s.enum) ? (s.enum as Json[]) : undefined;
    if (vals) {
      const keep = new Set(vals.map(canonical));
      values = values
        ? values.filter((v) => keep.has(canonical(v)))
        : [...new Map(vals.map((v) => [canonical(v), v])).values()];
    }
    const minimum = num(s.minimum);
    const maximum = num(s.maximum);
    if (draft04) {
      if (minimum !== undefined) min = tighter(min, { value: minimum, exclusive: s.exclusiveMinimum === true }, true);
      if (maximum !== undefined) max = tighter(max, { value: maximum, exclusive: s.exclusiveMaximum === true }, false);
    } else {
      if (minimum !== undefined) min = tighter(min, { value: minimum, exclusive: false }, true);
      if (maximum !== undefined) max = tighter(max, { value: maximum, exclusive: false }, false);
      const xmin = num(s.exclusiveMinimum);
      const xmax = num(s.exclusiveMaximum);
      if (xmin !== undefined) min = tighter(min, { value: xmin, exclusive: true }, true);
      if (xmax !== undefined) max = tighter(max, { value: xmax, exclusive: true }, false);
    }
    const m = num(s.multipleOf);
    if (m !== undefined && m > 0) multipleOf.push(m);
    if (typeof s.pattern === 'string' && !patterns.includes(s.pattern)) patterns.push(s.pattern);
    const minL = num(s.minLength);
    const maxL = num(s.maxLength);
    if (minL !== undefined) minLength = Math.max(minLength, Math.ceil(minL));
    if (maxL !== undefined) maxLength = Math.min(maxLength ?? Number.POSITIVE_INFINITY, Math.floor(maxL));
    if (typeof s.format === 'string' && !formats.includes(s.format)) formats.push(s.format);

    const items = s.items;
    const prefixItems = s.prefixItems;
    if (Array.isArray(items)) {
      // the array form of items (drafts up to 2019-09): a prefix, then additionalItems
      const rest = s.additionalItems;
      arrays.push({ prefix: items as Schema[], rest: typeof rest === 'boolean' || isObject(rest) ? rest : true });
    } else if (Array.isArray(prefixItems) || items !== undefined) {
      arrays.push({
        prefix: Array.isArray(prefixItems) ? (prefixItems as Schema[]) : [],
        rest: typeof items === 'boolean' || isObject(items) ? items : true,
      });
    }
    const minI = num(s.minItems);
    const maxI = num(s.maxItems);
    if (minI !== undefined) minItems = Math.max(minItems, Math.ceil(minI));
    if (maxI !== undefined) maxItems = Math.min(maxItems ?? Number.POSITIVE_INFINITY, Math.floor(maxI));

    const props = isObject(s.properties) ? s.properties : undefined;
    const pats = isObject(s.patternProperties) ? s.patternProperties : undefined;
    const add = s.additionalProperties;
    if (props || pats || add !== undefined) {
      objects.push({
        properties: new Map(
          Object.entries(props ?? {}).filter(([, v]) => typeof v === 'boolean' || isObject(v)) as [string, Schema][],
        ),
        patterns: Object.entries(pats ?? {}).filter(([, v]) => typeof v === 'boolean' || isObject(v)) as [
          string,
          Schema,
        ][],
        additional: typeof add === 'boolean' || isObject(add) ? add : true,
      });
    }
    if (Array.isArray(s.required)) for (const r of s.required) if (typeof r === 'string') required.add(r);
    const minP = num(s.minProperties);
    const maxP = num(s.maxProperties);
    if (minP !== undefined) minProperties = Math.max(minProperties, Math.ceil(minP));
    if (maxP !== undefined) maxProperties = Math.min(maxProperties ?? Number.POSITIVE_INFINITY, Math.floor(maxP));
  }
  // the number formats of ajv-formats: int32 and int64 numbers are integers (int32 within 32 bits)
  if (formats.includes('int32') || formats.includes('int64')) {
    types.delete('number');
    if (formats.includes('int32')) {
      min = tighter(min, { value: -(2 ** 31), exclusive: false }, true);
      max = tighter(max, { value: 2 ** 31 - 1, exclusive: false }, false);
    }
  }
  if (values) values = values.filter((v) => valueHasType(v, types));
  return {
    types,
    values,
    min,
    max,
    multipleOf,
    patterns,
    minLength,
    maxLength,
    formats,
    arrays,
    minItems,
    maxItems,
    objects,
    required,
    minProperties,
    maxProperties,
  };
}
