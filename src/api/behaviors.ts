// Behaviors in a request: the Behaviors panel's chips (each monitored, or forced from the start) and whether the
// tokens' top SAE features are asked for. On the native Generate mode a run with behaviors goes to POST
// /sae/generate (the monitor corrects drift there); on the OpenAI routes the names ride the body as
// `behavior_names` / `force_steering` (a stream reports, a whole answer corrects). Neither route takes them beside a
// guided constraint or policy, and /sae/generate takes no steering vector: those are refused here, in words.
import type { RouteKey } from './run-spec.ts';

export type BehaviorMode = 'monitor' | 'forced';

export interface DraftBehavior {
  readonly name: string;
  readonly mode: BehaviorMode;
}

/** What the panel holds: the picked behaviors, in the order they were picked, and the features switch. */
export interface DraftBehaviors {
  readonly picked: readonly DraftBehavior[];
  /** Ask /sae/generate for each token's top latents (`include_activations`). */
  readonly features: boolean;
}

export const DEFAULT_BEHAVIORS: DraftBehaviors = { picked: [], features: true };

/** Latents a token frame lists when features are on. */
export const TOP_K_FEATURES = 8;
/** Behaviors one request may name (protocol/sae.ts MAX_BEHAVIORS). */
export { MAX_BEHAVIORS } from '../../protocol/sae.ts';

/** A run's behaviors (RunSpec.behaviors): undefined when none is picked. */
export interface RunBehaviors {
  readonly monitor: readonly string[];
  readonly forced: readonly string[];
  /** Top latents per token (/sae/generate only). */
  readonly features: boolean;
}

interface Conflicts {
  readonly guide?: { readonly kind: string };
  readonly steering?: unknown;
  readonly mode: RouteKey;
  /** Stop sequences set in the form. */
  readonly stops?: number;
}

/** The run's behaviors from the panel, or undefined when none is picked; throws in words where they cannot ride. */
export function behaviorsFromDraft(b: DraftBehaviors | undefined, c: Conflicts): RunBehaviors | undefined {
  const picked = (b?.picked ?? []).map((p) => ({ ...p, name: p.name.trim() })).filter((p) => p.name !== '');
  if (!picked.length) return undefined;
  if (c.guide)
    throw new Error(
      'Behaviors: guided output cannot be monitored (on the OpenAI routes a constraint travels as a policy, which the server refuses beside behavior_names, and /sampling/generate takes no behaviors); turn Guided output off or unpick the behaviors',
    );
  if (c.mode === 'generate' && c.steering)
    throw new Error(
      'Behaviors: /sae/generate takes no steering vector; set the steering strength to 0, or mark a behavior Forced to steer with its vector',
    );
  if (c.mode === 'generate' && c.stops)
    throw new Error(
      'Behaviors: /sae/generate takes no stop sequences; clear them, or monitor in the Completion mode (behavior_names on /v1/completions)',
    );
  return {
    monitor: picked.filter((p) => p.mode === 'monitor').map((p) => p.name),
    forced: picked.filter((p) => p.mode === 'forced').map((p) => p.name),
    features: b?.features ?? true,
  };
}

/** Raw mode: the edited body is sent as it is, but to the route the picked behaviors choose (/sae/generate in the
 * Generate mode), so a body edited from the monitored request still goes where it was made for. */
export function behaviorsRouteOnly(b: DraftBehaviors | undefined): RunBehaviors | undefined {
  return b?.picked.some((p) => p.name.trim() !== '') ? { monitor: [], forced: [], features: false } : undefined;
}

/** The body fields both kinds of route share (none when a list is empty). */
export function behaviorBodyFields(b: RunBehaviors | undefined): Record<string, unknown> {
  if (!b) return {};
  const out: Record<string, unknown> = {};
  if (b.monitor.length) out.behavior_names = [...b.monitor];
  if (b.forced.length) out.force_steering = [...b.forced];
  return out;
}

/** Toggles a behavior on (as monitored) or off. */
export function togglePicked(b: DraftBehaviors, name: string): DraftBehaviors {
  const on = b.picked.some((p) => p.name === name);
  return {
    ...b,
    picked: on ? b.picked.filter((p) => p.name !== name) : [...b.picked, { name, mode: 'monitor' }],
  };
}

export function setPickedMode(b: DraftBehaviors, name: string, mode: BehaviorMode): DraftBehaviors {
  return { ...b, picked: b.picked.map((p) => (p.name === name ? { ...p, mode } : p)) };
}

/** Whether a request asks for SAE monitoring (the view follows such runs). */
export function requestHasBehaviors(r: {
  readonly body?: Readonly<Record<string, unknown>>;
  readonly meta: { readonly path: string };
}): boolean {
  const b = r.body ?? {};
  const named = (v: unknown) => Array.isArray(v) && v.length > 0;
  return r.meta.path === '/sae/generate' || named(b.behavior_names) || named(b.force_steering);
}
