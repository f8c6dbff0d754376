// The /policies routes: save, list, get and delete saved policies (SQLite, so they survive a restart), and run an
// inline or saved policy (server/policy/run-policy.ts). Exactly one of `policy` / `policy_id`, null counting as
// absent (mechanex always sends both keys); an unknown id is 404.
import { DEFAULT_MAX_TOKENS } from '../../protocol/defaults.ts';
import type { RuntimePolicy } from '../../protocol/policy.ts';
import type { ServerDeps } from '../context.ts';
import { ApiError, notFound, respondError } from '../errors.ts';
import { generationRouteError } from '../openai-stream.ts';
import { runPolicy } from '../policy/run-policy.ts';
import type { Handlers } from '../register-routes.ts';

type PolicyRoutes =
  | 'policies.list'
  | 'policies.save'
  | 'policies.get'
  | 'policies.delete'
  | 'policies.run'
  | 'policies.run-saved';

const bad = (param: string, message: string) =>
  new ApiError(400, 'invalid_request_error', message, { code: 'invalid_value', param });

/** The policy a run request names, and where it came from (for error paths). */
export function policyOf(
  deps: ServerDeps,
  body: { policy?: RuntimePolicy | null; policy_id?: string | null },
): { policy: RuntimePolicy; at: string; id: string | null } {
  const inline = body.policy ?? undefined;
  const id = body.policy_id ?? undefined;
  if (inline && id !== undefined) throw bad('policy_id', 'Provide either policy or policy_id, not both');
  if (!inline && id === undefined) throw bad('policy', 'Provide either policy or policy_id');
  if (inline) return { policy: inline, at: 'policy', id: inline.id ?? null };
  const saved = deps.store.policies.get(id as string);
  if (!saved) throw notFound(`No policy with id '${id}'`);
  return { policy: saved, at: 'policy_id', id: id as string };
}

/** A constraint refusal from the worker names the policy's field (`policy.constraints.json_schema`). */
export function withPolicyPath(e: unknown, at: string): unknown {
  const inPolicy = ['json_schema', 'forbidden_terms'];
  if (e instanceof ApiError && e.status === 400 && (inPolicy.includes(e.param ?? '') || e.param === 'max_new_tokens')) {
    const param = e.param === 'max_new_tokens' ? e.param : `${at}.constraints.${e.param}`;
    return new ApiError(400, e.type, e.message, { code: e.code, param });
  }
  return e;
}

export function policyHandlers(deps: ServerDeps): Pick<Handlers, PolicyRoutes> {
  const run = async (
    c: Parameters<Handlers['policies.run']>[0],
    body: { prompt: string; max_new_tokens?: number | null; include_trace?: boolean | null; seed?: number | null },
    chosen: { policy: RuntimePolicy; at: string; id: string | null },
  ) => {
    try {
      const answer = await runPolicy(
        deps,
        {
          prompt: body.prompt,
          policy: chosen.policy,
          at: chosen.at,
          policyId: chosen.id,
          maxNewTokens: body.max_new_tokens ?? DEFAULT_MAX_TOKENS.sampling,
          seed: body.seed ?? undefined,
          includeTrace: body.include_trace ?? true,
        },
        c.req.raw.signal,
      );
      return c.json(answer);
    } catch (e) {
      return generationRouteError(c, withPolicyPath(e, chosen.at));
    }
  };
  return {
    'policies.list': (c) => c.json(deps.store.policies.list()),
    'policies.save': (c, body) => c.json({ policy_id: deps.store.policies.save(body.policy) }),
    'policies.get': (c) => {
      const p = deps.store.policies.get(c.req.param('policy_id') ?? '');
      return p ? c.json(p) : respondError(c, notFound(`No policy with id '${c.req.param('policy_id')}'`));
    },
    'policies.delete': (c) => {
      const id = c.req.param('policy_id') ?? '';
      if (!deps.store.policies.delete(id)) return respondError(c, notFound(`No policy with id '${id}'`));
      return c.json({ deleted: true, policy_id: id });
    },
    'policies.run': async (c, body) => {
      let chosen: ReturnType<typeof policyOf>;
      try {
        chosen = policyOf(deps, body);
      } catch (e) {
        return respondError(c, e as ApiError);
      }
      return run(c, body, chosen);
    },
    'policies.run-saved': async (c, body) => {
      let chosen: ReturnType<typeof policyOf>;
      try {
        chosen = policyOf(deps, { policy_id: c.req.param('policy_id') ?? '' });
      } catch (e) {
        return respondError(c, e as ApiError);
      }
      return run(c as unknown as Parameters<Handlers['policies.run']>[0], body, chosen);
    },
  };
}
