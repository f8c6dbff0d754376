// Reading a schema object's keywords once: implemented ones are left to the compiler; unimplemented vocabulary
// keywords are refused (or, with `lenient`, skipped and listed); unknown keywords and unknown formats are
// ignored and listed; annotations are ignored silently.
import { ANNOTATIONS, type Draft, IMPLEMENTED, UNIMPLEMENTED, vacuous } from './drafts.ts';
import { KNOWN_FORMATS } from './formats-known.ts';
import type { SchemaObject } from './resolve.ts';
import { childPointer } from './schema-error.ts';

export interface KeywordReport {
  /** Unimplemented vocabulary keywords found: `pointer` is the keyword's own pointer. */
  readonly unsupported: { keyword: string; pointer: string }[];
  /** Keywords outside the vocabularies, and unknown formats (pointers to them). */
  readonly ignored: string[];
  /** Implemented keywords whose value is not of the kind the spec requires (a typo such as `"type": "strnig"`). */
  readonly malformed: { keyword: string; pointer: string; problem: string }[];
}

export function newReport(): KeywordReport {
  return { unsupported: [], ignored: [], malformed: [] };
}

/** Records what `s` (at `pointer`) holds that the compiler does not turn into grammar. */
export function readKeywords(s: SchemaObject, pointer: string, draft: Draft, report: KeywordReport): void {
  for (const [k, v] of Object.entries(s)) {
    if (IMPLEMENTED.has(k)) {
      if (k === 'format' && typeof v === 'string' && !KNOWN_FORMATS.has(v))
        report.ignored.push(childPointer(pointer, k));
      const problem = malformed(k, v);
      if (problem) report.malformed.push({ keyword: k, pointer: childPointer(pointer, k), problem });
      continue;
    }
    if (ANNOTATIONS.has(k)) continue;
    if (UNIMPLEMENTED.has(k) || (k === 'dependencies' && draft !== '2020-12')) {
      if (!vacuous(k, v)) report.unsupported.push({ keyword: k, pointer: childPointer(pointer, k) });
      continue;
    }
    report.ignored.push(childPointer(pointer, k));
  }
}

const TYPE_NAMES = new Set(['null', 'boolean', 'integer', 'number', 'string', 'array', 'object']);
const COUNTS = new Set(['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties']);
const BOUNDS = new Set(['minimum', 'maximum']);

/** What is wrong with an implemented keyword's value, in words (undefined: nothing the compiler would misread). */
function malformed(k: string, v: unknown): string | undefined {
  if (k === 'type') {
    const names = Array.isArray(v) ? v : [v];
    const bad = names.find((n) => typeof n !== 'string' || !TYPE_NAMES.has(n));
    if (bad !== undefined) return `${JSON.stringify(bad)} is not a JSON type (${[...TYPE_NAMES].join(', ')})`;
  }
  if (COUNTS.has(k) && !(Number.isInteger(v) && (v as number) >= 0)) return 'must be a non-negative integer';
  if (BOUNDS.has(k) && typeof v !== 'number') return 'must be a number';
  if (k === 'multipleOf' && !(typeof v === 'number' && v > 0)) return 'must be a number above 0';
  if (k === 'pattern' && typeof v !== 'string') return 'must be a string (a regular expression)';
  if (k === 'enum' && !Array.isArray(v)) return 'must be an array of values';
  if (k === 'required' && !(Array.isArray(v) && v.every((x) => typeof x === 'string')))
    return 'must be an array of property names';
  return undefined;
}
