// One constraint of the editor, compiled once: its JSON text parsed (json_schema), then the engine's own compiler
// run on it exactly as the server's worker runs it (server/worker/constraints.ts). The lint and the sample preview
// both start from this; the worker keeps the last one so "new sample" does not compile again.
import type { CompiledConstraint } from '../../../engine/constraints/compiled.ts';
import { compileGrammarConstraint } from '../../../engine/constraints/grammar/constraint.ts';
import { compileJsonSchema } from '../../../engine/constraints/json/compile.ts';
import { ConstraintError } from '../../../engine/constraints/matcher.ts';
import { compileRegex } from '../../../engine/constraints/regex/compile.ts';
import { type JsonText, parseJsonText } from './json-text.ts';
import { refusalMessage, SAMPLING_FIELD } from './refusal.ts';
import type { Lint, LintInput } from './types.ts';

/** Why the constraint did not compile. */
export type Failure =
  /** The JSON text does not parse (the request cannot carry it). */
  | { readonly kind: 'syntax'; readonly lint: Lint }
  /** The server refuses it with a 400 carrying `refusal` (`error` is the engine's, when the compiler refused). */
  | { readonly kind: 'refused'; readonly refusal: string; readonly error?: ConstraintError }
  /** The compiler failed in a way the server would answer 500 (an engine bug): no refusal to predict. */
  | { readonly kind: 'crashed'; readonly message: string };

export interface Prepared {
  readonly input: LintInput;
  /** The parsed JSON text (json_schema, when it parses). */
  readonly json?: JsonText;
  readonly compiled?: CompiledConstraint;
  readonly failure?: Failure;
  /** Nothing is constrained: the route treats an empty constraint (`{}`, `""`) as none given. */
  readonly empty: boolean;
}

/** The field the server names in this input's refusals. */
export const fieldOf = (input: LintInput): string => input.field ?? SAMPLING_FIELD[input.kind];

/** The same test as the route's `set()` (server/routes/sampling.ts): what counts as no constraint at all. */
function isEmpty(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    v === '' ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0)
  );
}

function compile(input: LintInput, source: unknown): CompiledConstraint {
  if (input.kind === 'regex') return compileRegex(String(source), fieldOf(input));
  if (input.kind === 'grammar') return compileGrammarConstraint(String(source), fieldOf(input));
  return compileJsonSchema(source, { whitespace: input.whitespace, lenient: input.lenient === true });
}

function compiledOrFailure(input: LintInput, source: unknown): Pick<Prepared, 'compiled' | 'failure'> {
  try {
    return { compiled: compile(input, source) };
  } catch (e) {
    if (e instanceof ConstraintError) return { failure: { kind: 'refused', refusal: refusalMessage(e), error: e } };
    return { failure: { kind: 'crashed', message: e instanceof Error ? e.message : String(e) } };
  }
}

export function prepare(input: LintInput): Prepared {
  if (input.kind !== 'json_schema') {
    const empty = isEmpty(input.text);
    return { input, empty, ...(empty ? {} : compiledOrFailure(input, input.text)) };
  }
  const parsed = parseJsonText(input.text);
  if (!parsed.ok) return { input, empty: false, failure: { kind: 'syntax', lint: parsed.lint } };
  const { json } = parsed;
  const v = json.value;
  if (isEmpty(v)) return { input, json, empty: true };
  // the route's own check before the compiler (server/routes/sampling.ts)
  if (typeof v !== 'object' && typeof v !== 'boolean')
    return {
      input,
      json,
      empty: false,
      failure: { kind: 'refused', refusal: 'json_schema must be a JSON Schema: an object (or true/false)' },
    };
  return { input, json, empty: false, ...compiledOrFailure(input, v) };
}

/** The key the worker caches a Prepared by: what the compile depends on (max tokens does not). */
export const prepareKey = (input: LintInput): string =>
  JSON.stringify([input.kind, input.text, input.whitespace ?? null, input.lenient === true, input.field ?? null]);
