// The message of the server's 400 for a constraint it refuses, built the way the server builds it: the worker sends
// an EngineInputError's message and field (server/worker/engine-worker.ts), and the server names the field once in
// front of it (toApiError in server/run-job.ts). Budget refusals are compileJob's (server/worker/compile-job.ts).
import type { EngineInputError } from '../../../engine/errors.ts';
import type { LintKind } from './types.ts';

/** The field each kind travels in on POST /sampling/generate (what the server names in a refusal). */
export const SAMPLING_FIELD: Record<LintKind, string> = {
  json_schema: 'json_schema',
  regex: 'regex_pattern',
  grammar: 'grammar',
};

/** The max-tokens field of POST /sampling/generate. */
export const BUDGET_FIELD = 'max_new_tokens';

/** The 400's message for an error the engine refuses a constraint with. */
export function refusalMessage(e: EngineInputError): string {
  return e.message.startsWith(`${e.field}:`) ? e.message : `${e.field}: ${e.message}`;
}

/** The 400's message when the constraint needs more characters than the request's max tokens. */
export function budgetRefusal(field: string, minChars: number, maxTokens: number): string {
  return `${BUDGET_FIELD}: the ${field} needs at least ${minChars} characters, but ${BUDGET_FIELD} is ${maxTokens}`;
}
