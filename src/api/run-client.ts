// Sends the one request object and reports what comes back as run events, decoded by the request's route: every
// raw frame with its arrival time (a frame that cannot be read is reported with its problem, never skipped),
// text deltas with per-token logprobs, the finish and usage. A failure the server reports is thrown as ApiError.
import { ApiError, apiErrorFrom, networkError } from './api-error.ts';
import { type Transport, transportFor } from './build-request.ts';
import type { RequestObject } from './request-object.ts';
import { browserRouteForPath } from './routes/registry.ts';
import type { RunEvent, Usage } from './run-events.ts';
import { readSse } from './sse.ts';

export type { RunEvent, TokenInfo, Usage } from './run-events.ts';

export async function runRequest(
  req: RequestObject,
  opts: {
    localKey: string;
    origin: string;
    signal: AbortSignal;
    onEvent: (e: RunEvent) => void;
    transport?: Transport;
  },
): Promise<void> {
  const route = browserRouteForPath(req.meta.path);
  if (!route) throw new ApiError(0, `The playground cannot run ${req.meta.path}`, 'unknown_route');
  const t = opts.transport ?? transportFor(req, opts.localKey, opts.origin);
  let res: Response;
  try {
    res = await fetch(t.url, {
      method: req.method,
      headers: t.headers,
      body: req.body ? JSON.stringify(req.body) : undefined,
      signal: opts.signal,
    });
  } catch (e) {
    if (opts.signal.aborted) return;
    throw networkError(t.url, e);
  }
  const response = { status: res.status, statusText: res.statusText, headers: Object.fromEntries(res.headers) };
  if (!res.ok) {
    const body = await res.text().catch(() => '');
    opts.onEvent({ type: 'response', ...response, at: performance.now(), body });
    throw await apiErrorFrom(new Response(body, { status: res.status, statusText: res.statusText }));
  }
  opts.onEvent({ type: 'response', ...response, at: performance.now() });
  const isStream = (res.headers.get('content-type') ?? '').includes('text/event-stream');
  if (!isStream || !res.body) {
    const text = await res.text();
    const d = route.decodeJson(text);
    const at = performance.now();
    opts.onEvent({ type: 'frame', data: text, at, ...(d.problem ? { problem: d.problem } : {}) });
    if (d.problem) throw new ApiError(res.status, `The answer could not be read: ${d.problem}`, 'bad_response');
    if (d.tokens.length) opts.onEvent({ type: 'delta', tokens: d.tokens, at });
    for (const event of d.sae ?? []) opts.onEvent({ type: 'sae', event, at });
    opts.onEvent({ type: 'finish', reason: d.finish ?? 'stop', usage: d.usage });
    return;
  }
  let finish: string | undefined;
  let usage: Usage | undefined;
  let ended = false;
  try {
    for await (const ev of readSse(res.body, opts.signal)) {
      const d = route.decodeFrame(ev.data);
      opts.onEvent({ type: 'frame', data: ev.data, at: ev.receivedAt, ...(d.problem ? { problem: d.problem } : {}) });
      if (d.error) throw d.error;
      if (d.tokens.length) opts.onEvent({ type: 'delta', tokens: d.tokens, at: ev.receivedAt });
      for (const event of d.sae ?? []) opts.onEvent({ type: 'sae', event, at: ev.receivedAt });
      if (d.finish) finish = d.finish;
      if (d.usage) usage = d.usage;
      if (d.end) {
        ended = true;
        break;
      }
    }
  } catch (e) {
    if (e instanceof ApiError || opts.signal.aborted) throw e;
    throw new ApiError(
      0,
      `The connection was lost while the answer streamed (${(e as Error).message})`,
      'connection_lost',
    );
  }
  if (opts.signal.aborted) return;
  // a stream that stops without its end marker (OpenAI's [DONE], a native terminal frame) was cut off
  if (!ended) throw new ApiError(0, 'The connection closed before the answer was complete', 'connection_lost');
  opts.onEvent({ type: 'finish', reason: finish ?? 'stop', usage });
}
