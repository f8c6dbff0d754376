// The JSON Schema meta-schemas, bundled offline (the JSON files ajv ships; draft-04's from ajv-draft-04), each with
// the draft @cfworker/json-schema evaluates it under and the vocabulary documents it refers to. cfworker does not
// implement 2020-12's `$dynamicRef`, so the 2020-12 documents' `$dynamicRef: "#meta"` is rewritten to a plain
// `$ref` to the 2020-12 meta-schema — what it resolves to when that meta-schema is the root, as it is here.
import type { Schema, SchemaDraft } from '@cfworker/json-schema';
import applicator2019 from 'ajv/dist/refs/json-schema-2019-09/meta/applicator.json';
import content2019 from 'ajv/dist/refs/json-schema-2019-09/meta/content.json';
import core2019 from 'ajv/dist/refs/json-schema-2019-09/meta/core.json';
import format2019 from 'ajv/dist/refs/json-schema-2019-09/meta/format.json';
import metaData2019 from 'ajv/dist/refs/json-schema-2019-09/meta/meta-data.json';
import validation2019 from 'ajv/dist/refs/json-schema-2019-09/meta/validation.json';
import schema2019 from 'ajv/dist/refs/json-schema-2019-09/schema.json';
import applicator2020 from 'ajv/dist/refs/json-schema-2020-12/meta/applicator.json';
import content2020 from 'ajv/dist/refs/json-schema-2020-12/meta/content.json';
import core2020 from 'ajv/dist/refs/json-schema-2020-12/meta/core.json';
import formatAnnotation2020 from 'ajv/dist/refs/json-schema-2020-12/meta/format-annotation.json';
import metaData2020 from 'ajv/dist/refs/json-schema-2020-12/meta/meta-data.json';
import unevaluated2020 from 'ajv/dist/refs/json-schema-2020-12/meta/unevaluated.json';
import validation2020 from 'ajv/dist/refs/json-schema-2020-12/meta/validation.json';
import schema2020 from 'ajv/dist/refs/json-schema-2020-12/schema.json';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json';
import draft04 from 'ajv-draft-04/dist/refs/json-schema-draft-04.json';

export type DraftName = '2020-12' | '2019-09' | '07' | '06' | '04';

export interface MetaSchema {
  readonly root: Schema;
  /** The vocabulary documents the root refers to by `$id`. */
  readonly vocabularies: readonly Schema[];
  /** The draft cfworker evaluates the meta-schema under (draft-06 is evaluated as draft-07, its superset). */
  readonly evaluateAs: SchemaDraft;
}

const META_2020 = 'https://json-schema.org/draft/2020-12/schema';

/** A copy of a 2020-12 document with every `$dynamicRef: "#meta"` made a `$ref` to the 2020-12 meta-schema. */
function withoutDynamicRefs(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutDynamicRefs);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === '$dynamicRef' && x === '#meta') out.$ref = META_2020;
    else out[k] = withoutDynamicRefs(x);
  }
  return out;
}

const schema = (v: unknown): Schema => v as Schema;
const schema2020x = (v: unknown): Schema => withoutDynamicRefs(v) as Schema;

export function metaSchemaOf(draft: DraftName): MetaSchema {
  switch (draft) {
    case '04':
      return { root: schema(draft04), vocabularies: [], evaluateAs: '4' };
    case '06':
      return { root: schema(draft06), vocabularies: [], evaluateAs: '7' };
    case '07':
      return { root: schema(draft07), vocabularies: [], evaluateAs: '7' };
    case '2019-09':
      return {
        root: schema(schema2019),
        vocabularies: [core2019, applicator2019, validation2019, metaData2019, format2019, content2019].map(schema),
        evaluateAs: '2019-09',
      };
    case '2020-12':
      return {
        root: schema2020x(schema2020),
        vocabularies: [
          core2020,
          applicator2020,
          unevaluated2020,
          validation2020,
          metaData2020,
          formatAnnotation2020,
          content2020,
        ].map(schema2020x),
        evaluateAs: '2020-12',
      };
  }
}
