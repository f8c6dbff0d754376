// The RuntimePolicy object of the "Reusable inference policies" contract (axionic-api.md §1.7): five control
// blocks (sampling, steering, constraints, verifiers, optimization) plus model, task_profile and objective, each
// field with the contract's default. One schema for server and browser; the editor's JSON Schema is generated
// from it (policyJsonSchema). Unknown keys are refused with their path, never ignored.
import { z } from 'zod';
import { MAX_STOP_CHARS, MAX_STOP_SEQUENCES } from './limits.ts';
import { ranged } from './sampling.ts';
import { appliedSteeringSchema } from './steering-fields.ts';

/** Verifier names of the contract; the local runtime runs the first four. */
export const VERIFIERS = [
  'syntax',
  'json_schema',
  'regex',
  'tool_args',
  'code_compile',
  'unit_tests',
  'factuality',
] as const;
export const LOCAL_VERIFIERS = ['syntax', 'json_schema', 'regex', 'tool_args'] as const;

const MAX_TERMS = 64;
const MAX_TERM_CHARS = 200;
const MAX_NAME_CHARS = 200;

const text = (max = MAX_NAME_CHARS) => z.string().max(max);
const count = (min: number, max: number) => z.int().min(min).max(max);

export const policySamplingSchema = z
  .object({
    method: text(64).default('top-k'),
    temperature: ranged('temperature').default(0.7),
    top_k: ranged('top_k').default(50),
    top_p: ranged('top_p').default(0.9),
    min_p: ranged('min_p').nullish(),
    typical_p: ranged('typical_p').nullish(),
    ads_subset_size: z.number().nullish(),
    ads_beta: z.number().nullish(),
    beam_width: z.number().default(4),
    speculative_steps: z.number().default(4),
    draft_model: z.unknown().optional(),
    ensemble_models: z.array(z.string()).default([]),
    voting: text(64).default('majority'),
    num_candidates: count(1, 16).default(1),
    diversity_strength: z.number().default(0),
    adaptive_temperature: z.boolean().default(false),
    adaptive_temperature_schedule: z.array(z.number()).default([]),
    adaptive_top_p: z.boolean().default(false),
    adaptive_top_p_schedule: z.array(z.number()).default([]),
    repetition_penalty: ranged('repetition_penalty').nullish(),
    presence_penalty: ranged('presence_penalty').nullish(),
    frequency_penalty: ranged('frequency_penalty').nullish(),
    /** Extension: the seed of the run (candidates use seeds derived from it). */
    seed: ranged('seed').nullish(),
  })
  .strict();

export const policySteeringSchema = z
  .object({
    enabled: z.boolean().default(false),
    method: text(64).default('caa'),
    vector_id: z.string().nullish(),
    vector: z.record(z.string(), z.array(z.number())).nullish(),
    file_url: z.string().nullish(),
    strength: z.number().default(1),
    preset: z.string().nullish(),
    layer_scope: z.array(z.string()).default([]),
    token_start: z.int().nullish(),
    token_end: z.int().nullish(),
  })
  .strict();

export const policyConstraintsSchema = z
  .object({
    json_mode: z.boolean().default(false),
    json_schema: z.unknown().optional(),
    regex_pattern: z.string().nullish(),
    grammar: z.string().nullish(),
    required_fields: z.array(text()).max(MAX_TERMS).default([]),
    forbidden_terms: z.array(z.string().min(1).max(MAX_TERM_CHARS)).max(MAX_TERMS).default([]),
    stop_sequences: z.array(z.string().min(1).max(MAX_STOP_CHARS)).max(MAX_STOP_SEQUENCES).default([]),
    tool_schema: z.unknown().optional(),
  })
  .strict();

export const policyVerifiersSchema = z
  .object({
    enabled: z.array(z.enum(VERIFIERS)).default([]),
    repair_on_failure: z.boolean().default(true),
    rerank: z.boolean().default(true),
    max_retries: count(0, 4).default(1),
    code_language: text(64).default('python'),
    code_unit_tests: z.array(z.string()).default([]),
    unit_test_timeout_ms: z.number().default(1500),
  })
  .strict();

export const policyOptimizationSchema = z
  .object({
    best_of_n: count(1, 16).default(1),
    retry_on_failure: count(0, 4).default(1),
    fallback_methods: z.array(text(64)).max(8).default([]),
    branch_and_prune: z.boolean().default(false),
    self_revision_loops: count(0, 8).default(0),
    confidence_triggered_regeneration: z.boolean().default(false),
    confidence_threshold: z.number().min(0).max(1).default(0.5),
  })
  .strict();

export const policyObjectiveSchema = z
  .object({
    name: text(64).default('quality'),
    maximize: z.boolean().default(true),
    latency_budget_ms: z.number().positive().nullish(),
    token_budget: z.int().positive().nullish(),
  })
  .strict();

export const runtimePolicySchema = z
  .object({
    id: z.string().nullish(),
    name: text().nullish(),
    description: text(2000).nullish(),
    metadata: z.record(z.string(), z.unknown()).default({}),
    model: z
      .object({ model: text().default('default'), base_url: z.string().nullish() })
      .strict()
      .default({ model: 'default' }),
    task_profile: z
      .object({ name: text().default('general'), category: text().nullish(), description: text(2000).nullish() })
      .strict()
      .default({ name: 'general' }),
    objective: policyObjectiveSchema.default(() => policyObjectiveSchema.parse({})),
    sampling: policySamplingSchema.default(() => policySamplingSchema.parse({})),
    steering: policySteeringSchema.default(() => policySteeringSchema.parse({})),
    constraints: policyConstraintsSchema.default(() => policyConstraintsSchema.parse({})),
    verifiers: policyVerifiersSchema.default(() => policyVerifiersSchema.parse({})),
    optimization: policyOptimizationSchema.default(() => policyOptimizationSchema.parse({})),
  })
  .strict();

/** A policy as sent (every field optional). */
export type RuntimePolicyInput = z.input<typeof runtimePolicySchema>;
/** A policy with every default filled in. */
export type RuntimePolicy = z.output<typeof runtimePolicySchema>;

/** The JSON Schema of a policy as written (for the editor's IntelliSense), generated from the zod schema. */
export function policyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(runtimePolicySchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** `policy` / `policy_id`: exactly one, where null counts as absent (mechanex always sends both keys). */
const policyChoice = {
  policy: runtimePolicySchema.nullish(),
  policy_id: z.string().max(200).nullish(),
};

export const policyRunRequestSchema = z.object({
  prompt: z.string().max(200_000),
  ...policyChoice,
  model: z.string().max(200).nullish(),
  max_new_tokens: ranged('max_tokens').nullish(),
  include_trace: z.boolean().nullish(),
  /** Extension: the run's seed (candidates use seeds derived from it). */
  seed: ranged('seed').nullish(),
});
export type PolicyRunRequest = z.infer<typeof policyRunRequestSchema>;

export const policyCandidateSchema = z.object({
  output: z.string(),
  accepted: z.boolean(),
  score: z.number(),
  latency_ms: z.number(),
  tokens: z.number(),
  constraints_ok: z.boolean(),
  verifier_ok: z.boolean(),
  reason: z.string().nullable(),
  sampling_method: z.string(),
  round: z.number(),
  slot: z.number(),
});

export const policyTraceSchema = z.object({
  policy_name: z.string().nullable(),
  candidates: z.array(policyCandidateSchema),
  retry_events: z.array(z.object({ round: z.number(), trigger: z.string(), winner_score: z.number() })),
  selection: policyCandidateSchema.nullable(),
  fallback_from: z.string().nullable().optional(),
  budget: z.object({ spent: z.boolean(), reason: z.string().nullable() }).optional(),
  repair: z.enum(['none', 'extracted', 'regenerated']).optional(),
});

export const policyRunResponseSchema = z.object({
  output: z.string(),
  accepted: z.boolean(),
  policy_id: z.string().nullable().optional(),
  score: z.number(),
  latency_ms: z.number(),
  tokens: z.number(),
  constraints_ok: z.boolean(),
  verifier_ok: z.boolean(),
  trace: policyTraceSchema.nullable().optional(),
  /** Extension: what the policy's steering block applied (null: none). */
  steering: appliedSteeringSchema.nullable().optional(),
});
export type PolicyRunResponse = z.input<typeof policyRunResponseSchema>;

export const policySaveRequestSchema = z.object({ policy: runtimePolicySchema });
export const policySaveResponseSchema = z.object({ policy_id: z.string() });
export const policyListSchema = z.array(runtimePolicySchema);

/** `policy` / `policy_id` on the OpenAI routes (via `extra_body`), and `include_trace` to get the trace back. */
export const openaiPolicyFields = {
  policy: runtimePolicySchema.nullish(),
  policy_id: z.string().max(200).nullish(),
  include_trace: z.boolean().nullish(),
};

/** What `axionic.policy` carries on an OpenAI answer produced by a policy. */
export const policyOutcomeSchema = z.object({
  policy_id: z.string().nullable(),
  accepted: z.boolean(),
  score: z.number(),
  latency_ms: z.number(),
  constraints_ok: z.boolean(),
  verifier_ok: z.boolean(),
  trace: policyTraceSchema.nullable().optional(),
});

export const policyCompareRequestSchema = z.object({
  prompt: z.string().max(200_000),
  policies: z.array(runtimePolicySchema).min(1).max(8),
  max_new_tokens: ranged('max_tokens').nullish(),
  /** Extension: the seed every policy runs with. */
  seed: ranged('seed').nullish(),
});
export const policyCompareResponseSchema = z.object({
  results: z.array(policyRunResponseSchema),
  truncated: z.boolean().optional(),
  note: z.string().nullable().optional(),
});

export const policyEvaluateRequestSchema = z.object({
  prompts: z.array(z.string().max(200_000)).min(1).max(32),
  ...policyChoice,
  max_new_tokens: ranged('max_tokens').nullish(),
  seed: ranged('seed').nullish(),
});
export const policyEvaluateResponseSchema = z.object({
  num_prompts: z.number(),
  success_rate: z.number(),
  avg_latency_ms: z.number(),
  avg_tokens: z.number(),
  avg_score: z.number().optional(),
  pass_count: z.number(),
  fail_count: z.number(),
  outputs: z.array(z.string()),
  truncated: z.boolean().optional(),
  note: z.string().nullable().optional(),
});

export const policyAutotuneRequestSchema = z.object({
  prompts: z.array(z.string().max(200_000)).min(1).max(32),
  base_policy: runtimePolicySchema.nullish(),
  base_policy_id: z.string().max(200).nullish(),
  search_space: z.record(z.string().max(200), z.array(z.unknown()).max(64)),
  max_trials: z.int().min(1).max(1000).default(24),
  max_new_tokens: ranged('max_tokens').nullish(),
  seed: ranged('seed').nullish(),
});
const trialSchema = z.object({
  policy: runtimePolicySchema,
  success_rate: z.number(),
  avg_score: z.number(),
  avg_latency_ms: z.number(),
  pass_count: z.number(),
  fail_count: z.number(),
});
export const policyAutotuneResponseSchema = z.object({
  best_policy: runtimePolicySchema,
  /** The winning trial itself (as mechanex's local auto_tune returns it). */
  best_trial: trialSchema,
  trials: z.array(trialSchema),
  truncated: z.boolean().optional(),
  note: z.string().nullable().optional(),
});

export const presetSchema = z.object({
  id: z.string(),
  name: z.string(),
  policy: runtimePolicySchema,
  description: z.string().nullable().optional(),
  owner_api_key_id: z.string().nullable().optional(),
  tags: z.array(z.string()),
  updated_at: z.string().nullable().optional(),
  visibility: z.string(),
});
export const presetPublishRequestSchema = z.object({
  name: z.string().min(1).max(200),
  policy: runtimePolicySchema,
  visibility: z.enum(['private', 'public']).default('private'),
  tags: z.array(z.string().max(64)).max(32).default([]),
  description: z.string().max(2000).nullish(),
});
