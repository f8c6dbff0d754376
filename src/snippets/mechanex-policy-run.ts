// An OpenAI-route request with a policy generate() cannot build (a full policy from the editor, or a saved one by
// id, or one asking for the trace), as mechanex 1.0.x runs it: `mx.policy.run(prompt, policy=… | policy_id=…,
// model, max_new_tokens, include_trace)` POSTs {prompt, policy_id, policy, model, max_new_tokens, include_trace}
// to /policies/run (nulls included) and returns the whole answer (output, accepted, score, … and the trace).
import { DEFAULT_MAX_TOKENS } from '../../protocol/defaults.ts';
import type { RequestObject } from '../api/request-object.ts';
import type { MechanexCall } from './mechanex-call.ts';
import { mechanexPrompts } from './mechanex-prompts.ts';
import { answerIsJson, requestPolicy } from './policy-shape.ts';
import { snippetBody } from './request-parts.ts';
import type { SnippetOptions } from './types.ts';

/** mx.policy.run's own defaults (its include_trace differs from the OpenAI routes': there it is off). */
const RUN_DEFAULTS = { model: 'default', max_new_tokens: 128, include_trace: true } as const;

export function mechanexPolicyRun(req: RequestObject, opts: SnippetOptions): MechanexCall {
  const body = snippetBody(req, opts) ?? {};
  const { prompts, used: promptFields, notes } = mechanexPrompts(req, body);
  const used = new Set<string>(promptFields);
  const { inline, id } = requestPolicy(body);
  const args: [string, unknown][] = [];
  if (inline) args.push(['policy', inline]);
  else if (id !== undefined) args.push(['policy_id', id]);
  used.add(inline ? 'policy' : 'policy_id');
  if (typeof body.model === 'string') {
    used.add('model');
    if (body.model !== RUN_DEFAULTS.model) args.push(['model', body.model]);
  }
  if (typeof body.max_tokens === 'number') used.add('max_tokens');
  args.push(['max_new_tokens', typeof body.max_tokens === 'number' ? body.max_tokens : DEFAULT_MAX_TOKENS.openai]);
  if (typeof body.include_trace === 'boolean' || body.include_trace === null) used.add('include_trace');
  args.push(['include_trace', body.include_trace === true]);
  if (body.stream === false) used.add('stream');
  notes.push(
    'mx.policy.run posts the policy to /policies/run and returns the whole answer: output, accepted, score' +
      (body.include_trace === true ? ' and the trace.' : '.'),
    'mechanex sends no seed and no stop on this path.',
    ...(body.stream === true ? ["mx.policy.run answers whole: the request's stream is not sent."] : []),
  );
  const unsupported = Object.entries(body)
    .filter(([k, v]) => v != null && !used.has(k))
    .map(([k]) => k);
  const json = answerIsJson(body);
  return { fn: 'policy.run', sends: '/policies/run', json, prompts, args, unsupported, notes };
}

/** The JSON body mx.policy.run POSTs to /policies/run for one prompt of a call. */
export function mechanexPolicyRunBody(call: MechanexCall, prompt: string): Record<string, unknown> {
  const arg = (k: string) => call.args.find(([name]) => name === k)?.[1];
  return {
    prompt,
    policy_id: arg('policy_id') ?? null,
    policy: arg('policy') ?? null,
    model: arg('model') ?? RUN_DEFAULTS.model,
    max_new_tokens: arg('max_new_tokens') ?? RUN_DEFAULTS.max_new_tokens,
    include_trace: arg('include_trace') ?? RUN_DEFAULTS.include_trace,
  };
}
