// POST /sae/generate's stream: `started` (the behaviors, their mode, threshold, vector and hook), one `token` frame
// per character (its delta, index, attempt, per-behavior {score, drift}, and with include_activations its top
// latents and their labels), a `correction` frame where a monitored behavior drifted, and exactly one terminal
// `complete` (result.text = the final text = the kept prefix + the final attempt's deltas, and a per-behavior
// summary) or `error`. A client that goes away aborts the job (the request's signal), which stops the worker.
import type { Context } from 'hono';
import type { SaeGenerateFrame } from '../../protocol/sae.ts';
import { ApiError } from '../errors.ts';
import type { JobRun } from '../run-job.ts';
import { sseResponse } from '../sse.ts';
import type { JobResult } from '../worker/job.ts';
import { CORRECTION_STRENGTH, type MonitoredBehavior } from './monitoring.ts';
import { type BehaviorTracker, saeSide, wireFeatures, wireReadings } from './readings.ts';

export interface SaeStreamInfo {
  readonly started: Omit<Extract<SaeGenerateFrame, { status: 'started' }>, 'status'>;
  readonly monitor: readonly MonitoredBehavior[];
  readonly forced: readonly MonitoredBehavior[];
  readonly hook: string;
  readonly labels?: ReadonlyMap<number, string>;
  readonly tracker: BehaviorTracker;
  readonly complete: (r: JobResult) => Extract<SaeGenerateFrame, { status: 'complete' }>['result'];
}

export function saeStream(c: Context, run: JobRun, info: SaeStreamInfo): Response {
  const forced = new Set(info.forced.map((b) => b.name));
  const byName = new Map(info.monitor.map((b) => [b.name, b]));
  return sseResponse(
    async (s) => {
      const send = (f: SaeGenerateFrame) => s.send(f, f.status);
      send({ status: 'started', ...info.started });
      try {
        for await (const e of run) {
          if (e.type === 'tokens') {
            info.tracker.tokens(e.tokens);
            s.sendMany(
              e.tokens.map((t) => {
                const side = saeSide(t);
                const features = side?.features ? { features: wireFeatures(side, info.hook, info.labels) } : {};
                return {
                  event: 'token',
                  data: {
                    status: 'token',
                    attempt: t.attempt,
                    index: t.index,
                    token: t.text,
                    text: t.text,
                    token_id: t.token,
                    behaviors: wireReadings(side, forced),
                    ...features,
                  } satisfies SaeGenerateFrame,
                };
              }),
            );
          } else if (e.type === 'correction') {
            info.tracker.correction(e);
            const b = byName.get(e.behavior);
            const threshold = b?.scorer.threshold ?? 0;
            const regen = e.action === 'regenerate';
            send({
              status: 'correction',
              attempt: e.attempt,
              index: e.index,
              behavior: e.behavior,
              score: Math.round(e.score * 1e4) / 1e4,
              threshold,
              action: e.action,
              steering_vector_id: b?.steeringVectorId ?? null,
              strength: CORRECTION_STRENGTH,
              message: regen
                ? `Drift detected for '${e.behavior}' from token ${e.index}: ${e.index ? `keeping tokens 0…${e.index - 1}` : 'dropping every token'} and regenerating from there with its correction vector at ${CORRECTION_STRENGTH}`
                : `Drift detected for '${e.behavior}' from token ${e.index} in the last attempt (${e.attempt}): no attempts left, the text is kept as it is`,
            });
          }
        }
        const r = await run.result;
        if (!r.aborted) send({ status: 'complete', result: info.complete(r) });
      } catch (e) {
        if (s.signal.aborted) return;
        const err = e instanceof ApiError ? e : new ApiError(500, 'server_error', (e as Error).message);
        send({ status: 'error', message: err.message, code: err.code, http_status: err.status });
      }
    },
    { requestSignal: c.req.raw.signal },
  );
}
