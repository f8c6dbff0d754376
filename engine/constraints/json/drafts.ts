// JSON Schema drafts and their keyword vocabularies: which keywords the compiler implements, which it knows but
// cannot honour (a compile error listing each, or skipped and listed with `lenient`), which are annotations
// (ignored silently) — anything else is outside the draft's vocabularies (ignored and listed).

export type Draft = '2020-12' | '2019-09' | '07' | '06' | '04';

const DRAFT_URIS: readonly [RegExp, Draft][] = [
  [/json-schema\.org\/draft\/2020-12\/schema/, '2020-12'],
  [/json-schema\.org\/draft\/2019-09\/schema/, '2019-09'],
  [/json-schema\.org\/draft-07\/schema/, '07'],
  [/json-schema\.org\/draft-06\/schema/, '06'],
  [/json-schema\.org\/draft-04\/schema/, '04'],
];

/** The draft a root schema declares in `$schema` (2020-12 when absent or unknown). */
export function draftOf(root: unknown): { draft: Draft; declared: boolean } {
  const uri = typeof root === 'object' && root !== null ? (root as Record<string, unknown>).$schema : undefined;
  if (typeof uri !== 'string') return { draft: '2020-12', declared: false };
  for (const [re, d] of DRAFT_URIS) if (re.test(uri)) return { draft: d, declared: true };
  return { draft: '2020-12', declared: false };
}

/** Keywords the compiler turns into grammar (in every draft where they exist). */
export const IMPLEMENTED = new Set([
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'minProperties',
  'maxProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'anyOf',
  'oneOf',
  'allOf',
  '$ref',
  '$defs',
  'definitions',
  '$schema',
  '$id',
  'id',
  '$anchor',
  '$comment',
  '$vocabulary',
]);

/** Vocabulary keywords the compiler cannot honour: an error (or, with `lenient`, skipped and left to the validator). */
export const UNIMPLEMENTED = new Set([
  'not',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'dependentRequired',
  'dependencies',
  'contains',
  'minContains',
  'maxContains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'uniqueItems',
  '$dynamicRef',
  '$dynamicAnchor',
  '$recursiveRef',
  '$recursiveAnchor',
]);

/** Annotations: no effect on validity, ignored silently. */
export const ANNOTATIONS = new Set([
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  'contentEncoding',
  'contentMediaType',
  'contentSchema',
]);

/**
 * Keyword values that constrain nothing, so an unimplemented keyword with one of them is no reason to refuse:
 * `uniqueItems: false`, an empty `dependencies`, and the like.
 */
export function vacuous(keyword: string, value: unknown): boolean {
  if (keyword === 'uniqueItems') return value === false;
  if (keyword === 'minContains') return value === 0 || value === 1;
  if (keyword === 'dependencies' || keyword === 'dependentRequired' || keyword === 'dependentSchemas')
    return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
  if (keyword === 'propertyNames' || keyword === 'unevaluatedProperties' || keyword === 'unevaluatedItems')
    return value === true || (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
  return false;
}
