// The browser's own check of a finished JSON output against its schema: JSON.parse, then @cfworker/json-schema
// (no eval, which the page's Content-Security-Policy forbids, unlike ajv). It is made to agree with the server's
// check (server/worker/json-validator.ts: ajv + ajv-formats `full`): the formats are ajv-formats' own definitions,
// the number formats become keywords, and errors are reduced to the specific ones with plain messages.
// src/guide/validity.test.ts measures the agreement over the project's fixtures and the JSON-Schema-Test-Suite.
import { format as cfFormats, type OutputUnit, type Schema, type SchemaDraft, Validator } from '@cfworker/json-schema';
import { fullFormats } from 'ajv-formats/dist/formats.js';

export interface ValidityError {
  /** JSON Pointer of the instance location ('' for the root). */
  readonly pointer: string;
  /** A plain message naming the pointer. */
  readonly message: string;
}

export interface Validity {
  readonly valid: boolean;
  /** The parsed value, whenever the text is JSON (valid or not). */
  readonly parsed?: unknown;
  readonly errors: readonly ValidityError[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---- draft: read from `$schema` as the server reads it (engine/constraints/json/drafts.ts), 2020-12 when absent
// or unknown. cfworker knows 4, 7, 2019-09 and 2020-12; draft-06 is checked as 7, as the server's ajv does (its
// draft-07 class with the draft-06 meta-schema): 07 only added keywords and formats, which cfworker applies in
// every draft. The draft matters to cfworker in two places: draft-04's boolean exclusiveMinimum/Maximum, and in
// 04-07 keywords beside a $ref are ignored, as those drafts say (ajv 8 applies them: a documented difference).
const DRAFTS: readonly [RegExp, SchemaDraft][] = [
  [/json-schema\.org\/draft\/2020-12\/schema/, '2020-12'],
  [/json-schema\.org\/draft\/2019-09\/schema/, '2019-09'],
  [/json-schema\.org\/draft-07\/schema/, '7'],
  [/json-schema\.org\/draft-06\/schema/, '7'],
  [/json-schema\.org\/draft-04\/schema/, '4'],
];

function draftOf(schema: unknown): SchemaDraft {
  const uri = isObject(schema) ? schema.$schema : undefined;
  if (typeof uri === 'string') for (const [re, d] of DRAFTS) if (re.test(uri)) return d;
  return '2020-12';
}

// ---- formats: cfworker checks `format` on strings through its exported table, which is global (the lint's
// meta-schema check uses it too). For each validation — synchronous — the table is swapped for ajv-formats' `full`
// definitions, the very code the server runs, and put back after, so the two agree on every string format
// (password and binary accept anything; unknown names are ignored by both) and nothing else in the page sees the
// change. ajv-formats' number formats cfworker never checks: `prepare` turns them into keywords.
let ours: Record<string, (s: string) => boolean> | undefined;
function serverFormats(): Record<string, (s: string) => boolean> {
  if (ours) return ours;
  ours = {};
  for (const [name, f] of Object.entries(fullFormats)) {
    const def = typeof f === 'object' && !(f instanceof RegExp) ? f : { validate: f };
    if (('type' in def && def.type === 'number') || ('async' in def && def.async)) continue;
    const v = def.validate;
    if (v === true) continue; // password, binary: every string
    ours[name] =
      typeof v === 'function'
        ? (s: string) => (v as (s: string) => boolean)(s)
        : (s: string) => {
            const re = typeof v === 'string' ? new RegExp(v, 'u') : v;
            re.lastIndex = 0;
            return re.test(s);
          };
  }
  return ours;
}

/** Runs `fn` with the server's formats in cfworker's table, then puts the library's own back. */
function withServerFormats<T>(fn: () => T): T {
  const saved = { ...cfFormats };
  for (const name of Object.keys(cfFormats)) delete cfFormats[name];
  Object.assign(cfFormats, serverFormats());
  try {
    return fn();
  } finally {
    for (const name of Object.keys(cfFormats)) delete cfFormats[name];
    Object.assign(cfFormats, saved);
  }
}

/**
 * ajv-formats' number formats as keywords, which leave other types alone as a number format does: int32 an integer
 * in 32 bits, int64 an integer (float and double accept any number).
 */
const NUMBER_FORMATS: Readonly<Record<string, Json | undefined>> = {
  int32: { multipleOf: 1, minimum: -(2 ** 31), maximum: 2 ** 31 - 1 },
  int64: { multipleOf: 1 },
};

// ---- the schema cfworker gets: a copy (cfworker writes into the schemas it is given), with the number formats
// as keywords and each `false` subschema as `enum: []` (the same meaning; cfworker would report `false` at a wrong
// keyword location). The keywords whose values are subschemas, in any draft:
const SUBSCHEMA = ['additionalItems', 'unevaluatedItems', 'items', 'contains', 'additionalProperties'];
const SUBSCHEMA_MORE = ['unevaluatedProperties', 'propertyNames', 'not', 'if', 'then', 'else'];
const SUBSCHEMA_ARRAYS = ['prefixItems', 'items', 'allOf', 'anyOf', 'oneOf'];
const SUBSCHEMA_MAPS = ['$defs', 'definitions', 'properties', 'patternProperties', 'dependentSchemas', 'dependencies'];

function prepare(schema: unknown): unknown {
  if (schema === false) return { enum: [] };
  if (!isObject(schema)) return schema;
  const out: Json = { ...schema };
  for (const k of [...SUBSCHEMA, ...SUBSCHEMA_MORE]) if (k in out && !Array.isArray(out[k])) out[k] = prepare(out[k]);
  for (const k of SUBSCHEMA_ARRAYS) {
    const a = out[k];
    if (Array.isArray(a)) out[k] = a.map(prepare);
  }
  for (const k of SUBSCHEMA_MAPS) {
    const m = out[k];
    if (isObject(m))
      out[k] = Object.fromEntries(Object.entries(m).map(([p, s]) => [p, Array.isArray(s) ? s : prepare(s)]));
  }
  const extra = typeof out.format === 'string' ? NUMBER_FORMATS[out.format] : undefined;
  if (extra) out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), { ...extra }];
  return out;
}

// ---- compiled validators, cached per schema object.
type Check = (value: unknown) => readonly OutputUnit[];
const SCHEMA_PROBLEM = '(schema)';
const UNUSABLE = 'the schema could not be used: ';
const cache = new WeakMap<object, Check>();

function compile(schema: unknown): Check {
  let validator: Validator;
  try {
    validator = new Validator(prepare(structuredClone(schema)) as Schema | boolean, draftOf(schema), false);
  } catch (e) {
    const error = `${UNUSABLE}${(e as Error).message}`;
    return () => [{ instanceLocation: '#', keyword: SCHEMA_PROBLEM, keywordLocation: '#', error }];
  }
  return (value) => {
    try {
      return withServerFormats(() => validator.validate(value).errors);
    } catch (e) {
      // an unresolvable $ref surfaces here; the server's ajv refuses such a schema when compiling it
      const first = (e as Error).message.split(/\n| {2}/)[0] ?? '';
      return [{ instanceLocation: '#', keyword: SCHEMA_PROBLEM, keywordLocation: '#', error: `${UNUSABLE}${first}` }];
    }
  };
}

function checkFor(schema: unknown): Check {
  if (typeof schema !== 'object' || schema === null) return compile(schema);
  let check = cache.get(schema);
  if (!check) {
    check = compile(schema);
    cache.set(schema, check);
  }
  return check;
}

// ---- errors: the specific ones. Wrappers ("a subschema had errors") give way to the errors under them; under a
// failed alternative (anyOf, oneOf, contains, propertyNames) the branch errors are not errors of the instance, so
// the alternative's own error is kept instead.
const WRAPPERS = new Set([
  '$ref',
  '$recursiveRef',
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
  'allOf',
  'if',
  'dependentSchemas',
]);
const ALTERNATIVES = new Set(['anyOf', 'oneOf', 'contains', 'minContains', 'propertyNames']);

function specific(units: readonly OutputUnit[]): OutputUnit[] {
  const under = units
    .filter((u) => ALTERNATIVES.has(u.keyword))
    .map((u) => `${u.keywordLocation.replace(/\/minContains$/, '/contains')}/`);
  const wrapper = (u: OutputUnit) =>
    WRAPPERS.has(u.keyword) || (u.keyword === 'dependencies' && u.error.endsWith('dependant schema.'));
  const kept = units.filter((u) => !wrapper(u) && !under.some((p) => u.keywordLocation.startsWith(p)));
  return kept.length > 0 ? kept : units.slice(0, 1);
}

/** cfworker's location ('#/a/0', URI-encoded) as a JSON Pointer ('/a/0'). */
function pointerOf(instanceLocation: string): string {
  const p = instanceLocation.replace(/^#/, '');
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

const num = (s: string, i = 0) => s.match(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi)?.[i] ?? '?';
const count = (n: string, what: string) => `${n} ${what}${n === '1' ? '' : 's'}`;

/** A plain message for one error (from cfworker's words, which carry the values needed). */
function plain(u: OutputUnit): string {
  const e = u.error;
  const quoted = e.match(/"([^"]*)"/)?.[1] ?? '';
  const rest = (prefix: RegExp) => e.replace(prefix, '').replace(/\.$/, '');
  switch (u.keyword) {
    case 'type':
      return `expected ${rest(/^.*Expected /)
        .replaceAll('"', '')
        .replaceAll(', ', ' or ')}, got ${quoted}`;
    case 'const':
      return `must be ${rest(/^Instance does not match /)}`;
    case 'enum':
      return e.endsWith('any of [].')
        ? 'is not allowed here'
        : `must be one of ${rest(/^Instance does not match any of /)}`;
    case 'required':
      return `is missing the required property "${quoted}"`;
    case 'minProperties':
      return `has fewer than ${count(num(e), 'property').replace(/ys$/, 'ies')}`;
    case 'maxProperties':
      return `has more than ${count(num(e), 'property').replace(/ys$/, 'ies')}`;
    case 'minItems':
      return `has ${count(num(e), 'item')}, fewer than ${num(e, 1)}`;
    case 'maxItems':
      return `has ${count(num(e), 'item')}, more than ${num(e, 1)}`;
    case 'minLength':
      return `is ${count(num(e), 'character')} long, shorter than ${num(e, 1)}`;
    case 'maxLength':
      return `is ${count(num(e), 'character')} long, longer than ${num(e, 1)}`;
    case 'exclusiveMinimum': // cfworker's words leave out "or equal to"
      return `${num(e)} is less than or equal to ${num(e, 1)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return rest(/^$/).replace(/ {2}/g, ' ');
    case 'multipleOf':
      return e.endsWith(' of 1.') ? `${num(e)} is not an integer` : rest(/^$/);
    case 'pattern':
      return 'does not match the pattern';
    case 'format':
      return `is not a valid ${quoted}`;
    case 'anyOf':
      return 'matches none of the alternatives (anyOf)';
    case 'oneOf':
      return `must match exactly one alternative (oneOf), matches ${num(e)}`;
    case 'not':
      return 'matches a schema it must not match (not)';
    case 'contains':
      return 'has no item matching the "contains" schema';
    case 'propertyNames':
      return `has a property name that is not allowed: "${quoted}"`;
    case 'uniqueItems':
      return `has equal items at indexes ${num(e)} and ${num(e, 1)}`;
    default:
      return rest(/^(Instance|Array) /);
  }
}

/** Whether `text` is JSON valid against `schema` (draft from `$schema`), with the specific errors. */
export function validateInstance(schema: unknown, text: string): Validity {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { valid: false, errors: [{ pointer: '', message: `the output is not JSON: ${(e as Error).message}` }] };
  }
  const units = checkFor(schema)(parsed);
  if (units.length === 0) return { valid: true, parsed, errors: [] };
  const seen = new Set<string>();
  const errors: ValidityError[] = [];
  for (const u of specific(units)) {
    const pointer = pointerOf(u.instanceLocation);
    const message = u.keyword === SCHEMA_PROBLEM ? u.error : `${pointer || '(root)'}: ${plain(u)}`;
    if (seen.has(message)) continue;
    seen.add(message);
    errors.push({ pointer, message });
  }
  return { valid: false, parsed, errors };
}
