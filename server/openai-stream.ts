// The OpenAI streaming envelope shared by /v1/chat/completions and /v1/completions: the route sends chunks, this
// adds the error chunk for a failure after the stream started and the closing `data: [DONE]`.
import type { Context } from 'hono';
import { ApiError, respondError } from './errors.ts';
import { type SseStream, sseResponse } from './sse.ts';

export function openaiStream(requestSignal: AbortSignal, body: (s: SseStream) => Promise<void>): Response {
  return sseResponse(
    async (s) => {
      try {
        await body(s);
      } catch (e) {
        if (s.signal.aborted) return;
        const err = e instanceof ApiError ? e : new ApiError(500, 'server_error', (e as Error).message);
        s.send({ error: { message: err.message, type: err.type, code: err.code, param: err.param } });
      }
      if (!s.signal.aborted) s.send('[DONE]');
    },
    { requestSignal },
  );
}

/** Errors thrown while a generation route prepares its request, as responses. */
export function generationRouteError(c: Context, e: unknown): Response {
  if (e instanceof ApiError) return respondError(c, e);
  if (e instanceof RangeError)
    return respondError(c, new ApiError(400, 'invalid_request_error', e.message, { param: 'logit_bias' }));
  throw e;
}
