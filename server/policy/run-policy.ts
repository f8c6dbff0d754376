// Runs a policy locally: candidates (best_of_n per round, seeds derived from the run's seed), each generated under
// the policy's constraint, checked by its verifiers and scored; rounds of retries while nothing is accepted
// (retry_on_failure / max_retries) or the winner's confidence is below the threshold; repair_on_failure (extract
// the first JSON value, else regenerate once under the verifier's schema); token and latency budgets. The trace has
// the SDK's local shape. accepted = constraints_ok && verifier_ok; score = 0 when not accepted, else
// exp(mean log-probability of the output's characters under the unprocessed model); ties go to the earliest.
// The steering block (server/steering/apply.ts) applies to every candidate; `steering` in the answer says what.
import type { PolicyRunResponse, RuntimePolicy } from '../../protocol/policy.ts';
import type { ServerDeps } from '../context.ts';
import { ApiError } from '../errors.ts';
import { buildJob } from '../job-builder.ts';
import { startJob } from '../run-job.ts';
import { policySteering, type Steering, withSteering } from '../steering/apply.ts';
import type { ConstraintSpec } from '../worker/job.ts';
import { type PolicyPlan, planPolicy } from './policy-plan.ts';
import { firstJsonValue, type Verdict, verifiersOf } from './verify.ts';

export interface Candidate {
  output: string;
  accepted: boolean;
  score: number;
  latency_ms: number;
  tokens: number;
  constraints_ok: boolean;
  verifier_ok: boolean;
  reason: string | null;
  sampling_method: string;
  round: number;
  slot: number;
  /** Mean probability of the output's characters (for confidence-triggered regeneration). */
  confidence: number;
}

export interface PolicyRunInput {
  readonly prompt: string;
  readonly policy: RuntimePolicy;
  /** Where the policy came from in the request (`policy` or `policy_id`): error paths start with it. */
  readonly at: string;
  readonly policyId: string | null;
  readonly maxNewTokens: number;
  readonly seed?: number;
  readonly includeTrace: boolean;
  /** Stops the route adds (the chat template's turn boundary). */
  readonly extraStop?: readonly string[];
  /** For a single-candidate policy (singleCandidate): the text of the one candidate as it is generated. */
  readonly onText?: (text: string) => void;
  /** Called when the first candidate's job is accepted by a worker (after its constraint compiled). */
  readonly onAccepted?: () => void;
}

/**
 * Whether a policy makes exactly one candidate whose text is the answer: best_of_n 1, no retry rounds, no
 * confidence regeneration and no JSON repair (each of those can replace the text after it was generated).
 */
export function singleCandidate(policy: RuntimePolicy, plan: PolicyPlan): boolean {
  const o = policy.optimization;
  return (
    o.best_of_n === 1 &&
    o.retry_on_failure === 0 &&
    policy.verifiers.max_retries === 0 &&
    !o.confidence_triggered_regeneration &&
    !(policy.verifiers.repair_on_failure && plan.wantsJson)
  );
}

/** A derived seed per candidate, so a run is deterministic given its seed and candidates differ. */
const derivedSeed = (seed: number | undefined, round: number, slot: number) =>
  seed === undefined ? undefined : (seed * 1_000_003 + round * 101 + slot * 7919) % 2 ** 31;

async function generateOne(
  deps: ServerDeps,
  steering: Steering,
  plan: PolicyPlan,
  prompt: string,
  maxTokens: number,
  seed: number | undefined,
  constraint: ConstraintSpec | undefined,
  signal: AbortSignal,
  extraStop: readonly string[] = [],
  onText?: (text: string) => void,
  onAccepted?: () => void,
): Promise<{ text: string; tokens: number; logprobs: number[]; constraintValid: boolean | undefined }> {
  const job = withSteering(
    {
      ...buildJob(
        { ...plan.sampling, max_tokens: maxTokens, seed, stop: [...plan.stop, ...extraStop] },
        { prompts: [prompt], defaultMaxTokens: maxTokens, vocabSize: deps.model.vocabSize },
      ),
      ...(constraint ? { constraint } : {}),
      ...(plan.forbidden.length ? { forbiddenTerms: plan.forbidden } : {}),
    },
    steering,
  );
  const run = startJob(deps, job, signal);
  await run.accepted;
  onAccepted?.();
  const logprobs: number[] = [];
  for await (const e of run) {
    if (e.type === 'tokens') {
      for (const t of e.tokens) logprobs[t.index] = t.logprob;
      onText?.(e.tokens.map((t) => t.text).join(''));
    } else if (e.type === 'restart') logprobs.length = Math.min(logprobs.length, e.fromIndex);
  }
  const r = await run.result;
  const ch = r.choices[0];
  const text = ch?.text ?? '';
  return {
    text,
    tokens: r.completionTokens,
    logprobs: logprobs.slice(0, text.length),
    constraintValid: ch?.constraint?.valid,
  };
}

export async function runPolicy(
  deps: ServerDeps,
  input: PolicyRunInput,
  signal: AbortSignal,
): Promise<PolicyRunResponse> {
  const t0 = Date.now();
  const policy = input.policy;
  const plan = planPolicy(policy, input.at);
  // the steering block applies to every candidate, retry and repair alike
  const steering = policySteering(deps, policy.steering, input.at);
  // retry round r runs with optimization.fallback_methods[r - 1] when there is one, else the policy's own method
  const fallbacks = policy.optimization.fallback_methods.map((method, i) => {
    try {
      return planPolicy({ ...policy, sampling: { ...policy.sampling, method } }, input.at);
    } catch (e) {
      if (e instanceof ApiError)
        throw new ApiError(
          400,
          e.type,
          e.message.replace(/^Unknown method/, `fallback_methods[${i}]: unknown method`),
          {
            code: e.code,
            param: `${input.at}.optimization.fallback_methods`,
          },
        );
      throw e;
    }
  });
  const planOf = (round: number) => (round > 0 ? (fallbacks[round - 1] ?? plan) : plan);
  const verify = verifiersOf(plan);
  const o = policy.optimization;
  const tokenBudget = policy.objective.token_budget ?? Number.POSITIVE_INFINITY;
  const latencyBudget = policy.objective.latency_budget_ms ?? Number.POSITIVE_INFINITY;
  const rounds = 1 + Math.max(o.retry_on_failure, policy.verifiers.max_retries);
  const candidates: Candidate[] = [];
  const retryEvents: { round: number; trigger: string; winner_score: number }[] = [];
  let spent = 0;
  let budgetReason: string | null = null;
  let repair: 'none' | 'extracted' | 'regenerated' = 'none';

  const judge = (text: string, constraintValid: boolean | undefined): Verdict & { constraintsOk: boolean } => {
    // checked again here, independently of the matcher: a forbidden term in the output fails the constraints
    const term = plan.forbidden.find((t) => text.includes(t));
    const constraintsOk = constraintValid !== false && term === undefined;
    const v = verify(text);
    const why =
      term !== undefined
        ? `the output contains the forbidden term ${JSON.stringify(term)}`
        : 'the output does not satisfy the constraint';
    return { ...v, constraintsOk, reason: constraintsOk ? v.reason : why };
  };

  // rerank: the highest score wins (ties to the earliest); without it, the first accepted candidate
  const best = () =>
    policy.verifiers.rerank
      ? candidates.reduce<Candidate | undefined>((b, c) => (b === undefined || c.score > b.score ? c : b), undefined)
      : (candidates.find((c) => c.accepted) ?? candidates[0]);

  outer: for (let round = 0; round < rounds; round++) {
    for (let slot = 0; slot < o.best_of_n; slot++) {
      if (candidates.length > 0 && Date.now() - t0 >= latencyBudget) {
        budgetReason = `latency_budget_ms ${latencyBudget} spent after ${candidates.length} candidate(s)`;
        break outer;
      }
      const left = tokenBudget - spent;
      if (left <= 0) {
        budgetReason = `token_budget ${tokenBudget} spent after ${candidates.length} candidate(s)`;
        break outer;
      }
      const c0 = Date.now();
      const roundPlan = planOf(round);
      const g = await generateOne(
        deps,
        steering,
        roundPlan,
        input.prompt,
        Math.min(input.maxNewTokens, left),
        derivedSeed(input.seed ?? policy.sampling.seed ?? undefined, round, slot),
        roundPlan.constraint,
        signal,
        input.extraStop,
        round === 0 && slot === 0 ? input.onText : undefined,
        round === 0 && slot === 0 ? input.onAccepted : undefined,
      );
      spent += g.tokens;
      const verdict = judge(g.text, g.constraintValid);
      const meanLogprob = g.logprobs.length ? g.logprobs.reduce((a, b) => a + b, 0) / g.logprobs.length : 0;
      const accepted = verdict.constraintsOk && verdict.ok;
      candidates.push({
        output: g.text,
        accepted,
        score: accepted ? Math.exp(meanLogprob) : 0,
        latency_ms: Date.now() - c0,
        tokens: g.tokens,
        constraints_ok: verdict.constraintsOk,
        verifier_ok: verdict.ok,
        reason: verdict.reason,
        sampling_method: roundPlan.methodUsed,
        round,
        slot,
        confidence: Math.exp(meanLogprob),
      });
    }
    const winner = best();
    if (!winner?.accepted) {
      if (round + 1 < rounds) retryEvents.push({ round, trigger: 'accepted=false', winner_score: winner?.score ?? 0 });
      continue;
    }
    if (o.confidence_triggered_regeneration && winner.confidence < o.confidence_threshold && round + 1 < rounds) {
      retryEvents.push({ round, trigger: 'confidence', winner_score: winner.score });
      continue;
    }
    break;
  }

  let winner = best();
  // repair: extract a JSON value from the best text, else regenerate once under the verifier's schema
  if (winner && !winner.accepted && policy.verifiers.repair_on_failure && plan.wantsJson) {
    const first = candidates[0] as Candidate;
    const extracted = firstJsonValue(first.output);
    const v = extracted !== undefined ? judge(extracted, undefined) : undefined;
    if (extracted !== undefined && v?.ok) {
      repair = 'extracted';
      winner = {
        ...first,
        output: extracted,
        accepted: true,
        constraints_ok: true,
        verifier_ok: true,
        reason: 'repaired: extracted the first JSON value',
        score: first.confidence,
      };
      candidates.push(winner);
    } else if (tokenBudget - spent > 0) {
      const schema = plan.schema ?? plan.toolSchema;
      const spec: ConstraintSpec = {
        kind: 'json_schema',
        source: schema,
        field: `${input.at}.constraints.json_schema`,
        budgetField: 'max_new_tokens',
      };
      const c0 = Date.now();
      const g = await generateOne(
        deps,
        steering,
        plan,
        input.prompt,
        Math.min(input.maxNewTokens, tokenBudget - spent),
        derivedSeed(input.seed ?? policy.sampling.seed ?? undefined, rounds, 0),
        spec,
        signal,
        input.extraStop,
      );
      spent += g.tokens;
      const verdict = judge(g.text, g.constraintValid);
      const mean = g.logprobs.length ? g.logprobs.reduce((a, b) => a + b, 0) / g.logprobs.length : 0;
      const ok = verdict.constraintsOk && verdict.ok;
      repair = 'regenerated';
      winner = {
        output: g.text,
        accepted: ok,
        score: ok ? Math.exp(mean) : 0,
        latency_ms: Date.now() - c0,
        tokens: g.tokens,
        constraints_ok: verdict.constraintsOk,
        verifier_ok: verdict.ok,
        reason: ok ? 'repaired: regenerated under the verifier schema' : verdict.reason,
        sampling_method: plan.methodUsed,
        round: rounds,
        slot: 0,
        confidence: Math.exp(mean),
      };
      candidates.push(winner);
    }
  }
  if (!winner) throw new ApiError(500, 'server_error', 'the policy produced no candidate');
  const { confidence: _c, ...selection } = winner;
  return {
    output: winner.output,
    accepted: winner.accepted,
    policy_id: input.policyId,
    score: winner.score,
    latency_ms: Date.now() - t0,
    tokens: spent,
    constraints_ok: winner.constraints_ok,
    verifier_ok: winner.verifier_ok,
    steering: steering.applied,
    trace: input.includeTrace
      ? {
          policy_name: policy.name ?? policy.task_profile.name ?? null,
          candidates: candidates.map(({ confidence: _x, ...c }) => c),
          retry_events: retryEvents,
          selection,
          fallback_from: plan.fallbackFrom,
          budget: { spent: budgetReason !== null, reason: budgetReason },
          repair,
        }
      : null,
  };
}
