// One constraint of the editor, compiled once: its JSON text parsed (json_schema), then the route's own checks (what
// the server refuses before compiling), then the engine's own compiler run on it exactly as the server's worker runs
// it (server/worker/constraints.ts). The lint and the sample preview both start from this; the worker keeps the last
// one so "new sample" does not compile again.
//
// The routes differ before the compiler (see refusal.ts for where each message comes from):
// - direct (/sampling/generate, server/routes/sampling.ts): an empty constraint (`null`, `""`, `[]`, `{}`) counts as
//   none, and method "guided-generation" without one is a 400; a json_schema that is neither an object nor a boolean
//   is the route's own 400; json_schema_options (whitespace, lenient) apply.
// - policy (an inline policy on the OpenAI routes, server/policy/policy-plan.ts): only `null` and `""` count as not
//   given. An empty regex or grammar leaves the run unconstrained (the policy route accepts that); a json_schema
//   not given falls back to json_mode's `{"type": "object"}`; anything else given (`{}`, `[]`, `"object"`) goes to the
//   compiler as it is. A policy carries no json_schema_options, so whitespace and lenient are the defaults.
import type { CompiledConstraint } from '../../../engine/constraints/compiled.ts';
import { compileGrammarConstraint } from '../../../engine/constraints/grammar/constraint.ts';
import { compileJsonSchema } from '../../../engine/constraints/json/compile.ts';
import { ConstraintError } from '../../../engine/constraints/matcher.ts';
import { compileRegex } from '../../../engine/constraints/regex/compile.ts';
import { type JsonText, parseJsonText } from './json-text.ts';
import {
  JSON_MODE_SCHEMA,
  NO_CONSTRAINT_REFUSAL,
  NOT_A_SCHEMA_REFUSAL,
  ROUTE_FIELD,
  refusalMessage,
} from './refusal.ts';
import type { Lint, LintInput, LintRoute } from './types.ts';

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
  /**
   * No constraint is given: the route treats the text as none. On the direct route that is refused (`failure`); on
   * the policy route a regex or grammar then runs unconstrained.
   */
  readonly empty: boolean;
  /** Policy route, json_schema `null` or `""`: not given, so json_mode's `{"type": "object"}` is what compiled. */
  readonly jsonMode?: boolean;
}

/** The route of an input (default direct). */
export const routeOf = (input: LintInput): LintRoute => input.route ?? 'direct';

/** The field the server names in this input's refusals. */
export const fieldOf = (input: LintInput): string => input.field ?? ROUTE_FIELD[routeOf(input)][input.kind];

/** The same test as the direct route's `set()` (server/routes/sampling.ts), negated: what counts as no constraint. */
function isEmpty(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    v === '' ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0)
  );
}

/** The policy route's `given()` (server/policy/policy-plan.ts), negated. */
const notGiven = (v: unknown): boolean => v === undefined || v === null || v === '';

function compile(input: LintInput, source: unknown): CompiledConstraint {
  if (input.kind === 'regex') return compileRegex(String(source), fieldOf(input));
  if (input.kind === 'grammar') return compileGrammarConstraint(String(source), fieldOf(input));
  const direct = routeOf(input) === 'direct';
  return compileJsonSchema(source, {
    whitespace: direct ? input.whitespace : undefined,
    lenient: direct && input.lenient === true,
  });
}

function compiledOrFailure(input: LintInput, source: unknown): Pick<Prepared, 'compiled' | 'failure'> {
  try {
    return { compiled: compile(input, source) };
  } catch (e) {
    if (e instanceof ConstraintError) return { failure: { kind: 'refused', refusal: refusalMessage(e), error: e } };
    return { failure: { kind: 'crashed', message: e instanceof Error ? e.message : String(e) } };
  }
}

const noConstraint: Failure = { kind: 'refused', refusal: NO_CONSTRAINT_REFUSAL };

export function prepare(input: LintInput): Prepared {
  const direct = routeOf(input) === 'direct';
  if (input.kind !== 'json_schema') {
    const empty = direct ? isEmpty(input.text) : notGiven(input.text);
    if (!empty) return { input, empty, ...compiledOrFailure(input, input.text) };
    return { input, empty, ...(direct ? { failure: noConstraint } : {}) };
  }
  const parsed = parseJsonText(input.text);
  if (!parsed.ok) return { input, empty: false, failure: { kind: 'syntax', lint: parsed.lint } };
  const { json } = parsed;
  const v = json.value;
  if (!direct) {
    if (notGiven(v))
      return { input, json, empty: false, jsonMode: true, ...compiledOrFailure(input, JSON_MODE_SCHEMA) };
    return { input, json, empty: false, ...compiledOrFailure(input, v) };
  }
  if (isEmpty(v)) return { input, json, empty: true, failure: noConstraint };
  // the route's own check before the compiler (server/routes/sampling.ts)
  if (typeof v !== 'object' && typeof v !== 'boolean')
    return { input, json, empty: false, failure: { kind: 'refused', refusal: NOT_A_SCHEMA_REFUSAL } };
  return { input, json, empty: false, ...compiledOrFailure(input, v) };
}

/** The key the worker caches a Prepared by: what the compile depends on (max tokens does not). */
export const prepareKey = (input: LintInput): string =>
  JSON.stringify([
    input.kind,
    input.text,
    routeOf(input),
    input.whitespace ?? null,
    input.lenient === true,
    input.field ?? null,
  ]);
