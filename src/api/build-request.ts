// RunSpec → the one request object (logical URL, headers, body) through the spec's route, and its transport form
// for the browser.
import { API_KEY_HEADER, type RequestObject } from './request-object.ts';
import { routeFor, routePath } from './routes/registry.ts';
import type { RunSpec } from './run-spec.ts';

export const HOSTED_BASE_URL = 'https://api.axioniclabs.ai';

export function pathFor(spec: Pick<RunSpec, 'mode' | 'guide' | 'behaviors'>): string {
  return routePath(routeFor(spec));
}

/** The JSON body the form describes: only fields that are set, in a stable order. */
export function buildBody(spec: RunSpec): Record<string, unknown> {
  return routeFor(spec).body(spec);
}

export function buildRequest(spec: RunSpec): RequestObject {
  const r = routeFor(spec);
  const path = routePath(r);
  const baseUrl = spec.baseUrl.replace(/\/+$/, '');
  return {
    method: 'POST',
    url: `${baseUrl}${path}`,
    headers: { 'Content-Type': 'application/json', [API_KEY_HEADER]: spec.apiKey, ...r.headers?.(spec) },
    body: spec.rawBody ?? r.body(spec),
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
