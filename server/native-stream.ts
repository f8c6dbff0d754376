// The native status-frame stream shared by /generate and /sampling/generate: `started`, one `token` frame per
// character (a worker batch of them per socket write), then exactly one terminal `complete` or `error`.
import type { Context } from 'hono';
import type { GenerateFrame } from '../protocol/generate.ts';
import { ApiError } from './errors.ts';
import type { JobRun } from './run-job.ts';
import { sseResponse } from './sse.ts';
import type { JobResult } from './worker/job.ts';

type Started = Extract<GenerateFrame, { status: 'started' }>;

/** Streams `run` as native frames; `complete` turns the job's result into the terminal frame's result. */
export function nativeStream(
  c: Context,
  run: JobRun,
  started: Omit<Started, 'status'> & Record<string, unknown>,
  complete: (r: JobResult) => unknown,
): Response {
  return sseResponse(
    async (s) => {
      const send = (f: { status: string; [k: string]: unknown }) => s.send(f, f.status);
      send({ status: 'started', ...started });
      try {
        for await (const e of run) {
          if (e.type !== 'tokens') continue;
          s.sendMany(
            e.tokens.map((t) => ({
              event: 'token',
              data: {
                status: 'token',
                index: t.index,
                token: t.text,
                text: t.text,
                token_id: t.token,
                logprob: t.logprob,
              } satisfies GenerateFrame,
            })),
          );
        }
        const r = await run.result;
        if (!r.aborted) send({ status: 'complete', result: complete(r) });
      } catch (e) {
        if (s.signal.aborted) return;
        const err = e instanceof ApiError ? e : new ApiError(500, 'server_error', (e as Error).message);
        send({ status: 'error', message: err.message, code: err.code, http_status: err.status });
      }
    },
    { requestSignal: c.req.raw.signal },
  );
}
