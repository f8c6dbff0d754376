// Steering in a request. One vector (a stored id) at one strength travels as the request-level fields the seed page
// shows (`steering_vector_id`, `steering_strength`). Several at once — a mix — travel as the one thing the contract's
// request can carry for that: an inline `steering_vector` ({layer key: floats}), the sum of each vector's applied
// floats (GET /steering/vectors/{id}/download) times its strength, at `steering_strength` 1. Beside a policy (a
// guided constraint on the OpenAI routes, or the user's inline policy) either goes in the policy's steering block,
// because the server refuses request-level steering beside a policy. Strength 0 is "off": nothing is sent.

export interface SteeringPart {
  readonly vectorId: string;
  readonly strength: number;
}

/** A vector's applied floats by layer key ("3" = blocks.3.hook_resid_pre), as the download answers them. */
export type VectorFloats = Readonly<Record<string, readonly number[]>>;

export type RunSteering =
  | { readonly kind: 'vector'; readonly vectorId: string; readonly strength: number }
  | { readonly kind: 'mix'; readonly parts: readonly SteeringPart[]; readonly vector: Record<string, number[]> };

/** The steering the user has set up (the panel's pickers and sliders). */
export interface DraftSteering {
  /** The vector's id ("" = none). */
  readonly vectorId: string;
  readonly strength: number;
  /** More vectors at once (where the vector list can be read): mixed with the first into one inline vector. */
  readonly more?: readonly SteeringPart[];
  /** The applied floats of the vectors in a mix, by id (downloaded when a mix is set up) … */
  readonly floats?: Readonly<Record<string, VectorFloats>>;
  /** … from this base URL (floats from another server are not used). */
  readonly floatsFrom?: string;
}

/** Where the request goes, as far as steering cares: a mix is sent only where the vector list can be read. */
export interface SteeringWhere {
  readonly target: 'local' | 'hosted' | 'custom';
  readonly baseUrl: string;
}

/** Whether this target can take a mix (the hosted list and downloads are behind a dashboard login). */
export const canMix = (w: SteeringWhere | undefined): boolean => w?.target !== 'hosted';

export const DEFAULT_STEERING: DraftSteering = { vectorId: '', strength: 0 };

/** The slider's range and step (strength 1 adds one typical residual norm at the vector's hook). */
export const STRENGTH_MIN = -4;
export const STRENGTH_MAX = 4;
export const STRENGTH_STEP = 0.1;
/** Most vectors in one mix. */
export const MAX_MIX = 4;

const round2 = (x: number) => Math.round(x * 100) / 100 + 0; // + 0: never -0

/** The vectors that steer: picked, at a strength other than 0 (the first only, where a mix cannot be sent). */
export function activeParts(s: DraftSteering | undefined, w?: SteeringWhere): SteeringPart[] {
  if (!s) return [];
  const more = w && !canMix(w) ? [] : (s.more ?? []);
  return [{ vectorId: s.vectorId, strength: s.strength }, ...more]
    .map((p) => ({ vectorId: p.vectorId.trim(), strength: p.strength }))
    .filter((p) => p.vectorId !== '' && p.strength !== 0);
}

/** The ids a mix needs the floats of (none when one vector or none steers). */
export function mixIds(s: DraftSteering | undefined, w?: SteeringWhere): string[] {
  const parts = activeParts(s, w);
  return parts.length > 1 ? [...new Set(parts.map((p) => p.vectorId))] : [];
}

/** Σ strength × floats, layer by layer (6 significant digits: the body stays readable and exact enough). */
export function mixVector(parts: readonly SteeringPart[], floats: Readonly<Record<string, VectorFloats>>) {
  const sum: Record<string, number[]> = {};
  for (const p of parts) {
    const f = floats[p.vectorId];
    if (!f) throw new Error(`Steering: the vector ${p.vectorId} is still loading (a mix is sent as its floats)`);
    for (const [key, v] of Object.entries(f)) {
      const acc = sum[key];
      if (acc && acc.length !== v.length)
        throw new Error(
          `Steering: the vectors of the mix differ in width at layer ${key} (${acc.length} vs ${v.length})`,
        );
      sum[key] = v.map((x, i) => (acc?.[i] ?? 0) + p.strength * x);
    }
  }
  for (const key of Object.keys(sum)) sum[key] = (sum[key] ?? []).map((x) => Number(x.toPrecision(6)));
  return sum;
}

/** The request-level fields (none when off). */
export function steeringBodyFields(s: RunSteering | undefined): Record<string, unknown> {
  if (!s) return {};
  return s.kind === 'vector'
    ? { steering_vector_id: s.vectorId, steering_strength: s.strength }
    : { steering_vector: s.vector, steering_strength: 1 };
}

/** The policy's steering block for a run's steering, kept beside any other field the block already has. */
export function withSteeringBlock(
  policy: Readonly<Record<string, unknown>>,
  s: RunSteering | undefined,
): Record<string, unknown> {
  if (!s) return { ...policy };
  const block = policy.steering;
  const {
    vector_id: _id,
    vector: _v,
    ...own
  } = typeof block === 'object' && block !== null && !Array.isArray(block) ? (block as Record<string, unknown>) : {};
  const which =
    s.kind === 'vector' ? { vector_id: s.vectorId, strength: s.strength } : { vector: s.vector, strength: 1 };
  return { ...policy, steering: { ...own, enabled: true, ...which } };
}

const blockEnabled = (p: Readonly<Record<string, unknown>> | undefined): boolean => {
  const b = p?.steering;
  return typeof b === 'object' && b !== null && (b as { enabled?: unknown }).enabled === true;
};

/** The guide's part in whether steering can ride the request (a saved policy or a steering policy cannot). */
interface GuideLike {
  readonly kind: string;
  readonly policyId?: string;
  readonly policy?: Readonly<Record<string, unknown>>;
}

/**
 * The run's steering from the panel, or undefined when off (no vector, or every strength 0). Throws, in words the
 * run shows, where the request cannot carry it: a saved policy (run by id) or an inline policy with its own
 * steering, or a mix whose floats have not arrived.
 */
export function steeringFromDraft(
  s: DraftSteering | undefined,
  guide: GuideLike | undefined,
  w?: SteeringWhere,
): RunSteering | undefined {
  const parts = activeParts(s, w);
  if (parts.length === 0) return undefined;
  if (parts.some((p) => !Number.isFinite(p.strength))) throw new Error('Steering: a strength is not a number');
  if (guide?.kind === 'policy' && guide.policyId)
    throw new Error(
      'Steering: a saved policy (run by policy_id) carries its own steering block; set the strength to 0 or run the policy from the editor',
    );
  if (guide?.kind === 'policy' && blockEnabled(guide.policy))
    throw new Error(
      'Steering: the policy has its own steering block (enabled); set the panel’s strength to 0 or disable the block',
    );
  const [one] = parts;
  if (parts.length === 1 && one) return { kind: 'vector', vectorId: one.vectorId, strength: one.strength };
  const fresh = w === undefined || s?.floatsFrom === w.baseUrl;
  return { kind: 'mix', parts, vector: mixVector(parts, fresh ? (s?.floats ?? {}) : {}) };
}

/** Every strength of the steering times `f` (a comparison's cell). */
export function scaleSteering(s: DraftSteering, f: number): DraftSteering {
  return {
    ...s,
    strength: round2(s.strength * f),
    ...(s.more ? { more: s.more.map((p) => ({ ...p, strength: round2(p.strength * f) })) } : {}),
  };
}

/** The sweep's cells: fractions of the set-up steering, from off to all of it. */
export const SWEEP_FACTORS = [0, 0.25, 0.5, 0.75, 1] as const;
/** The sweep's far end when the slider is at 0 (one vector picked). */
export const DEFAULT_SWEEP_END = 2;

/** What a sweep scales: the steering as set up, or the one picked vector at DEFAULT_SWEEP_END when it is off. */
export function sweepBase(s: DraftSteering): DraftSteering {
  return activeParts(s).length === 0 && s.vectorId.trim() ? { ...s, strength: DEFAULT_SWEEP_END } : s;
}

/** A cell's name: "Strength 1.5" for one vector; "Mix ×0.5" for several; 0 is "Strength 0" (unsteered) either way. */
export function cellLabel(base: DraftSteering, f: number): string {
  const parts = activeParts(base);
  const [one] = parts;
  if (f === 0 || !one) return 'Strength 0';
  return parts.length === 1 ? `Strength ${round2(one.strength * f)}` : `Mix ×${f}`;
}
