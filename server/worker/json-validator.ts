// The independent check of a JSON Schema output: JSON.parse, then ajv for the draft the schema declares
// (2020-12, 2019-09, draft-07/06, draft-04), formats from ajv-formats in `full` mode, the schema itself not
// validated (`validateSchema: false`: the compiler already read it). It shares nothing with the matcher.
import { createRequire } from 'node:module';
import type { AnySchema, ValidateFunction } from 'ajv';
import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019.js';
import Ajv2020 from 'ajv/dist/2020.js';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { CheckResult } from '../../engine/constraints/compiled.ts';
import type { Draft } from '../../engine/constraints/json/drafts.ts';

const require = createRequire(import.meta.url);

type AjvInstance = InstanceType<typeof Ajv>;

function newAjv(draft: Draft): AjvInstance {
  const o = { strict: false, validateSchema: false, allErrors: false, logger: false } as const;
  let ajv: AjvInstance;
  if (draft === '2020-12') ajv = new Ajv2020(o) as unknown as AjvInstance;
  else if (draft === '2019-09') ajv = new Ajv2019(o) as unknown as AjvInstance;
  else if (draft === '04') ajv = new AjvDraft04(o) as unknown as AjvInstance;
  else {
    ajv = new Ajv(o);
    if (draft === '06') ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  }
  addFormats(ajv, { mode: 'full' });
  return ajv;
}

/** A validator of output texts for `schema`; a schema ajv cannot compile gives a check that says so. */
export function jsonValidator(schema: unknown, draft: Draft): (text: string) => CheckResult {
  let validate: ValidateFunction | undefined;
  let problem: string | undefined;
  try {
    // `$async: true` would make ajv answer with a promise; validation here is synchronous, so it is dropped
    const root =
      typeof schema === 'object' && schema !== null && '$async' in schema ? { ...schema, $async: undefined } : schema;
    validate = newAjv(draft).compile(root as AnySchema);
    if ((validate as { $async?: boolean }).$async) throw new Error('asynchronous schemas ($async) are not supported');
  } catch (e) {
    problem = `the validator (ajv) could not compile the schema: ${(e as Error).message}`;
  }
  return (text) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { valid: false, error: `the output is not JSON: ${(e as Error).message}` };
    }
    if (!validate) return { valid: false, error: problem };
    if (validate(value)) return { valid: true };
    const err = validate.errors?.[0];
    return {
      valid: false,
      error: err ? `${err.instancePath || '(root)'} ${err.message ?? 'is invalid'} (ajv)` : 'invalid (ajv)',
    };
  };
}
