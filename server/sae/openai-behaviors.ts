// `behavior_names` / `force_steering` on /v1/chat/completions and /v1/completions (OpenAI clients send them in
// extra_body). Streamed: each chunk's `axionic.tokens` carries every token's per-behavior {score, drift}, and
// monitoring is report-only — an OpenAI client cannot take back text it has received — so the last chunk's
// `axionic.behaviors` says corrected: false. Not streamed: drift is corrected as on /sae/generate (cut where it
// began, regenerate with the correction vector at −1, at most MAX_ATTEMPTS attempts) and the answer's
// `axionic.behaviors` summarises it. One choice at a time (n = 1, one prompt); not with a policy.

import { behaviorsByName } from '../behaviors/resolve.ts';
import type { ServerDeps } from '../context.ts';
import { ApiError } from '../errors.ts';
import type { Steering } from '../steering/apply.ts';
import type { GenerationJob } from '../worker/job.ts';
import { checkDistinct, withBehaviors } from './monitoring.ts';
import { BehaviorTracker } from './readings.ts';

export interface OpenAiBehaviorFields {
  readonly behavior_names?: readonly string[] | null;
  readonly force_steering?: readonly string[] | null;
  readonly n?: number | null;
  readonly policy?: unknown;
  readonly policy_id?: string | null;
}

export interface OpenAiBehaviors {
  readonly tracker: BehaviorTracker;
  /** Names of the forced behaviors (their readings say forced: true). */
  readonly forced: ReadonlySet<string>;
  readonly withJob: <J extends GenerationJob>(job: J) => J;
}

const bad = (param: string, message: string) =>
  new ApiError(400, 'invalid_request_error', message, { code: 'invalid_value', param });

/** The request's behaviors, or undefined when it names none. */
export function openAiBehaviors(
  deps: ServerDeps,
  body: OpenAiBehaviorFields,
  o: { stream: boolean; prompts: number },
): OpenAiBehaviors | undefined {
  const monitorNames = body.behavior_names ?? [];
  const forcedNames = body.force_steering ?? [];
  if (!monitorNames.length && !forcedNames.length) return undefined;
  const field = monitorNames.length ? 'behavior_names' : 'force_steering';
  if ((body.policy ?? undefined) !== undefined || body.policy_id)
    throw bad(field, `${field}: cannot be combined with a policy (send the behaviors without policy / policy_id)`);
  if ((body.n ?? 1) !== 1 || o.prompts !== 1)
    throw bad(field, `${field}: behaviors follow one choice at a time: send one prompt and n = 1`);
  checkDistinct(monitorNames, forcedNames);
  const monitor = behaviorsByName(deps, monitorNames, 'behavior_names');
  const forced = behaviorsByName(deps, forcedNames, 'force_steering');
  const correct = !o.stream;
  const tracker = new BehaviorTracker(
    monitor.map((b) => ({ name: b.name, threshold: b.scorer.threshold })),
    forced.map((b) => b.name),
    correct,
  );
  return {
    tracker,
    forced: new Set(forced.map((b) => b.name)),
    withJob: (job) => withBehaviors(deps, job, { monitor, forced, correct, topKFeatures: 0 }),
  };
}

/** The job with the request's behaviors (none: unchanged). */
export const withBehaviorsOf = <J extends GenerationJob>(b: OpenAiBehaviors | undefined, job: J): J =>
  b ? b.withJob(job) : job;

/** `axionic` on an answer or the last chunk: the steering applied and the behaviors' summary (none: nothing). */
export function axionicExtras(
  steering: Steering,
  b: OpenAiBehaviors | undefined,
): { axionic: Record<string, unknown> } | Record<string, never> {
  if (!steering.applied && !b) return {};
  return {
    axionic: {
      ...(steering.applied ? { steering: steering.applied } : {}),
      ...(b ? { behaviors: b.tracker.summary(), corrected: b.tracker.corrected } : {}),
    },
  };
}
