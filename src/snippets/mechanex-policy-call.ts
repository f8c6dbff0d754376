// What mechanex 1.0.x does with a /sampling/generate request: it has no call for that route, but a constraint
// switches `mx.generation.generate(...)` to its policy path, which builds an inline RuntimePolicy and POSTs {prompt,
// policy_id: null, policy, max_new_tokens, include_trace: false} to /policies/run. The snippet writes the generate
// call with the constraint as a keyword argument (and set_model for a model), its steering as steering_vector= and
// steering_strength= (the policy's steering block); the request's seed, stop and stream have no keyword there
// (listed as not sent).
import { DEFAULT_MAX_TOKENS } from '../../protocol/defaults.ts';
import type { RequestObject } from '../api/request-object.ts';
import { type MechanexCall, setModelOf } from './mechanex-call.ts';
import { mechanexSteering, steeringBlockOf } from './mechanex-steering-args.ts';
import { answerSchema } from './policy-shape.ts';
import { snippetBody } from './request-parts.ts';
import type { SnippetOptions } from './types.ts';

/** Methods mechanex passes through as its sampling_method (the rest of the body's methods are not sent). */
const METHODS = new Set(['greedy', 'top-k', 'top-p', 'min-p', 'typical', 'guided-generation']);
const CONSTRAINTS = ['json_schema', 'regex_pattern', 'grammar'] as const;

/** What every mechanex snippet for /sampling/generate says first. */
export const NO_SAMPLING_CALL =
  'mechanex has no call for POST /sampling/generate: generate() with the constraint posts it as an inline policy to POST /policies/run.';

export function mechanexPolicyCall(req: RequestObject, opts: SnippetOptions): MechanexCall {
  const body = snippetBody(req, opts) ?? {};
  const used = new Set<string>();
  const notes: string[] = [NO_SAMPLING_CALL, 'mechanex sends no seed and no stop on this path.'];
  const prompts = typeof body.prompt === 'string' ? [body.prompt] : [];
  if (prompts.length) used.add('prompt');
  const model = setModelOf(body);
  if (body.model === 'default' || model !== undefined) used.add('model');
  const args: [string, unknown][] = [];
  const maxTokens = typeof body.max_new_tokens === 'number' ? body.max_new_tokens : DEFAULT_MAX_TOKENS.sampling;
  if (typeof body.max_new_tokens === 'number') used.add('max_new_tokens');
  args.push(['max_tokens', maxTokens]);
  const method = typeof body.method === 'string' && METHODS.has(body.method) ? body.method : undefined;
  if (body.method != null) used.add('method');
  if (body.method != null && !method)
    notes.push(`method ${JSON.stringify(body.method)} is not a mechanex sampling_method: "top-k" is sent.`);
  args.push(['sampling_method', method ?? 'top-k']);
  const params =
    typeof body.params === 'object' && body.params !== null ? (body.params as Record<string, unknown>) : {};
  const paramsUsed: string[] = [];
  for (const k of ['temperature', 'top_k', 'top_p', 'min_p', 'typical_p']) {
    if (typeof params[k] !== 'number') continue;
    args.push([k, params[k] as number]);
    paramsUsed.push(k);
  }
  for (const c of CONSTRAINTS) {
    if (body[c] == null) continue;
    args.push([c, body[c]]);
    used.add(c);
  }
  const steering = mechanexSteering(body);
  args.push(...steering.args);
  for (const k of steering.used) used.add(k);
  notes.push(...steering.notes);
  const paramsLeft = Object.keys(params).filter((k) => params[k] != null && !paramsUsed.includes(k));
  if (Object.keys(params).length && paramsLeft.length === 0) used.add('params');
  if (body.stream === false) used.add('stream');
  if (body.stream === true) notes.push("mechanex's policy path answers whole: the request's stream is not sent.");
  const unsupported = [
    ...Object.entries(body)
      .filter(([k, v]) => v != null && !used.has(k) && k !== 'params')
      .map(([k]) => k),
    ...paramsLeft.map((k) => `params.${k}`),
  ];
  const json = answerSchema(body) !== undefined;
  const sends = '/policies/run';
  return { fn: 'generation.generate', sends, json, header: NO_SAMPLING_CALL, prompts, args, model, unsupported, notes };
}

/** The JSON body mechanex 1.0.x POSTs to /policies/run for a generate call on its policy path. */
export function mechanexPolicyBody(call: MechanexCall, prompt: string): Record<string, unknown> {
  const arg = (k: string) => call.args.find(([name]) => name === k)?.[1];
  const sampling: Record<string, unknown> = {
    method: arg('sampling_method') ?? 'top-k',
    temperature: arg('temperature') ?? 0.7,
    top_k: arg('top_k') ?? 50,
    top_p: arg('top_p') ?? 0.9,
  };
  for (const k of ['min_p', 'typical_p']) if (arg(k) !== undefined) sampling[k] = arg(k);
  const schema = arg('json_schema');
  const regex = arg('regex_pattern');
  const grammar = arg('grammar');
  const [constraints, enabled] =
    schema !== undefined
      ? [{ json_mode: true, json_schema: schema }, ['syntax', 'json_schema']]
      : regex !== undefined
        ? [{ regex_pattern: regex }, ['regex']]
        : grammar !== undefined
          ? [{ grammar }, []]
          : [{}, []];
  return {
    prompt,
    policy_id: null,
    policy: {
      task_profile: { name: 'custom runtime generation' },
      objective: { name: 'quality' },
      sampling,
      steering: steeringBlockOf(arg('steering_vector'), arg('steering_strength')),
      constraints,
      verifiers: { enabled, repair_on_failure: true },
      optimization: { best_of_n: 1, confidence_triggered_regeneration: false, confidence_threshold: 0.5 },
    },
    max_new_tokens: arg('max_tokens') ?? 128,
    include_trace: false,
  };
}
