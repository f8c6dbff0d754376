// POST /behaviors/create, after the body is checked (plan.ts): a worker reads the SAE codes of every answer
// (server/worker/behavior-codes.ts) and fits the probe, its calibration and threshold (fit.ts), while — when no
// correction vector was given — another worker (or the same, after it) computes CAA from the same pairs at the SAE's
// hook, as POST /steering/generate would. Then the vector is stored as a user steering vector named after the
// behavior (so it shows in GET /steering/vectors), and the behavior is stored with its top latents' labels. One JSON
// answer (mechanex's create_behavior posts with a 60 s timeout); a client that goes away aborts the workers' tasks.
import type { BehaviorCreateRequest } from '../../protocol/sae.ts';
import type { ServerDeps } from '../context.ts';
import { QueueFullError } from '../engine-pool.ts';
import { ApiError } from '../errors.ts';
import { storeExtracted } from '../routes/steering.ts';
import { toApiError } from '../run-job.ts';
import type { BehaviorFitResult, ExtractResult } from '../worker/job.ts';
import { createdItem } from './item.ts';
import { type CreatePlan, nameInUse, planCreate } from './plan.ts';
import { behaviorNameTaken, findBehaviorById } from './resolve.ts';
import { DuplicateBehaviorError, newBehaviorId } from './store.ts';

const busy = (e: QueueFullError) =>
  new ApiError(429, 'rate_limit_exceeded', e.message, { headers: { 'Retry-After': String(e.retryAfterSeconds) } });

/** The workers' part: the answers' codes and, when needed, the correction vector (both aborted if either fails). */
async function runWorkers(
  deps: ServerDeps,
  plan: CreatePlan,
  signal: AbortSignal,
): Promise<[BehaviorFitResult, ExtractResult | null]> {
  const ac = new AbortController();
  const abort = () => ac.abort();
  signal.addEventListener('abort', abort, { once: true });
  try {
    const fit = deps.pool.fitBehavior(plan.fit, { signal: ac.signal });
    let vector: Promise<ExtractResult> | null = null;
    try {
      vector = plan.extract ? deps.pool.extract(plan.extract, { signal: ac.signal }) : null;
    } catch (e) {
      ac.abort();
      fit.catch(() => {});
      throw e;
    }
    return await Promise.all([fit, vector]).catch((e: unknown) => {
      ac.abort();
      throw e;
    });
  } catch (e) {
    if (e instanceof QueueFullError) throw busy(e);
    throw toApiError(e);
  } finally {
    signal.removeEventListener('abort', abort);
  }
}

export async function createBehavior(
  deps: ServerDeps,
  body: BehaviorCreateRequest,
  model: string,
  signal: AbortSignal,
) {
  const plan = planCreate(deps, body);
  const [fit, extracted] = await runWorkers(deps, plan, signal);
  const labels = new Map((deps.saeFeatures?.features ?? []).map((f) => [f.index, f.label]));
  // the name was free when planned: another create may have taken it while the workers ran
  if (behaviorNameTaken(deps, plan.name)) throw nameInUse(plan.name);
  const vector =
    plan.vector ??
    (extracted &&
      storeExtracted(deps, extracted, model, {
        name: plan.name,
        label: `correction for the behavior '${plan.name}'`,
        category: 'behavior',
        note:
          `Made by POST /behaviors/create from the behavior's ${plan.fit.pairs.length} pairs: CAA at the SAE's hook ` +
          `${plan.sae.hook}. It points towards the behavior; a correction subtracts it.`,
      }));
  if (!vector) throw new ApiError(500, 'server_error', 'no correction vector was made');
  const id = newBehaviorId();
  try {
    deps.store.behaviors.insert({
      id,
      model,
      name: plan.name,
      description: plan.description,
      steeringVectorId: vector.id,
      createdAt: new Date().toISOString(),
      scorer: fit.scorer,
      evidence: {
        ...fit.evidence,
        top_latents: fit.evidence.top_latents.map((l) => ({ ...l, label: labels.get(l.latent) ?? null })),
      },
    });
  } catch (e) {
    if (!plan.vector) deps.store.vectors.delete(vector.id);
    if (e instanceof DuplicateBehaviorError) throw nameInUse(plan.name);
    throw e;
  }
  const created = findBehaviorById(deps, id);
  if (!created) throw new ApiError(500, 'server_error', `the behavior ${id} was stored but does not read back`);
  return createdItem(deps, created);
}
