// The schema checked against the meta-schema of the draft it declares in `$schema` (2020-12 when absent, as the
// compiler reads it), with @cfworker/json-schema: it builds no code at run time, so it runs under the page's CSP
// (no eval), unlike ajv. cfworker reports every failing keyword on the way down (allOf, $ref, properties …); only
// the deepest places are kept, each said once in plain words ("/properties/a/type: must be one of …").
import { type OutputUnit, Validator } from '@cfworker/json-schema';
import { draftOf } from '../../../engine/constraints/json/drafts.ts';
import { type JsonText, valueRange } from './json-text.ts';
import { type DraftName, metaSchemaOf } from './meta-schemas.ts';
import type { Lint } from './types.ts';

const validators = new Map<DraftName, Validator>();

function validatorFor(draft: DraftName): Validator {
  let v = validators.get(draft);
  if (!v) {
    const meta = metaSchemaOf(draft);
    v = new Validator(meta.root, meta.evaluateAs, false);
    for (const vocabulary of meta.vocabularies) v.addSchema(vocabulary);
    validators.set(draft, v);
  }
  return v;
}

/** Keywords that only say a subschema failed (the failure itself is reported deeper or beside it). */
const APPLICATORS = new Set([
  '$ref',
  '$recursiveRef',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'propertyNames',
  'dependentSchemas',
  'dependencies',
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
  'contains',
]);

const TYPE_WORDS: Record<string, string> = {
  array: 'an array',
  object: 'an object',
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  null: 'null',
};

const quotedList = (json: string): string => {
  try {
    const values = JSON.parse(json) as unknown[];
    return values.map((x) => JSON.stringify(x)).join(', ');
  } catch {
    return json;
  }
};

type Rule = readonly [keyword: string | undefined, pattern: RegExp, say: (m: RegExpExecArray) => string];

/** cfworker's messages (dist/esm/validate.js), each in the words the editor shows. */
const RULES: readonly Rule[] = [
  [
    'type',
    /^Instance type "\w+" is invalid\. Expected (.*)\.$/,
    (m) => `must be ${[...(m[1] ?? '').matchAll(/"(\w+)"/g)].map((t) => TYPE_WORDS[t[1] ?? ''] ?? t[1]).join(' or ')}`,
  ],
  ['enum', /^Instance does not match any of (.*)\.$/s, (m) => `must be one of ${quotedList(m[1] ?? '')}`],
  ['const', /^Instance does not match (.*)\.$/s, (m) => `must be ${m[1]}`],
  [
    undefined,
    /^.* is less than (or equal to )?\s*(.*)\.$/,
    (m) => `must be ${m[1] ? 'more than' : 'at least'} ${m[2]}`,
  ],
  [
    undefined,
    /^.* is greater than (or equal to )?\s*(.*)\.$/,
    (m) => `must be ${m[1] ? 'less than' : 'at most'} ${m[2]}`,
  ],
  ['multipleOf', /^.* is not a multiple of (.*)\.$/, (m) => `must be a multiple of ${m[1]}`],
  [
    'format',
    /^String does not match format "(.*)"\.$/,
    (m) => (m[1] === 'regex' ? 'is not a valid regular expression' : `is not a valid ${m[1]} (format "${m[1]}")`),
  ],
  ['pattern', /^/, () => 'does not match the pattern the meta-schema requires'],
  ['minLength', /\(\d+ < (\d+)\)/, (m) => `needs at least ${m[1]} characters`],
  ['maxLength', /\(\d+ > (\d+)\)/, (m) => `may have at most ${m[1]} characters`],
  ['minItems', /\(\d+ < (\d+)\)/, (m) => `needs at least ${m[1]} items`],
  ['maxItems', /\(\d+ > (\d+)\)/, (m) => `may have at most ${m[1]} items`],
  ['uniqueItems', /(\d+) and (\d+)/, (m) => `has the same item twice (items ${m[1]} and ${m[2]})`],
  ['required', /"(.*)"/, (m) => `needs the property "${m[1]}"`],
  ['minProperties', /(\d+) properties/, (m) => `needs at least ${m[1]} properties`],
  ['maxProperties', /(\d+) properties/, (m) => `may have at most ${m[1]} properties`],
];

/** cfworker's message for one failing keyword, in plain words. */
function plain(u: OutputUnit): string {
  for (const [keyword, pattern, say] of RULES) {
    if (keyword !== undefined && keyword !== u.keyword) continue;
    const m = pattern.exec(u.error);
    if (m) return say(m);
  }
  const text = u.error.replace(/^Instance /, '').replace(/\.$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A cfworker instance location ("#/properties/a%20b/type") as a JSON pointer ("/properties/a b/type"). */
function pointerOf(instanceLocation: string): string {
  const p = instanceLocation.replace(/^#/, '');
  try {
    return decodeURI(p);
  } catch {
    return p;
  }
}

const isBelow = (p: string, ancestor: string) => p.startsWith(`${ancestor}/`);

/** The meta-schema errors of a parsed schema, one lint per deepest failing place. */
export function metaSchemaLints(json: JsonText): Lint[] {
  const { draft } = draftOf(json.value);
  const result = validatorFor(draft).validate(json.value);
  if (result.valid) return [];
  const units = result.errors.map((u) => ({ u, pointer: pointerOf(u.instanceLocation) }));
  const pointers = [...new Set(units.map((x) => x.pointer))];
  const deepest = pointers.filter((p) => !pointers.some((q) => q !== p && isBelow(q, p)));
  return deepest.map((pointer) => {
    const here = units.filter((x) => x.pointer === pointer).map((x) => x.u);
    const leaves = here.filter((u) => !APPLICATORS.has(u.keyword));
    const messages = [...new Set((leaves.length ? leaves : here.slice(-1)).map(plain))];
    return {
      severity: 'error',
      source: 'meta-schema',
      message: `${pointer || '(root)'}: ${messages.join(', or ')} (draft ${draft} meta-schema)`,
      pointer,
      ...valueRange(json.tree, pointer),
    } satisfies Lint;
  });
}
