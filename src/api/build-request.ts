// RunSpec → the one request object (logical URL, headers, body), and its transport form for the browser.
import { API_KEY_HEADER, type RequestObject } from './request-object.ts';
import type { RunSpec } from './run-spec.ts';

export const HOSTED_BASE_URL = 'https://api.axioniclabs.ai';

export function pathFor(spec: Pick<RunSpec, 'mode'>): string {
  return spec.mode === 'chat' ? '/v1/chat/completions' : '/v1/completions';
}

/** The JSON body the form describes: only fields that are set, in a stable order. */
export function buildBody(spec: RunSpec): Record<string, unknown> {
  const p = spec.params;
  const body: Record<string, unknown> = { model: spec.model };
  if (spec.mode === 'chat') body.messages = spec.messages.map((m) => ({ role: m.role, content: m.content }));
  else body.prompt = spec.prompt;
  body.max_tokens = p.max_tokens;
  body.temperature = p.temperature;
  if (p.top_p !== undefined) body.top_p = p.top_p;
  if (p.top_k !== undefined) body.top_k = p.top_k;
  if (p.sampling_method !== undefined) body.sampling_method = p.sampling_method;
  if (p.stop.length) body.stop = [...p.stop];
  if (p.seed !== undefined) body.seed = p.seed;
  if (spec.topLogprobs > 0) {
    if (spec.mode === 'chat') {
      body.logprobs = true;
      body.top_logprobs = spec.topLogprobs;
    } else {
      body.logprobs = Math.min(5, spec.topLogprobs);
    }
  }
  body.stream = spec.stream;
  return body;
}

export function buildRequest(spec: RunSpec): RequestObject {
  const path = pathFor(spec);
  const baseUrl = spec.baseUrl.replace(/\/+$/, '');
  return {
    method: 'POST',
    url: `${baseUrl}${path}`,
    headers: { 'Content-Type': 'application/json', [API_KEY_HEADER]: spec.apiKey },
    body: spec.rawBody ?? buildBody(spec),
    meta: { target: spec.target, baseUrl, path, chatTemplate: spec.chatTemplate },
  };
}

export interface Transport {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Where the browser actually sends a request. Local: same origin. Hosted: the local server's relay, with the
 * local key in x-axplay-key and the hosted key passed through. Custom: the URL itself (CORS permitting).
 */
export function transportFor(req: RequestObject, localKey: string, origin: string): Transport {
  if (req.meta.target === 'hosted') {
    return { url: `${origin}/upstream${req.meta.path}`, headers: { ...req.headers, 'x-axplay-key': localKey } };
  }
  return { url: req.url, headers: req.headers };
}

/** Headers for display: any key replaced by a masked form. */
export function maskHeaders(h: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k] = /key|authorization/i.test(k) ? maskKey(v) : v;
  return out;
}

export function maskKey(key: string): string {
  if (!key) return '';
  const bearer = key.startsWith('Bearer ') ? 'Bearer ' : '';
  const k = key.slice(bearer.length);
  return `${bearer}${k.slice(0, 5)}${'•'.repeat(8)}${k.length > 9 ? k.slice(-4) : ''}`;
}
