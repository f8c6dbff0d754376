// One JSON call of a native API route on the current target: the local server (or a custom one) directly with
// x-api-key, the hosted API through the local relay (/upstream…, x-axplay-key = the local key). The answer is read
// with its protocol schema; a refusal, a network failure or an unreadable answer is thrown as ApiError.
import type { z } from 'zod';
import { ApiError, apiErrorFrom, networkError } from './api-error.ts';
import type { ModelsTarget } from './get-models.ts';
import { parseJsonWith } from './routes/parse.ts';

export type ApiTarget = ModelsTarget;
export type ApiMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Sends a request to the target and answers its 2xx response (anything else is thrown as ApiError). */
export async function send(
  t: ApiTarget,
  method: ApiMethod,
  path: string,
  o: { body?: unknown; signal?: AbortSignal; accept?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = t.apiKey ? { 'x-api-key': t.apiKey } : {};
  if (o.body !== undefined) headers['Content-Type'] = 'application/json';
  if (o.accept) headers.Accept = o.accept;
  const hosted = t.target === 'hosted';
  const url = hosted ? `${t.origin}/upstream${path}` : `${t.baseUrl}${path}`;
  if (hosted) headers['x-axplay-key'] = t.localKey;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
      signal: o.signal,
    });
  } catch (e) {
    if (o.signal?.aborted) throw e;
    throw networkError(url, e);
  }
  if (!res.ok) throw await apiErrorFrom(res);
  return res;
}

/** A JSON call whose answer is read with `schema`. */
export async function call<S extends z.ZodType>(
  t: ApiTarget,
  method: ApiMethod,
  path: string,
  schema: S,
  body?: unknown,
  signal?: AbortSignal,
): Promise<z.infer<S>> {
  const res = await send(t, method, path, { body, signal });
  const r = parseJsonWith(schema, await res.text());
  if (!r.ok)
    throw new ApiError(res.status, `The answer of ${method} ${path} could not be read: ${r.problem}`, 'bad_response');
  return r.value;
}
