// What every target needs to know about a request: its route, the body it sends (with a custom model), the key
// to show, and which fields are OpenAI-standard for the route.
import { findRoute } from '../../protocol/routes.ts';
import { API_KEY_HEADER, type RequestObject } from '../api/request-object.ts';
import type { SnippetOptions } from './types.ts';

export const KEY_ENV = 'AXIONIC_API_KEY';
export const KEY_PLACEHOLDER = 'ax_your_key_here';
export const HOSTED_BASE_URL = 'https://api.axioniclabs.ai';

export type Route =
  | 'chat'
  | 'completions'
  | 'generate'
  | 'sampling'
  | 'steering-generate'
  | 'sae-generate'
  | 'behaviors-create'
  | 'other';

/** The route table's ids of the routes snippet targets know how to call. */
const KNOWN: Readonly<Record<string, Route>> = {
  'v1.chat.completions': 'chat',
  'v1.completions': 'completions',
  generate: 'generate',
  'sampling.generate': 'sampling',
  'steering.generate': 'steering-generate',
  'sae.generate': 'sae-generate',
  'behaviors.create': 'behaviors-create',
};

export function routeOf(req: RequestObject): Route {
  const r = findRoute(req.method, req.meta.path);
  return (r && KNOWN[r.id]) ?? 'other';
}

/** The body the snippet sends: req.body, in the same key order, with body.model replaced by a custom model. */
export function snippetBody(req: RequestObject, opts: SnippetOptions): Record<string, unknown> | undefined {
  if (!req.body) return undefined;
  const body: Record<string, unknown> = { ...req.body };
  if (opts.customModel !== undefined) body.model = opts.customModel;
  return body;
}

/** A header's value, looked up case-insensitively. */
export function headerValue(req: RequestObject, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(req.headers)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** The key written into the code in 'inline' mode. */
export function inlineKey(req: RequestObject, opts: SnippetOptions): string {
  return opts.customKey ?? opts.apiKey ?? headerValue(req, API_KEY_HEADER) ?? KEY_PLACEHOLDER;
}

/** Headers other than Content-Type and the key headers, which every target writes itself. */
export function extraHeaders(req: RequestObject): [string, string][] {
  const own = new Set(['content-type', API_KEY_HEADER, 'authorization', 'x-axplay-key']);
  return Object.entries(req.headers).filter(([k]) => !own.has(k.toLowerCase()));
}

/** Routes whose answer is an event stream unless JSON is asked for with Accept. */
const SSE_BY_DEFAULT: ReadonlySet<Route> = new Set(['generate', 'steering-generate', 'sae-generate']);

/** Whether the answer is an event stream: `stream: true`, or a route that streams unless asked for JSON. */
export function streamsResponse(req: RequestObject): boolean {
  if (req.body?.stream === true) return true;
  return SSE_BY_DEFAULT.has(routeOf(req)) && !/^application\/json/.test(headerValue(req, 'accept') ?? '');
}

/** Parameters the OpenAI SDKs take by name, per route; anything else is an extension (extra_body in Python). */
const OPENAI_COMMON = [
  'model',
  'max_tokens',
  'temperature',
  'top_p',
  'n',
  'stop',
  'presence_penalty',
  'frequency_penalty',
  'logit_bias',
  'seed',
  'logprobs',
  'stream',
  'stream_options',
  'user',
];
export const OPENAI_PARAMS: Readonly<Record<'chat' | 'completions', ReadonlySet<string>>> = {
  chat: new Set([...OPENAI_COMMON, 'messages', 'top_logprobs', 'response_format', 'tools', 'tool_choice']),
  completions: new Set([...OPENAI_COMMON, 'prompt', 'echo', 'suffix', 'best_of']),
};

/** Splits a body into OpenAI-standard parameters and Axionic extensions, each in body order. */
export function splitOpenAi(
  body: Record<string, unknown>,
  route: 'chat' | 'completions',
): { standard: [string, unknown][]; extensions: [string, unknown][] } {
  const entries = Object.entries(body).filter(([, v]) => v !== undefined);
  return {
    standard: entries.filter(([k]) => OPENAI_PARAMS[route].has(k)),
    extensions: entries.filter(([k]) => !OPENAI_PARAMS[route].has(k)),
  };
}

/** The note an OpenAI-client target gives for a route it has no call for. */
export function noOpenAiCall(req: RequestObject): string {
  const others = routeOf(req) === 'sampling' ? 'curl or fetch' : 'curl, fetch or mechanex';
  return `The OpenAI client has no call for ${req.method} ${req.meta.path}; use ${others} for it.`;
}

/** The note an OpenAI-client target gives when the request asks for the policy's trace (it prints the text only). */
export function traceNote(body: Readonly<Record<string, unknown>>): string | undefined {
  if (body.include_trace !== true) return undefined;
  const where = body.stream === true ? "the last chunk's axionic.policy.trace" : 'axionic.policy.trace';
  return `include_trace: the trace comes back in ${where}; the snippet prints only the text.`;
}
