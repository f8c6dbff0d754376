// Starts a generation on the pool, turning a full queue into 429 + Retry-After and passing the client's abort
// signal through, so a disconnect stops the worker.
import type { GeneratedToken } from '../engine/generate.ts';
import type { ServerDeps } from './context.ts';
import { QueueFullError } from './engine-pool.ts';
import type { GenerationJob, JobResult } from './engine-worker.ts';
import { ApiError } from './errors.ts';

export function startJob(
  deps: ServerDeps,
  job: GenerationJob,
  signal: AbortSignal,
  onToken?: (t: GeneratedToken) => void,
): Promise<JobResult> {
  try {
    return deps.pool.run(job, { signal, onToken });
  } catch (e) {
    if (e instanceof QueueFullError) {
      throw new ApiError(429, 'rate_limit_exceeded', e.message, {
        headers: { 'Retry-After': String(e.retryAfterSeconds) },
      });
    }
    throw e;
  }
}

/** Throws 429 now if a job could not be queued (checked before a stream's headers are sent). */
export function assertCapacity(deps: ServerDeps): void {
  if (deps.pool.busy >= deps.pool.size && deps.pool.queued >= deps.pool.maxQueue) {
    throw new ApiError(
      429,
      'rate_limit_exceeded',
      'The local engine is busy: every worker is generating and the queue is full',
      {
        headers: { 'Retry-After': String(Math.max(1, deps.pool.queued)) },
      },
    );
  }
}

export const stopList = (stop: string | string[] | null | undefined): string[] =>
  stop == null ? [] : Array.isArray(stop) ? stop : [stop];
