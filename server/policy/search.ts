// compare, evaluate and autotune: several policy runs in one request. mechanex's plain-JSON calls time out after
// 60 s, so each request works within a deadline (WORK_DEADLINE_MS) and caps its size; when it stops early the
// answer says so (`truncated`, `note`) instead of running past the client's patience.
import type { PolicyRunResponse, RuntimePolicy, RuntimePolicyInput } from '../../protocol/policy.ts';
import { runtimePolicySchema } from '../../protocol/policy.ts';
import { ApiError } from '../errors.ts';

/** Wall-clock time a multi-run request may spend before it stops starting runs. */
export const WORK_DEADLINE_MS = 45_000;
export const MAX_COMPARE_POLICIES = 8;
export const MAX_EVALUATE_PROMPTS = 32;
export const MAX_TRIALS = 24;

export type RunOne = (prompt: string, policy: RuntimePolicy, at: string) => Promise<PolicyRunResponse>;

export interface Evaluation {
  num_prompts: number;
  success_rate: number;
  avg_latency_ms: number;
  avg_tokens: number;
  avg_score: number;
  pass_count: number;
  fail_count: number;
  outputs: string[];
  truncated: boolean;
  note: string | null;
}

/** Runs `policy` on each prompt (in order, within the deadline) and summarises. */
export async function evaluate(
  prompts: readonly string[],
  policy: RuntimePolicy,
  at: string,
  runOne: RunOne,
  deadline: number,
): Promise<Evaluation> {
  const results: PolicyRunResponse[] = [];
  for (const p of prompts) {
    if (results.length > 0 && Date.now() >= deadline) break;
    results.push(await runOne(p, policy, at));
  }
  const n = results.length;
  const pass = results.filter((r) => r.accepted).length;
  const mean = (f: (r: PolicyRunResponse) => number) => (n ? results.reduce((a, r) => a + f(r), 0) / n : 0);
  const truncated = n < prompts.length;
  return {
    num_prompts: n,
    success_rate: n ? pass / n : 0,
    avg_latency_ms: mean((r) => r.latency_ms),
    avg_tokens: mean((r) => r.tokens),
    avg_score: mean((r) => r.score),
    pass_count: pass,
    fail_count: n - pass,
    outputs: results.map((r) => r.output),
    truncated,
    note: truncated
      ? `stopped after ${n} of ${prompts.length} prompts to answer within ${WORK_DEADLINE_MS / 1000} s`
      : null,
  };
}

/** Sets a dotted path (`sampling.temperature`) in a copy of a policy input. */
function setPath(base: RuntimePolicyInput, path: string, value: unknown): RuntimePolicyInput {
  const out = structuredClone(base) as Record<string, unknown>;
  const keys = path.split('.');
  let at = out;
  for (const k of keys.slice(0, -1)) {
    const next = at[k];
    at[k] = typeof next === 'object' && next !== null && !Array.isArray(next) ? { ...(next as object) } : {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys.at(-1) as string] = value;
  return out as RuntimePolicyInput;
}

/** The trials of a grid over `space` (dotted path → values), in order, at most `maxTrials`. */
export function trialPolicies(
  base: RuntimePolicy,
  space: Readonly<Record<string, readonly unknown[]>>,
  maxTrials: number,
): RuntimePolicy[] {
  let grid: RuntimePolicyInput[] = [base];
  for (const [path, values] of Object.entries(space)) {
    if (!Array.isArray(values) || values.length === 0)
      throw new ApiError(400, 'invalid_request_error', `search_space.${path} must be a non-empty list of values`, {
        code: 'invalid_value',
        param: `search_space.${path}`,
      });
    grid = grid.flatMap((g) => values.map((v) => setPath(g, path, v)));
    if (grid.length > maxTrials) grid = grid.slice(0, maxTrials);
  }
  return grid.map((g, i) => {
    const r = runtimePolicySchema.safeParse(g);
    if (!r.success) {
      const issue = r.error.issues[0];
      const param = `search_space.${issue?.path.join('.') ?? ''}`;
      throw new ApiError(400, 'invalid_request_error', `trial ${i}: ${param} ${issue?.message ?? 'is invalid'}`, {
        code: 'invalid_value',
        param,
      });
    }
    return r.data;
  });
}
