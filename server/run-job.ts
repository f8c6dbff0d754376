// Starts a job on the pool and hands the route its events as an async iterable (buffered, so nothing is lost
// between starting the job and reading it). Capacity is checked once, when the job starts: a full queue is 429
// with Retry-After, thrown before any byte is sent. `accepted` settles when the worker has compiled and validated
// the job: a refusal of its content is 400 naming the field, still before any byte.
import type { ServerDeps } from './context.ts';
import { AbortedError, type JobEvent, JobRefusedError, QueueFullError } from './engine-pool.ts';
import { ApiError } from './errors.ts';
import type { GenerationJob, JobResult } from './worker/job.ts';

export class JobRun implements AsyncIterable<JobEvent> {
  readonly result: Promise<JobResult>;
  /** Resolves when the worker accepts the job; rejects (as ApiError) when it refuses it or fails first. */
  readonly accepted: Promise<void>;
  private readonly queue: JobEvent[] = [];
  private wake?: () => void;
  private ended = false;

  constructor(deps: ServerDeps, job: GenerationJob, signal: AbortSignal) {
    let accept!: () => void;
    let refuse!: (e: unknown) => void;
    this.accepted = new Promise<void>((res, rej) => {
      accept = res;
      refuse = rej;
    });
    this.accepted.catch(() => {}); // a route that streams without waiting still sees the failure through `result`
    let started: Promise<JobResult>;
    try {
      started = deps.pool.run(job, {
        signal,
        onEvent: (e) => {
          if (e.type === 'accepted') accept();
          this.queue.push(e);
          this.wake?.();
        },
      });
    } catch (e) {
      if (e instanceof QueueFullError) {
        throw new ApiError(429, 'rate_limit_exceeded', e.message, {
          headers: { 'Retry-After': String(e.retryAfterSeconds) },
        });
      }
      throw e;
    }
    this.result = started.then(
      (r) => {
        this.end();
        return r;
      },
      (e: unknown) => {
        const err = toApiError(e);
        refuse(err);
        this.end();
        throw err;
      },
    );
    this.result.catch(() => {});
  }

  private end(): void {
    this.ended = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<JobEvent> {
    for (;;) {
      const e = this.queue.shift();
      if (e) {
        yield e;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((r) => {
        this.wake = r;
      });
      this.wake = undefined;
    }
  }
}

/** A job's failure as the API answers it. Aborts stay AbortedError (the client is gone: nothing to answer). */
export function toApiError(e: unknown): Error {
  if (e instanceof ApiError || e instanceof AbortedError) return e;
  if (e instanceof JobRefusedError)
    // the message names the field once (an engine message may already start with it)
    return new ApiError(
      400,
      'invalid_request_error',
      e.message.startsWith(`${e.param}:`) ? e.message : `${e.param}: ${e.message}`,
      {
        code: 'invalid_value',
        param: e.param,
      },
    );
  return new ApiError(500, 'server_error', (e as Error).message);
}

/** Starts a job (429 at once when the engine is full). */
export function startJob(deps: ServerDeps, job: GenerationJob, signal: AbortSignal): JobRun {
  return new JobRun(deps, job, signal);
}
