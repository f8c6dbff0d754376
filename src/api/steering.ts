// Steering in a request: one vector (a stored id) at one strength. On the plain routes it travels as the
// request-level fields the seed page shows (`steering_vector_id`, `steering_strength`); beside a policy (a guided
// constraint on the OpenAI routes, or the user's inline policy) it goes in the policy's steering block, because the
// server refuses request-level steering beside a policy. Strength 0 is "off": nothing is sent.
import type { RunGuide } from './guide.ts';

export interface RunSteering {
  readonly vectorId: string;
  /** Never 0 (0 is no steering: the spec carries none). */
  readonly strength: number;
}

/** The steering the user has set up (the panel's picker and slider). */
export interface DraftSteering {
  /** The vector's id ("" = none). */
  readonly vectorId: string;
  readonly strength: number;
}

export const DEFAULT_STEERING: DraftSteering = { vectorId: '', strength: 0 };

/** The slider's range and step (strength 1 adds one typical residual norm at the vector's hook). */
export const STRENGTH_MIN = -4;
export const STRENGTH_MAX = 4;
export const STRENGTH_STEP = 0.1;

/** The request-level fields (none when off). */
export function steeringBodyFields(s: RunSteering | undefined): Record<string, unknown> {
  return s ? { steering_vector_id: s.vectorId, steering_strength: s.strength } : {};
}

/** The policy's steering block for a run's steering, kept beside any other field the block already has. */
export function withSteeringBlock(
  policy: Readonly<Record<string, unknown>>,
  s: RunSteering | undefined,
): Record<string, unknown> {
  if (!s) return { ...policy };
  const block = policy.steering;
  const own = typeof block === 'object' && block !== null && !Array.isArray(block) ? block : {};
  return { ...policy, steering: { ...own, enabled: true, vector_id: s.vectorId, strength: s.strength } };
}

const blockEnabled = (p: Readonly<Record<string, unknown>> | undefined): boolean => {
  const b = p?.steering;
  return typeof b === 'object' && b !== null && (b as { enabled?: unknown }).enabled === true;
};

/**
 * The run's steering from the panel, or undefined when off (no vector, or strength 0). Throws, in words the run
 * shows, where the request cannot carry it: a saved policy (run by id) or an inline policy with its own steering.
 */
export function steeringFromDraft(s: DraftSteering | undefined, guide: RunGuide | undefined): RunSteering | undefined {
  if (!s?.vectorId.trim() || s.strength === 0) return undefined;
  if (!Number.isFinite(s.strength)) throw new Error('Steering: the strength is not a number');
  if (guide?.kind === 'policy' && guide.policyId)
    throw new Error(
      'Steering: a saved policy (run by policy_id) carries its own steering block; set the strength to 0 or run the policy from the editor',
    );
  if (guide?.kind === 'policy' && blockEnabled(guide.policy))
    throw new Error(
      'Steering: the policy has its own steering block (enabled); set the panel’s strength to 0 or disable the block',
    );
  return { vectorId: s.vectorId.trim(), strength: s.strength };
}

export const SWEEP_CELLS = 5;
/** The sweep's far end when the slider is at 0. */
export const DEFAULT_SWEEP_END = 2;

/** Five strengths from 0 to `end` (to DEFAULT_SWEEP_END when end is 0), rounded to hundredths. */
export function sweepStrengths(end: number, cells = SWEEP_CELLS): number[] {
  const to = end === 0 ? DEFAULT_SWEEP_END : end;
  // + 0: no -0 at the start of a negative sweep
  return Array.from({ length: cells }, (_, i) => Math.round((100 * to * i) / (cells - 1)) / 100 + 0);
}
