// A behavior in the contract's shape (GET /behaviors items, the rename answer) with axplay's extensions, and the
// create answer (axioniclabs' BehaviorResponse plus the SDK's local-dict fields, axionic-api.md §3.7).
import type { Behavior } from '../../protocol/sae.ts';
import type { ServerDeps } from '../context.ts';
import type { ResolvedBehavior } from './resolve.ts';

export function behaviorItem(deps: ServerDeps, b: ResolvedBehavior): Behavior {
  return {
    id: b.id,
    behavior_name: b.name,
    description: b.description,
    steering_vector_id: b.steeringVectorId,
    model_id: deps.model.id,
    hook_name: b.scorer.hook,
    sae_release: deps.sae?.release ?? null,
    created_at: b.createdAt,
    built_in: b.builtIn,
    threshold: b.scorer.threshold,
    separation_auc: b.separationAuc,
    false_trigger_rate: b.falseTriggerRate,
  };
}

/** What POST /behaviors/create answers: the behavior, where its scorer is kept, and the SAE it reads. */
export function createdItem(deps: ServerDeps, b: ResolvedBehavior) {
  return {
    ...behaviorItem(deps, b),
    sae_baseline_path: `sqlite:behaviors/${b.id}`,
    generation_prompts_path: null,
    sae_id: b.scorer.hook,
  };
}
