// Every behavior the server knows — the model's built-ins (read-only, from the SAE folder's behaviors/) and the
// user's (SQLite) — in one shape, looked up by id or by name. The one place other routes (POST /sae/generate, the /v1
// routes' behavior_names and force_steering) resolve names: an unknown name is a 404 naming the request field and the
// names that exist.
import type { BehaviorModelJson } from '../../engine/sae/behavior.ts';
import type { InlineCorrectionLayer } from '../../engine/sae/behavior-file.ts';
import type { ServerDeps } from '../context.ts';
import { ApiError } from '../errors.ts';
import type { BuiltInBehavior } from './built-ins.ts';
import type { UserBehavior } from './store.ts';

export interface ResolvedBehavior {
  /** `model/name` for a built-in, `bh_…` for a user's. */
  readonly id: string;
  readonly name: string;
  readonly builtIn: boolean;
  readonly description: string | null;
  /** What scores it per token (its `name` is the behavior's). */
  readonly scorer: BehaviorModelJson;
  /**
   * The correction vector (a built-in or user steering vector: server/steering/catalog.ts findVector); null when the
   * correction is inline. It points towards the behavior (positive minus negative answers): a correction subtracts it.
   */
  readonly steeringVectorId: string | null;
  /** A built-in's correction kept in its file (unit directions × scale), when it has no steering vector id. */
  readonly inlineCorrection?: readonly InlineCorrectionLayer[];
  readonly createdAt: string | null;
  /** Built-ins: the held-out AUC; user behaviors: the cross-validated AUC on their own answers. */
  readonly separationAuc: number | null;
  /** Built-ins only: the fraction of held-out negative generations that drift. */
  readonly falseTriggerRate: number | null;
}

function fromBuiltIn(b: BuiltInBehavior): ResolvedBehavior {
  return {
    id: b.id,
    name: b.name,
    builtIn: true,
    description: b.description,
    scorer: b.scorer,
    steeringVectorId: b.correction.steering_vector_id,
    ...(b.correction.layers ? { inlineCorrection: b.correction.layers } : {}),
    createdAt: b.created_at,
    separationAuc: b.evidence.heldout_auc,
    falseTriggerRate: b.evidence.false_trigger_rate,
  };
}

function fromUser(b: UserBehavior): ResolvedBehavior {
  return {
    id: b.id,
    name: b.name,
    builtIn: false,
    description: b.description,
    scorer: b.scorer,
    steeringVectorId: b.steeringVectorId,
    createdAt: b.createdAt,
    separationAuc: b.evidence.separation_auc,
    falseTriggerRate: null,
  };
}

const builtIns = (deps: ServerDeps): readonly BuiltInBehavior[] => deps.builtInBehaviors ?? [];

/** Built-ins first (by name), then the user's for the served model (oldest first). */
export function listBehaviors(deps: ServerDeps): ResolvedBehavior[] {
  return [...builtIns(deps).map(fromBuiltIn), ...deps.store.behaviors.list(deps.model.name).map(fromUser)];
}

export function findBehaviorByName(deps: ServerDeps, name: string): ResolvedBehavior | undefined {
  return listBehaviors(deps).find((b) => b.name === name);
}

export function findBehaviorById(deps: ServerDeps, id: string): ResolvedBehavior | undefined {
  const b = builtIns(deps).find((x) => x.id === id);
  if (b) return fromBuiltIn(b);
  const u = deps.store.behaviors.get(id);
  return u && u.model === deps.model.name ? fromUser(u) : undefined;
}

export const isBuiltInBehavior = (deps: ServerDeps, id: string): boolean => builtIns(deps).some((b) => b.id === id);

/** Whether a name is taken, by a built-in or by a user behavior of the served model. */
export const behaviorNameTaken = (deps: ServerDeps, name: string): boolean =>
  builtIns(deps).some((b) => b.name === name) || deps.store.behaviors.hasName(deps.model.name, name);

/**
 * The behaviors named in a request field, in the order given; a 404 naming the field and the behaviors that exist for
 * the first name that is unknown (answer it before anything streams).
 */
export function behaviorsByName(deps: ServerDeps, names: readonly string[], field: string): ResolvedBehavior[] {
  const all = listBehaviors(deps);
  return names.map((name) => {
    const b = all.find((x) => x.name === name);
    if (b) return b;
    const here = all.length ? all.map((x) => x.name).join(', ') : 'none';
    throw new ApiError(404, 'not_found', `${field}: no behavior named '${name}' (behaviors here: ${here})`, {
      param: field,
    });
  });
}
