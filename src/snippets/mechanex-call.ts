// What mechanex 1.0.x can express of a request: one `mx.generation.generate(...)` per prompt on its simple path,
// which POSTs exactly {prompt, sampling_method, max_tokens, top_k, top_p, steering_vector_id, steering_strength}
// to /generate. Everything else in the body is listed as not sent.

import { z } from 'zod';
import { CHAT_TEMPLATE, renderChat } from '../../protocol/chat-template.ts';
import { DEFAULT_MAX_TOKENS } from '../../protocol/defaults.ts';
import type { RequestObject } from '../api/request-object.ts';
import { routeOf, snippetBody } from './request-parts.ts';
import type { SnippetOptions } from './types.ts';

export interface MechanexCall {
  /** One generate call per prompt (a completions body may carry several). */
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

/** `messages` of a body: a list of { role, content } with string contents, else undefined. */
const messagesSchema = z.array(z.object({ role: z.string(), content: z.string() }));

export function mechanexCall(req: RequestObject, opts: SnippetOptions): MechanexCall {
  const body = snippetBody(req, opts) ?? {};
  const route = routeOf(req);
  const notes: string[] = [];
  const used = new Set<string>();
  let prompts: string[] = [];
  if (route === 'chat') {
    const parsed = messagesSchema.safeParse(body.messages);
    const template = req.meta.chatTemplate ?? CHAT_TEMPLATE;
    if (parsed.success) {
      used.add('messages');
      prompts = [renderChat(parsed.data, template)];
      notes.push(
        "mechanex has no chat call: the messages are flattened into one prompt with the model's chat template" +
          (req.meta.chatTemplate ? '.' : " (the local server's default one: this request carried none)."),
        `The chat route also stops at ${JSON.stringify(template.stop)}; mechanex cannot send stop, so the text may run on into a new turn.`,
      );
    }
  } else if (route === 'completions' || route === 'generate') {
    const p = body.prompt;
    if (typeof p === 'string') prompts = [p];
    else if (Array.isArray(p) && p.every((x) => typeof x === 'string')) prompts = p;
    if (prompts.length) used.add('prompt');
    if (prompts.length > 1) notes.push('mechanex takes one prompt per call: the snippet calls it once per prompt.');
  }

  const model = typeof body.model === 'string' && body.model !== 'default' ? body.model : undefined;
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
  const vector = body.steering_vector_id;
  if (typeof vector === 'string') args.push(['steering_vector', vector]);
  if (typeof vector === 'string' || vector === null) used.add('steering_vector_id');
  const strength = num('steering_strength');
  if (strength !== undefined) {
    used.add('steering_strength');
    if (strength !== 0) args.push(['steering_strength', strength]);
  }
  if (body.stream === false) used.add('stream');
  if (body.stream === true) notes.push('mechanex reads the stream itself and returns the whole text at the end.');

  const unsupported = Object.entries(body)
    .filter(([k, v]) => v != null && !used.has(k))
    .map(([k]) => k);
  return { prompts, args, model, unsupported, notes };
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
