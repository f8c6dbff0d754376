// MaskBench over a file in its format (`{name, schema, tests: [{valid, data}]}` per line, gzipped or not): for each
// schema, compile (lenient off, default whitespace); feed every instance, re-serialised in the engine's key order and
// whitespace with its numbers' text kept (write-instance.ts), and compare acceptance with the instance's label.
// A schema passes when it compiles and every valid instance is accepted and every invalid one rejected.
//
// Labels: the data set's instances were labelled with Python and Rust jsonschema. Each instance of a compiled
// schema is also checked with ajv as the server checks outputs (the declared draft, ajv-formats full). Where the
// label and ajv disagree (e.g. an "invalid" object whose only fault is an extra key the schema allows by the spec's
// default, or a format Python does not check), the instance is a *label dispute*: counted apart, not as an error
// either way. The errors by label alone are reported too (`*_by_label`).

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { compileJsonSchema } from '../../engine/constraints/json/compile.ts';
import { parseLossless } from '../../engine/constraints/json/lossless-json.ts';
import { SchemaError } from '../../engine/constraints/json/schema-error.ts';
import { DEFAULT_WHITESPACE } from '../../engine/constraints/json/whitespace.ts';
import { writeInstance } from '../../engine/constraints/json/write-instance.ts';
import { encode } from '../../engine/tokenizer.ts';
import { jsonValidator } from '../../server/worker/json-validator.ts';

/** One line of a MaskBench-format file (other fields, such as descriptions, are ignored). */
const rowSchema = z.object({
  name: z.string().optional(),
  schema: z.unknown(),
  tests: z.array(z.object({ valid: z.boolean(), data: z.unknown() })).optional(),
});
type Row = z.infer<typeof rowSchema>;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

export function readRows(path: string): Row[] {
  const raw = readFileSync(path);
  const text = path.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const r = rowSchema.safeParse(JSON.parse(l));
      if (!r.success) throw new Error(`${path}: row ${i + 1} is not a MaskBench row: ${r.error.message}`);
      return r.data;
    });
}

export function maskbench(rows: readonly Row[], o: { readonly examples?: number } = {}) {
  let passing = 0;
  let compileErrors = 0;
  let validationErrors = 0;
  let invalidationErrors = 0;
  let validationByLabel = 0;
  let invalidationByLabel = 0;
  let disputedValid = 0;
  let disputedInvalid = 0;
  let acceptedAjvRejects = 0;
  const ajvRejectedExamples: { name?: string; data: unknown }[] = [];
  let validInstances = 0;
  let invalidInstances = 0;
  const byKeyword = new Map<string, number>();
  const compileMs: number[] = [];
  const maskUs: number[] = [];
  const invalidAccepted: { name?: string; data: unknown }[] = [];
  const validRejected: { name?: string; data: unknown }[] = [];
  for (const row of rows) {
    const tests = row.tests ?? [];
    let compiled: ReturnType<typeof compileJsonSchema>;
    const t0 = performance.now();
    try {
      compiled = compileJsonSchema(row.schema);
      compiled.newMatcher().allowed();
      compileMs.push(performance.now() - t0);
    } catch (e) {
      compileErrors++;
      const kws =
        e instanceof SchemaError && e.keywords.length
          ? [...new Set(e.keywords.map((k) => k.keyword))]
          : e instanceof SchemaError && e.cap
            ? [`cap ${e.cap}`]
            : [
                /\(cap (\w+)\)/.exec((e as Error).message)?.[1]
                  ? `cap ${/\(cap (\w+)\)/.exec((e as Error).message)?.[1]}`
                  : `other: ${(e as Error).message.slice(0, 60)}`,
              ];
      for (const k of kws) byKeyword.set(k, (byKeyword.get(k) ?? 0) + 1);
      continue;
    }
    let ok = true;
    const texts: string[] = [];
    const ajv = jsonValidator(row.schema, compiled.draft);
    for (const t of tests) {
      if (t.valid) validInstances++;
      else invalidInstances++;
      let accepted = false;
      let text = '';
      try {
        const r = writeInstance(compiled.newMatcher(), parseLossless(JSON.stringify(t.data)), DEFAULT_WHITESPACE);
        accepted = r.accepted;
        text = r.text;
      } catch {
        accepted = false;
      }
      // ajv's verdict (undefined when ajv cannot compile the schema: the label stands)
      const check = ajv(JSON.stringify(t.data));
      const ajvValid = check.error?.startsWith('the validator (ajv) could not compile') ? undefined : check.valid;
      const disputed = ajvValid !== undefined && ajvValid !== t.valid;
      // whatever the label says, an instance the matcher takes and ajv refuses would be an output reported invalid
      if (accepted && ajvValid === false) {
        acceptedAjvRejects++;
        if (ajvRejectedExamples.length < (o.examples ?? 0)) ajvRejectedExamples.push({ name: row.name, data: t.data });
      }
      if (disputed) {
        if (t.valid) disputedValid++;
        else disputedInvalid++;
      }
      if (t.valid && !accepted) {
        validationByLabel++;
        if (disputed) continue;
        validationErrors++;
        ok = false;
        if (validRejected.length < (o.examples ?? 0)) validRejected.push({ name: row.name, data: t.data });
      } else if (!t.valid && accepted) {
        invalidationByLabel++;
        if (disputed) continue;
        invalidationErrors++;
        ok = false;
        if (invalidAccepted.length < (o.examples ?? 0)) invalidAccepted.push({ name: row.name, data: t.data });
      } else if (t.valid) texts.push(text);
    }
    if (!ok) continue;
    passing++;
    for (const text of texts) {
      const m = compiled.newMatcher();
      m.allowed();
      for (const tok of encode(text)) {
        const a = performance.now();
        m.advance(tok);
        m.allowed();
        maskUs.push((performance.now() - a) * 1000);
      }
    }
  }
  const keywords = Object.fromEntries([...byKeyword].sort((a, b) => b[1] - a[1]));
  return {
    schemas: rows.length,
    passing,
    passing_pct: Number(((100 * passing) / Math.max(1, rows.length)).toFixed(1)),
    compile_errors: compileErrors,
    compile_errors_by_keyword: keywords,
    valid_instances: validInstances,
    invalid_instances: invalidInstances,
    validation_errors: validationErrors,
    validation_errors_pct: Number(((100 * validationErrors) / Math.max(1, validInstances)).toFixed(2)),
    invalidation_errors: invalidationErrors,
    label_disputes: { valid_but_ajv_rejects: disputedValid, invalid_but_ajv_accepts: disputedInvalid },
    accepted_but_ajv_rejects: acceptedAjvRejects,
    validation_errors_by_label: validationByLabel,
    invalidation_errors_by_label: invalidationByLabel,
    mask_us_p50: Number(quantile(maskUs, 0.5).toFixed(2)),
    mask_us_p99: Number(quantile(maskUs, 0.99).toFixed(2)),
    mask_chars: maskUs.length,
    compile_ms_p50: Number(quantile(compileMs, 0.5).toFixed(2)),
    compile_ms_p99: Number(quantile(compileMs, 0.99).toFixed(2)),
    ...(o.examples
      ? {
          examples: {
            invalid_accepted: invalidAccepted,
            valid_rejected: validRejected,
            ajv_rejects: ajvRejectedExamples,
          },
        }
      : {}),
  };
}
