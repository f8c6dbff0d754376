// What mechanex 1.0.x can express of a request without a policy: one `mx.generation.generate(...)` per prompt on
// its simple path, which POSTs exactly {prompt, sampling_method, max_tokens, top_k, top_p, steering_vector_id,
// steering_strength} to /generate. Everything else in the body is listed as not sent. (The call shape is shared by
// every mechanex path: see mechanex-plan.ts for which path a request takes.)

import { DEFAULT_MAX_TOKENS } from '../../protocol/defaults.ts';
import type { RequestObject } from '../api/request-object.ts';
import { mechanexPrompts } from './mechanex-prompts.ts';
import { mechanexSteering } from './mechanex-steering-args.ts';
import { routeOf, snippetBody } from './request-parts.ts';
import type { SnippetOptions } from './types.ts';

export interface MechanexCall {
  /** The SDK function called: generate returns the text, policy.run the whole policy answer (a dict). */
  fn: 'generation.generate' | 'policy.run';
  /** Where the SDK sends it: generate's simple path, or an (inline or saved) policy run. */
  sends: '/generate' | '/policies/run';
  /** Whether the answer is JSON: the snippet parses it with json.loads before printing. */
  json: boolean;
  /** A comment for the top of the code: what mechanex sends instead of the request's own route. */
  header?: string;
  /** One call per prompt (a completions body may carry several). */
  prompts: string[];
  /** Keyword arguments after `prompt`, in the order they are written. */
  args: [string, unknown][];
  /** The model for mx.set_model, or undefined to keep the key's model. */
  model?: string;
  unsupported: string[];
  notes: string[];
}

/** sampling_method values the simple path sends as they are (others switch to /policies/run or are unknown). */
const SIMPLE_METHODS = new Set(['greedy', 'top-k', 'top-p']);

/** The body's own max_tokens default: 50 on /generate, 100 on /v1 routes. */
function defaultMaxTokens(req: RequestObject): number {
  return routeOf(req) === 'generate' ? DEFAULT_MAX_TOKENS.generate : DEFAULT_MAX_TOKENS.openai;
}

/** The model for mx.set_model: the body's own, unless it is missing or "default" (the key's model). */
export function setModelOf(body: Readonly<Record<string, unknown>>): string | undefined {
  return typeof body.model === 'string' && body.model !== 'default' ? body.model : undefined;
}

export function mechanexCall(req: RequestObject, opts: SnippetOptions): MechanexCall {
  const body = snippetBody(req, opts) ?? {};
  const { prompts, used: promptFields, notes } = mechanexPrompts(req, body);
  const used = new Set<string>(promptFields);

  const model = setModelOf(body);
  if (body.model === 'default' || model !== undefined) used.add('model');

  const args: [string, unknown][] = [];
  const num = (k: string) => (typeof body[k] === 'number' ? (body[k] as number) : undefined);
  const maxTokens = num('max_tokens');
  if (maxTokens !== undefined) used.add('max_tokens');
  args.push(['max_tokens', maxTokens ?? defaultMaxTokens(req)]);
  const method = body.sampling_method;
  if (typeof method === 'string' && SIMPLE_METHODS.has(method)) used.add('sampling_method');
  else if (method != null) {
    notes.push(`sampling_method ${JSON.stringify(method)} would switch mechanex off /generate: "top-k" is sent.`);
  }
  args.push(['sampling_method', typeof method === 'string' && SIMPLE_METHODS.has(method) ? method : 'top-k']);
  for (const k of ['top_k', 'top_p']) {
    const v = num(k);
    if (v === undefined) continue;
    used.add(k);
    args.push([k, v]);
  }
  if (num('top_k') === undefined || num('top_p') === undefined) {
    notes.push('mechanex always sends top_k (50 unless given) and top_p (0.9 unless given).');
  }
  const steering = mechanexSteering(body);
  args.push(...steering.args);
  for (const k of steering.used) used.add(k);
  notes.push(...steering.notes);
  if (body.stream === false) used.add('stream');
  if (body.stream === true) notes.push('mechanex reads the stream itself and returns the whole text at the end.');

  const unsupported = Object.entries(body)
    .filter(([k, v]) => v != null && !used.has(k))
    .map(([k]) => k);
  return { fn: 'generation.generate', sends: '/generate', json: false, prompts, args, model, unsupported, notes };
}

/** The JSON body mechanex 1.0.x POSTs to /generate for one prompt of a call. */
export function mechanexBody(call: MechanexCall, prompt: string): Record<string, unknown> {
  const arg = (k: string) => call.args.find(([name]) => name === k)?.[1];
  return {
    prompt,
    sampling_method: arg('sampling_method') ?? 'top-k',
    max_tokens: arg('max_tokens') ?? 128,
    top_k: arg('top_k') ?? 50,
    top_p: arg('top_p') ?? 0.9,
    steering_vector_id: arg('steering_vector') ?? null,
    steering_strength: arg('steering_strength') ?? 0,
  };
}
