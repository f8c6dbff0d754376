// Checks a POST /behaviors/create body whole before any work starts (400 naming the field, 404 for an unknown
// correction vector, 409 for a name in use) and makes the workers' tasks.
//
// The body is mechanex's create_behavior: behavior_name, prompts, positive_answers, negative_answers, description,
// and steering_vector_id only when the caller gave one. A probe needs both sides, so negative_answers must hold one
// answer per positive answer (missing, null or empty is a 400 naming it). `prompts` may be empty (the hosted
// contract has it optional): then every answer stands alone (it is read after a newline, as generation starts);
// otherwise it holds one prompt per pair. At least MIN_PAIRS pairs, because the reported separation is
// cross-validated over pairs. The rest (an empty answer, a pair longer than the context, too much text, pairs whose
// two answers are all the same) is what POST /steering/generate refuses too, checked by the same code.

import type { BehaviorCreateRequest } from '../../protocol/sae.ts';
import { steeringGenerateRequestSchema } from '../../protocol/steering.ts';
import type { ServerDeps } from '../context.ts';
import { ApiError } from '../errors.ts';
import { planExtraction } from '../routes/steering.ts';
import type { SaeInfo } from '../sae/sae-file.ts';
import type { KnownVector } from '../steering/built-ins.ts';
import { findVector } from '../steering/catalog.ts';
import type { BehaviorFitTask, ExtractTask } from '../worker/job.ts';
import { behaviorNameTaken } from './resolve.ts';

/** Contrast pairs a behavior needs at least (its separation is cross-validated over pairs). */
export const MIN_PAIRS = 2;

export interface CreatePlan {
  readonly name: string;
  readonly description: string | null;
  readonly sae: SaeInfo;
  /** The scorer's fit (on a worker). */
  readonly fit: BehaviorFitTask;
  /** CAA at the SAE's hook from the same pairs, when no correction vector was given. */
  readonly extract: ExtractTask | null;
  /** The correction vector the caller gave. */
  readonly vector: KnownVector | null;
}

const bad = (param: string, message: string) =>
  new ApiError(400, 'invalid_request_error', message, { code: 'invalid_value', param });

export const nameInUse = (name: string) =>
  new ApiError(409, 'invalid_request_error', `behavior_name: a behavior named '${name}' already exists`, {
    code: 'conflict',
    param: 'behavior_name',
  });

export function planCreate(deps: ServerDeps, body: BehaviorCreateRequest): CreatePlan {
  const sae = deps.sae;
  if (!sae)
    throw bad(
      'model',
      `model: "${deps.model.name}" has no SAE on this server, and a behavior is a probe over the SAE's latents`,
    );
  const name = body.behavior_name;
  if (name.trim() === '') throw bad('behavior_name', 'behavior_name: give the behavior a name');
  const pos = body.positive_answers;
  const neg = body.negative_answers ?? [];
  if (pos.length === 0) throw bad('positive_answers', 'positive_answers: give the answers that show the behavior');
  if (neg.length === 0)
    throw bad(
      'negative_answers',
      'negative_answers: give one answer without the behavior per positive answer (the probe needs both sides)',
    );
  if (neg.length !== pos.length)
    throw bad(
      'negative_answers',
      `negative_answers has ${neg.length} items but positive_answers has ${pos.length}: one of each per pair`,
    );
  if (body.prompts.length !== 0 && body.prompts.length !== pos.length)
    throw bad(
      'prompts',
      `prompts has ${body.prompts.length} items but positive_answers has ${pos.length}: one prompt per pair (or none)`,
    );
  if (pos.length < MIN_PAIRS)
    throw bad('positive_answers', `positive_answers: give at least ${MIN_PAIRS} pairs (got ${pos.length})`);
  const prompts = body.prompts.length ? body.prompts : pos.map(() => '');
  const extraction = planExtraction(
    deps,
    steeringGenerateRequestSchema.parse({ prompts, positive_answers: pos, negative_answers: neg, method: 'caa' }),
  );
  let vector: KnownVector | null = null;
  if (body.steering_vector_id) {
    vector = findVector(deps, body.steering_vector_id) ?? null;
    if (!vector)
      throw new ApiError(
        404,
        'not_found',
        `steering_vector_id: no steering vector with id '${body.steering_vector_id}' (GET /steering/vectors lists them)`,
        { param: 'steering_vector_id' },
      );
  }
  if (behaviorNameTaken(deps, name)) throw nameInUse(name);
  const pairs = extraction.task.pairs;
  return {
    name,
    description: body.description || null,
    sae,
    fit: { name, saePath: sae.path, pairs },
    extract: vector ? null : { ...extraction.task, hooks: [sae.hook] },
    vector,
  };
}
