// What a policy asks of the local runtime, checked before anything runs: which sampling method runs (hosted-only
// methods fall back to top-p, recorded), the one constraint compiled from the constraints block (json_mode,
// json_schema + required_fields, regex_pattern, grammar, or tool_schema), the verifiers to run, and refusals of
// what the local runtime cannot do (400 naming the field path, e.g. `policy.verifiers.enabled`). The steering block
// needs the vector store: server/steering/apply.ts resolves it when the policy runs.
import { FALLBACK_METHOD, GUIDED_METHOD, HOSTED_ONLY_METHODS, METHOD_DEFAULTS } from '../../protocol/defaults.ts';
import { LOCAL_VERIFIERS, type RuntimePolicy } from '../../protocol/policy.ts';
import { type SamplingMethodName, samplingMethods } from '../../protocol/sampling.ts';
import { ApiError, unsupported } from '../errors.ts';
import type { SamplingFields } from '../job-builder.ts';
import type { ConstraintSpec } from '../worker/job.ts';

export interface PolicyPlan {
  readonly methodUsed: string;
  /** The method asked for, when it ran as top-p instead. */
  readonly fallbackFrom: string | null;
  readonly sampling: SamplingFields;
  readonly constraint?: ConstraintSpec;
  /** The JSON Schema the json_schema verifier and a repair use (json_mode: any object). */
  readonly schema?: unknown;
  readonly regex?: string;
  readonly toolSchema?: unknown;
  /** Whether JSON was asked for (json_mode, a schema or a tool schema): the syntax verifier parses it. */
  readonly wantsJson: boolean;
  readonly verifiers: readonly string[];
  readonly stop: readonly string[];
  /** Substrings the output never contains (the matcher removes them; the check looks again). */
  readonly forbidden: readonly string[];
}

const bad = (param: string, message: string) =>
  new ApiError(400, 'invalid_request_error', message, { code: 'invalid_value', param });

const given = (v: unknown) => v !== undefined && v !== null && v !== '';

/** The plan of `policy`; `at` is the field path of the policy in the request (`policy`, or `policy_id`). */
export function planPolicy(policy: RuntimePolicy, at: string): PolicyPlan {
  const p = (path: string) => `${at}.${path}`;
  for (const v of policy.verifiers.enabled)
    if (!(LOCAL_VERIFIERS as readonly string[]).includes(v))
      throw unsupported(
        p('verifiers.enabled'),
        `the local runtime cannot run the "${v}" verifier (it runs ${LOCAL_VERIFIERS.join(', ')})`,
      );
  if (policy.optimization.branch_and_prune)
    throw unsupported(p('optimization.branch_and_prune'), 'branch_and_prune has no local implementation');
  if (policy.optimization.self_revision_loops > 0)
    throw unsupported(p('optimization.self_revision_loops'), 'self_revision_loops has no local implementation');
  if (given(policy.sampling.draft_model) || policy.sampling.ensemble_models.length > 0)
    throw unsupported(
      p('sampling.ensemble_models'),
      'draft and ensemble models belong to methods only the hosted runtime has',
    );

  // the method
  const name = policy.sampling.method;
  let method: SamplingMethodName | undefined;
  let fallbackFrom: string | null = null;
  if ((samplingMethods as readonly string[]).includes(name)) method = name as SamplingMethodName;
  else if ((HOSTED_ONLY_METHODS as readonly string[]).includes(name) || name === 'adaptive-determinantal-sampling') {
    method = FALLBACK_METHOD;
    fallbackFrom = name;
  } else if (name !== GUIDED_METHOD)
    throw bad(p('sampling.method'), `Unknown method "${name}": use ${[GUIDED_METHOD, ...samplingMethods].join(', ')}`);
  const s = policy.sampling;
  // the method decides which of the block's filter fields applies (the block always carries top_k and top_p)
  const sampling: SamplingFields = {
    sampling_method: method,
    temperature: s.temperature,
    top_k: method === 'top-k' || method === undefined ? s.top_k : undefined,
    top_p: method === 'top-p' || method === undefined ? s.top_p : undefined,
    min_p: method === 'min-p' ? (s.min_p ?? METHOD_DEFAULTS['min-p'].min_p) : (s.min_p ?? undefined),
    typical_p: method === 'typical' ? (s.typical_p ?? METHOD_DEFAULTS.typical.typical_p) : (s.typical_p ?? undefined),
    repetition_penalty: s.repetition_penalty,
    presence_penalty: s.presence_penalty,
    frequency_penalty: s.frequency_penalty,
  };

  // the constraint
  const c = policy.constraints;
  const kinds = [
    given(c.json_schema) ? 'json_schema' : undefined,
    given(c.regex_pattern) ? 'regex_pattern' : undefined,
    given(c.grammar) ? 'grammar' : undefined,
  ].filter((k): k is string => k !== undefined);
  if (kinds.length > 1)
    throw bad(
      p(`constraints.${kinds[1]}`),
      `Give at most one of json_schema, regex_pattern or grammar (this policy has ${kinds.join(' and ')})`,
    );
  let schema: unknown;
  if (given(c.json_schema)) schema = c.json_schema;
  else if (c.json_mode) schema = { type: 'object' };
  else if (given(c.tool_schema) && kinds.length === 0) schema = c.tool_schema;
  if (schema !== undefined && c.required_fields.length > 0) {
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
      throw bad(p('constraints.required_fields'), 'required_fields needs an object json_schema');
    const own = (schema as { required?: unknown }).required;
    const required = [...new Set([...(Array.isArray(own) ? own.map(String) : []), ...c.required_fields])];
    schema = { ...schema, required };
  }
  const field =
    given(c.json_schema) || c.json_mode
      ? 'json_schema'
      : given(c.regex_pattern)
        ? 'regex_pattern'
        : given(c.grammar)
          ? 'grammar'
          : schema !== undefined
            ? 'tool_schema'
            : undefined;
  let constraint: ConstraintSpec | undefined;
  if (field === 'regex_pattern')
    constraint = {
      kind: 'regex',
      source: c.regex_pattern,
      field: p('constraints.regex_pattern'),
      budgetField: 'max_new_tokens',
    };
  else if (field === 'grammar')
    constraint = { kind: 'grammar', source: c.grammar, field: p('constraints.grammar'), budgetField: 'max_new_tokens' };
  else if (schema !== undefined)
    constraint = {
      kind: 'json_schema',
      source: schema,
      field: p(`constraints.${field}`),
      budgetField: 'max_new_tokens',
    };
  return {
    methodUsed: fallbackFrom ? FALLBACK_METHOD : name,
    fallbackFrom,
    sampling,
    constraint,
    schema,
    regex: c.regex_pattern ?? undefined,
    toolSchema: given(c.tool_schema) ? c.tool_schema : undefined,
    wantsJson: schema !== undefined || given(c.tool_schema),
    verifiers: policy.verifiers.enabled,
    stop: c.stop_sequences,
    forbidden: c.forbidden_terms,
  };
}
