// The OpenAI streaming envelope shared by /v1/chat/completions and /v1/completions: the route sends chunks, this
// adds the error chunk for a failure after the stream started and the closing `data: [DONE]`.
import type { Context } from 'hono';
import { AbortedError } from './engine-pool.ts';
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

/** Errors thrown while a generation route prepares or answers its request, as responses. */
export function generationRouteError(c: Context, e: unknown): Response {
  if (e instanceof ApiError) return respondError(c, e);
  // the client went away (while queued, or mid-generation): nobody reads the answer
  if (e instanceof AbortedError || c.req.raw.signal.aborted) return new Response(null, { status: 499 });
  throw e;
}
