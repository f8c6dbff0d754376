// The /policies routes that run many generations or list presets: compare (several policies, one prompt), evaluate
// (one policy, several prompts), autotune (a capped grid over dotted policy paths, scored by success rate, then
// mean score, then latency), and presets (list, publish, clone into a saved policy). Each multi-run request stops
// starting runs after WORK_DEADLINE_MS and says so, so mechanex's 60-second plain-JSON calls get an answer.
import { DEFAULT_MAX_TOKENS } from '../../protocol/defaults.ts';
import type { RuntimePolicy } from '../../protocol/policy.ts';
import type { ServerDeps } from '../context.ts';
import { notFound, respondError } from '../errors.ts';
import { generationRouteError } from '../openai-stream.ts';
import { runPolicy } from '../policy/run-policy.ts';
import { evaluate, MAX_TRIALS, type RunOne, trialPolicies, WORK_DEADLINE_MS } from '../policy/search.ts';
import type { Handlers } from '../register-routes.ts';
import { policyOf, withPolicyPath } from './policies.ts';

type BatchRoutes =
  | 'policies.compare'
  | 'policies.evaluate'
  | 'policies.autotune'
  | 'policies.presets'
  | 'policies.presets.publish'
  | 'policies.presets.clone';

export function policyBatchHandlers(deps: ServerDeps): Pick<Handlers, BatchRoutes> {
  const runner =
    (signal: AbortSignal, maxNewTokens: number | null | undefined, seed: number | null | undefined): RunOne =>
    async (prompt, policy, at) => {
      try {
        return await runPolicy(
          deps,
          {
            prompt,
            policy,
            at,
            policyId: policy.id ?? null,
            maxNewTokens: maxNewTokens ?? DEFAULT_MAX_TOKENS.sampling,
            seed: seed ?? undefined,
            includeTrace: false,
          },
          signal,
        );
      } catch (e) {
        throw withPolicyPath(e, at);
      }
    };

  return {
    'policies.compare': async (c, body) => {
      try {
        const runOne = runner(c.req.raw.signal, body.max_new_tokens, body.seed);
        const deadline = Date.now() + WORK_DEADLINE_MS;
        const results = [];
        for (const [i, p] of body.policies.entries()) {
          if (results.length > 0 && Date.now() >= deadline) break;
          results.push(await runOne(body.prompt, p, `policies.${i}`));
        }
        const truncated = results.length < body.policies.length;
        return c.json({
          results,
          truncated,
          note: truncated
            ? `stopped after ${results.length} of ${body.policies.length} policies to answer in time`
            : null,
        });
      } catch (e) {
        return generationRouteError(c, e);
      }
    },
    'policies.evaluate': async (c, body) => {
      try {
        const chosen = policyOf(deps, body);
        const runOne = runner(c.req.raw.signal, body.max_new_tokens, body.seed);
        return c.json(await evaluate(body.prompts, chosen.policy, chosen.at, runOne, Date.now() + WORK_DEADLINE_MS));
      } catch (e) {
        return generationRouteError(c, e);
      }
    },
    'policies.autotune': async (c, body) => {
      try {
        const chosen = policyOf(deps, { policy: body.base_policy, policy_id: body.base_policy_id });
        const at = chosen.at === 'policy' ? 'base_policy' : 'base_policy_id';
        const maxTrials = Math.min(body.max_trials, MAX_TRIALS);
        const trials = trialPolicies(chosen.policy, body.search_space, maxTrials);
        const runOne = runner(c.req.raw.signal, body.max_new_tokens, body.seed);
        const deadline = Date.now() + WORK_DEADLINE_MS;
        const done: {
          policy: RuntimePolicy;
          success_rate: number;
          avg_score: number;
          avg_latency_ms: number;
          pass_count: number;
          fail_count: number;
        }[] = [];
        for (const policy of trials) {
          if (done.length > 0 && Date.now() >= deadline) break;
          const ev = await evaluate(body.prompts, policy, at, runOne, deadline);
          done.push({
            policy,
            success_rate: ev.success_rate,
            avg_score: ev.avg_score,
            avg_latency_ms: ev.avg_latency_ms,
            pass_count: ev.pass_count,
            fail_count: ev.fail_count,
          });
        }
        let best = 0;
        done.forEach((t, i) => {
          const b = done[best] as (typeof done)[number];
          const better =
            t.success_rate > b.success_rate ||
            (t.success_rate === b.success_rate &&
              (t.avg_score > b.avg_score || (t.avg_score === b.avg_score && t.avg_latency_ms < b.avg_latency_ms)));
          if (better) best = i;
        });
        const capped = body.max_trials > MAX_TRIALS;
        const truncated = done.length < trials.length;
        return c.json({
          best_policy: (done[best] as (typeof done)[number]).policy,
          best_trial: done[best],
          trials: done,
          truncated: truncated || capped,
          note:
            truncated || capped
              ? `ran ${done.length} of ${trials.length} trials${capped ? ` (max_trials is capped at ${MAX_TRIALS})` : ''}${truncated ? ' to answer in time' : ''}`
              : null,
        });
      } catch (e) {
        return generationRouteError(c, e);
      }
    },
    'policies.presets': (c) => c.json(deps.store.presets.list(c.req.query('include_public') !== 'false')),
    'policies.presets.publish': (c, body) =>
      c.json({
        preset_id: deps.store.presets.publish({
          name: body.name,
          policy: body.policy,
          visibility: body.visibility,
          tags: body.tags,
          description: body.description,
        }),
      }),
    'policies.presets.clone': (c) => {
      const id = c.req.param('preset_id') ?? '';
      const preset = deps.store.presets.get(id);
      if (!preset) return respondError(c, notFound(`No preset with id '${id}'`));
      const { id: _drop, ...copy } = preset.policy;
      return c.json({ policy_id: deps.store.policies.save({ ...copy, id: null, name: copy.name ?? preset.name }) });
    },
  };
}
