// The seed page's "Schema guidance" as warnings: keep the root an object schema; give object schemas
// `additionalProperties: false` to reject extra keys; list every required name in `properties` (a required name
// without one is unconstrained — usually a typo). Advice, not refusals: the server runs such schemas.
import { childPointer } from '../../../engine/constraints/json/schema-error.ts';
import { type JsonText, keyRange, valueRange } from './json-text.ts';
import type { Lint } from './types.ts';

type Obj = Readonly<Record<string, unknown>>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Subschema keywords whose value is one schema, a map of schemas, or a list of schemas. */
const ONE = [
  'items',
  'additionalProperties',
  'additionalItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
];
const MAP = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const LIST = ['prefixItems', 'items', 'allOf', 'anyOf', 'oneOf'];

/** Every schema object in the document with its pointer (root first). */
function schemasOf(root: unknown): [Obj, string][] {
  const out: [Obj, string][] = [];
  const visit = (s: unknown, pointer: string) => {
    if (!isObj(s)) return;
    out.push([s, pointer]);
    for (const k of ONE) if (isObj(s[k])) visit(s[k], childPointer(pointer, k));
    for (const k of MAP) {
      const m = s[k];
      if (isObj(m)) for (const [name, sub] of Object.entries(m)) visit(sub, childPointer(pointer, k, name));
    }
    for (const k of LIST) {
      const l = s[k];
      if (Array.isArray(l))
        l.forEach((sub, i) => {
          visit(sub, childPointer(pointer, k, i));
        });
    }
  };
  visit(root, '');
  return out;
}

const isObjectSchema = (s: Obj): boolean =>
  s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object')) || isObj(s.properties);

/** A small marker for a schema object: its `type` key, else its `properties` key, else the schema's own key. */
function schemaMark(json: JsonText, s: Obj, pointer: string) {
  const key = 'type' in s ? 'type' : 'properties' in s ? 'properties' : undefined;
  return (key ? keyRange(json.tree, childPointer(pointer, key)) : undefined) ?? keyRange(json.tree, pointer);
}

export function adviceLints(json: JsonText): Lint[] {
  const lints: Lint[] = [];
  const root = json.value;
  if (!isObj(root) || root.type !== 'object')
    lints.push({
      severity: 'warning',
      source: 'advice',
      message:
        'the root is not an object schema ("type": "object"): keep the root schema as a JSON object; the current runtime validation path expects object-shaped JSON responses',
      pointer: isObj(root) && 'type' in root ? '/type' : '',
      ...(isObj(root) && 'type' in root ? valueRange(json.tree, '/type') : keyRange(json.tree, '')),
    });
  for (const [s, pointer] of schemasOf(root)) {
    if (!isObjectSchema(s)) continue;
    if (!('additionalProperties' in s))
      lints.push({
        severity: 'warning',
        source: 'advice',
        message:
          'this object schema has no "additionalProperties": false: add it when you want to reject extra keys instead of only validating required ones',
        pointer,
        ...schemaMark(json, s, pointer),
      });
    const { required, properties } = s;
    if (Array.isArray(required) && isObj(properties))
      required.forEach((name, i) => {
        if (typeof name !== 'string' || Object.hasOwn(properties, name)) return;
        const at = childPointer(pointer, 'required', i);
        lints.push({
          severity: 'warning',
          source: 'advice',
          message: `"${name}" is required but not in properties, so any value passes for it (a typo?); optional fields are fine as long as you leave them out of required`,
          pointer: at,
          ...valueRange(json.tree, at),
        });
      });
  }
  return lints;
}
