// The message of the server's 400 for a constraint it refuses, built the way the server builds it: the worker sends
// an EngineInputError's message and field (server/worker/engine-worker.ts), and the server names the field once in
// front of it (toApiError in server/run-job.ts); on the policy route withPolicyPath (server/routes/policies.ts)
// changes only the 400's param, never its message. Budget refusals are compileJob's (server/worker/compile-job.ts),
// naming the constraint's field (policy-plan.ts names `policy.constraints.…`) and always `max_new_tokens`, even on
// the OpenAI routes whose body says `max_tokens`. The route's own checks before the compiler are
// server/routes/sampling.ts's (constraintOf, methodOf); the policy route has none (server/policy/policy-plan.ts).

import type { EngineInputError } from '../../../engine/errors.ts';
import { GUIDED_METHOD } from '../../../protocol/defaults.ts';
import type { LintKind, LintRoute } from './types.ts';

/** The field each kind travels in on POST /sampling/generate (what the server names in a refusal). */
export const SAMPLING_FIELD: Record<LintKind, string> = {
  json_schema: 'json_schema',
  regex: 'regex_pattern',
  grammar: 'grammar',
};

/** The field each kind travels in inside an inline policy (policy-plan.ts's `${at}.constraints.${field}`). */
export const POLICY_FIELD: Record<LintKind, string> = {
  json_schema: 'policy.constraints.json_schema',
  regex: 'policy.constraints.regex_pattern',
  grammar: 'policy.constraints.grammar',
};

/** The fields of each route. */
export const ROUTE_FIELD: Record<LintRoute, Record<LintKind, string>> = {
  direct: SAMPLING_FIELD,
  policy: POLICY_FIELD,
};

/** The max-tokens field the budget refusal names (compileJob's budgetField, the same on every route). */
export const BUDGET_FIELD = 'max_new_tokens';

/** /sampling/generate's 400 for method "guided-generation" without a constraint (methodOf; an empty one is none). */
export const NO_CONSTRAINT_REFUSAL = `method "${GUIDED_METHOD}" needs one of json_schema, regex_pattern or grammar`;

/** /sampling/generate's 400 for a json_schema that is neither an object nor a boolean (constraintOf). */
export const NOT_A_SCHEMA_REFUSAL = 'json_schema must be a JSON Schema: an object (or true/false)';

/** The schema `json_mode: true` constrains to when the policy gives no json_schema (policy-plan.ts). */
export const JSON_MODE_SCHEMA: Readonly<Record<string, unknown>> = { type: 'object' };

/** The 400's message for an error the engine refuses a constraint with. */
export function refusalMessage(e: EngineInputError): string {
  return e.message.startsWith(`${e.field}:`) ? e.message : `${e.field}: ${e.message}`;
}

/** The 400's message when the constraint needs more characters than the request's max tokens. */
export function budgetRefusal(field: string, minChars: number, maxTokens: number): string {
  return `${BUDGET_FIELD}: the ${field} needs at least ${minChars} characters, but ${BUDGET_FIELD} is ${maxTokens}`;
}
