// A request's behaviors as an engine job's parts: the SAE monitor (every named behavior scored per token, one SAE
// encoding per token), the forced behaviors' vectors at +1 from the start, and — when the route corrects — the
// monitored behaviors' correction at −1 (units of "What axplay decides" 10: strength 1 adds one mean residual norm).
// A behavior's correction vector is its linked steering vector (a shipped or stored one, by id) or, for built-ins
// whose vector is not a shipped steering vector, the one kept in its file.
import type { BehaviorModelJson } from '../../engine/sae/behavior.ts';
import type { InlineCorrectionLayer } from '../../engine/sae/behavior-file.ts';
import { steeringHooks } from '../../engine/steering/vector.ts';
import { MAX_ATTEMPTS } from '../../protocol/sae.ts';
import type { ServerDeps } from '../context.ts';
import { ApiError } from '../errors.ts';
import { findVector } from '../steering/catalog.ts';
import type { CorrectionSpec, GenerationJob, MonitorSpec, SteeringSpec } from '../worker/job.ts';
import type { SaeMonitorSpec } from '../worker/monitors.ts';
import type { SaeInfo } from './sae-file.ts';

/** The side-data key of the SAE monitor. */
export const SAE_MONITOR = 'sae';
/** The strength of a correction (monitor) and of a forced behavior. */
export const CORRECTION_STRENGTH = -1;
export const FORCED_STRENGTH = 1;

/** A behavior as monitoring needs it (built-in or the user's). */
export interface MonitoredBehavior {
  readonly id: string;
  readonly name: string;
  readonly scorer: BehaviorModelJson;
  readonly steeringVectorId: string | null;
  /** A built-in's correction vector kept in its file (when steeringVectorId is null). */
  readonly inlineCorrection?: readonly InlineCorrectionLayer[];
}

export interface BehaviorRequest {
  readonly monitor: readonly MonitoredBehavior[];
  readonly forced: readonly MonitoredBehavior[];
  /** Cut and regenerate on drift (false: report only). */
  readonly correct: boolean;
  /** Latents listed per token (0: none). */
  readonly topKFeatures: number;
}

/** The steering that applies a behavior's correction vector at `strength`. */
export function behaviorSteering(deps: ServerDeps, b: MonitoredBehavior, strength: number): SteeringSpec[] {
  if (b.steeringVectorId) {
    const v = findVector(deps, b.steeringVectorId);
    if (!v)
      throw new ApiError(
        404,
        'not_found',
        `behavior '${b.name}': its steering vector '${b.steeringVectorId}' no longer exists (deleted?)`,
        { code: 'missing_vector', param: 'behavior_names' },
      );
    return steeringHooks(v, strength).map((h) => ({ hook: h.hook, vector: Array.from(h.vector), strength }));
  }
  return (b.inlineCorrection ?? []).map((l) => ({
    hook: l.hook,
    vector: l.direction.map((x) => x * l.scale),
    strength,
  }));
}

/** Refuses a behavior named both to monitor and to force, or twice. */
export function checkDistinct(monitor: readonly string[], forced: readonly string[]): void {
  const seen = new Set<string>();
  for (const [list, field] of [
    [monitor, 'behavior_names'],
    [forced, 'force_steering'],
  ] as const)
    for (const n of list) {
      if (seen.has(n))
        throw new ApiError(
          400,
          'invalid_request_error',
          `${field}: '${n}' is named twice (a behavior is either monitored or forced)`,
          { code: 'invalid_value', param: field },
        );
      seen.add(n);
    }
}

/** The SAE the behaviors need, or a 400 naming `model` when this server has none. */
export function requireSae(deps: ServerDeps, field = 'model'): SaeInfo {
  if (!deps.sae)
    throw new ApiError(
      400,
      'invalid_request_error',
      `${field}: the model "${deps.model.name}" has no SAE release here`,
      {
        code: 'invalid_value',
        param: field,
      },
    );
  return deps.sae;
}

/** The job with the behaviors' monitor, forced steering and correction added (no behaviors: unchanged). */
export function withBehaviors<J extends GenerationJob>(deps: ServerDeps, job: J, r: BehaviorRequest): J {
  const all = [...r.monitor, ...r.forced];
  if (!all.length) return job;
  const sae = requireSae(deps);
  const monitor: SaeMonitorSpec = {
    kind: 'sae',
    name: SAE_MONITOR,
    saePath: sae.path,
    behaviors: all.map((b) => ({ ...b.scorer, name: b.name })),
    topKFeatures: r.topKFeatures,
  };
  const forced = r.forced.flatMap((b) => behaviorSteering(deps, b, FORCED_STRENGTH));
  const correction: CorrectionSpec | undefined =
    r.correct && r.monitor.length
      ? {
          monitor: SAE_MONITOR,
          maxAttempts: MAX_ATTEMPTS,
          behaviors: r.monitor.map((b) => ({ name: b.name, steering: behaviorSteering(deps, b, CORRECTION_STRENGTH) })),
        }
      : undefined;
  const monitors: MonitorSpec[] = [...(job.monitors ?? []), monitor];
  return {
    ...job,
    monitors,
    ...(forced.length ? { steering: [...(job.steering ?? []), ...forced] } : {}),
    ...(correction ? { correction } : {}),
  };
}
