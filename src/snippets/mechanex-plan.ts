// Which mechanex call a request becomes, and the HTTP bodies the SDK then sends (the capture test's expectation):
//   /sampling/generate                       → generate() with the constraint (policy path, /policies/run)
//   OpenAI route, policy of one constraint   → generate() with that constraint (policy path, /policies/run)
//   OpenAI route, any other policy or id     → mx.policy.run(...) (/policies/run)
//   OpenAI route or /generate, no policy     → generate() on the simple path (/generate)
import type { RequestObject } from '../api/request-object.ts';
import { type MechanexCall, mechanexBody, mechanexCall } from './mechanex-call.ts';
import { isGuidedPolicy, mechanexGuidedCall } from './mechanex-guided-policy.ts';
import { mechanexPolicyBody, mechanexPolicyCall } from './mechanex-policy-call.ts';
import { mechanexPolicyRun, mechanexPolicyRunBody } from './mechanex-policy-run.ts';
import { requestPolicy } from './policy-shape.ts';
import { routeOf, snippetBody } from './request-parts.ts';
import type { SnippetOptions } from './types.ts';

/** The call for a run request of a route generate() serves: chat, completions, generate or sampling. */
export function mechanexPlan(req: RequestObject, opts: SnippetOptions): MechanexCall {
  const route = routeOf(req);
  if (route === 'sampling') return mechanexPolicyCall(req, opts);
  const body = snippetBody(req, opts) ?? {};
  const policy = requestPolicy(body);
  if ((route === 'chat' || route === 'completions') && (policy.inline || policy.id !== undefined))
    return isGuidedPolicy(body) ? mechanexGuidedCall(req, opts) : mechanexPolicyRun(req, opts);
  return mechanexCall(req, opts);
}

/** The POST bodies mechanex 1.0.x sends for a call, in order: set_model's first, then one per prompt. */
export function mechanexBodies(call: MechanexCall): Record<string, unknown>[] {
  const setModel = call.model === undefined ? [] : [{ model_name: call.model }];
  const body =
    call.fn === 'policy.run'
      ? mechanexPolicyRunBody
      : call.sends === '/policies/run'
        ? mechanexPolicyBody
        : mechanexBody;
  return [...setModel, ...call.prompts.map((p) => body(call, p))];
}
