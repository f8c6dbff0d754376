// The steering API for the steering panel: list, relabel, delete and download vectors, and create one from contrast
// pairs (POST /steering/generate, read as its SSE status frames). Every answer and frame is read with its protocol
// schema. Ids go into paths percent-encoded, so a built-in id (`austen-mini/json`) stays one path segment.
import type { z } from 'zod';
import {
  type SteeringGenerateRequest,
  type SteeringGenerateResult,
  type SteeringVectorItem,
  steeringDeleteResponseSchema,
  steeringDownloadSchema,
  steeringGenerateFrameSchema,
  steeringVectorItemSchema,
  steeringVectorListSchema,
} from '../../protocol/steering.ts';
import { type ApiTarget, call, send } from './api-call.ts';
import { ApiError } from './api-error.ts';
import { parseJsonWith } from './routes/parse.ts';
import { readSse } from './sse.ts';

export type { ApiTarget } from './api-call.ts';
export type { SteeringGenerateRequest, SteeringGenerateResult, SteeringVectorItem };
export type SteeringFrame = z.infer<typeof steeringGenerateFrameSchema>;
/** The frames of a creation that goes on: started, processing (message, progress 0–100, step) and complete. */
export type SteeringProgressFrame = Exclude<SteeringFrame, { status: 'error' }>;

const vectorPath = (id: string) => `/steering/vectors/${encodeURIComponent(id)}`;

export const listVectors = (t: ApiTarget, signal?: AbortSignal) =>
  call(t, 'GET', '/steering/vectors', steeringVectorListSchema, undefined, signal);
export const relabelVector = (t: ApiTarget, id: string, label: string | null) =>
  call(t, 'PATCH', vectorPath(id), steeringVectorItemSchema, { label });
export const deleteVector = (t: ApiTarget, id: string) =>
  call(t, 'DELETE', vectorPath(id), steeringDeleteResponseSchema);
/** The vector as mechanex's save_vectors writes it: {layer key: floats}. */
export const downloadVector = (t: ApiTarget, id: string) =>
  call(t, 'GET', `${vectorPath(id)}/download`, steeringDownloadSchema);

/**
 * Computes a vector from contrast pairs, reporting each frame as it streams; answers the complete frame's result.
 * A refusal (the server's 400 names the field), an error frame, or a stream that ends without its complete frame
 * is thrown as ApiError; an abort rethrows the signal's reason.
 */
export async function createVector(
  t: ApiTarget,
  body: SteeringGenerateRequest,
  o: { signal?: AbortSignal; onFrame?: (f: SteeringProgressFrame) => void } = {},
): Promise<SteeringGenerateResult> {
  const res = await send(t, 'POST', '/steering/generate', { body, signal: o.signal, accept: 'text/event-stream' });
  if (!res.body) throw new ApiError(res.status, 'The server answered without a body', 'bad_response');
  try {
    for await (const ev of readSse(res.body, o.signal)) {
      const r = parseJsonWith(steeringGenerateFrameSchema, ev.data);
      if (!r.ok) throw new ApiError(res.status, `A progress frame could not be read: ${r.problem}`, 'bad_response');
      const f = r.value;
      if (f.status === 'error') throw new ApiError(f.http_status ?? 500, f.message, f.code);
      o.onFrame?.(f);
      if (f.status === 'complete') return f.result;
    }
  } catch (e) {
    if (o.signal?.aborted) throw o.signal.reason;
    if (e instanceof ApiError) throw e;
    throw new ApiError(
      0,
      `The connection was lost while the vector was computed (${(e as Error).message})`,
      'connection_lost',
    );
  }
  o.signal?.throwIfAborted();
  throw new ApiError(0, 'The connection closed before the vector was complete', 'connection_lost');
}
