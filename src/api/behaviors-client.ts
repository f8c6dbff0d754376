// The behaviors API for the SAE view: list, create (one JSON POST /behaviors/create), rename and delete behaviors, and
// read one SAE latent's feature page (GET /sae/features, a page of one). Every answer is read with its protocol
// schema, through api-call.ts (the hosted target through the relay; any failure an ApiError). Ids go into paths
// percent-encoded, so a built-in id (`austen-mini/dialogue`) stays one path segment.
import type { z } from 'zod';
import {
  type Behavior,
  type BehaviorCreateRequest,
  behaviorDeleteResponseSchema,
  behaviorListSchema,
  behaviorSchema,
  saeFeaturePageSchema,
  type saeFeatureSchema,
} from '../../protocol/sae.ts';
import { type ApiTarget, call } from './api-call.ts';
import { ApiError } from './api-error.ts';

export type { ApiTarget } from './api-call.ts';
export type { Behavior, BehaviorCreateRequest };
export type SaeFeature = z.infer<typeof saeFeatureSchema>;

const behaviorPath = (id: string) => `/behaviors/${encodeURIComponent(id)}`;

export const listBehaviors = async (t: ApiTarget, signal?: AbortSignal): Promise<Behavior[]> =>
  (await call(t, 'GET', '/behaviors', behaviorListSchema, undefined, signal)).behaviors;

/** Fits a behavior to contrast pairs (one JSON answer, within seconds): the new behavior, with its evidence. */
export const createBehavior = (t: ApiTarget, body: BehaviorCreateRequest, signal?: AbortSignal): Promise<Behavior> =>
  call(t, 'POST', '/behaviors/create', behaviorSchema, body, signal);

export const renameBehavior = (t: ApiTarget, id: string, name: string): Promise<Behavior> =>
  call(t, 'PATCH', `${behaviorPath(id)}/rename`, behaviorSchema, { behavior_name: name });

export const deleteBehavior = (t: ApiTarget, id: string) =>
  call(t, 'DELETE', behaviorPath(id), behaviorDeleteResponseSchema);

/**
 * One SAE latent with its label and top contexts. The server lists latents in index order, so latent i is the page
 * at offset i of length 1. /sae/features is this server's extension: the hosted API (and so its relay) has none.
 */
export async function saeFeature(t: ApiTarget, index: number, signal?: AbortSignal): Promise<SaeFeature> {
  if (t.target === 'hosted')
    throw new ApiError(
      404,
      'Feature pages come from the local server’s SAE (GET /sae/features): the hosted API has none',
      'not_available',
    );
  if (!Number.isInteger(index) || index < 0)
    throw new ApiError(400, `index: a latent is a whole number from 0, not ${index}`, 'invalid_value', 'index');
  const page = await call(t, 'GET', `/sae/features?offset=${index}&limit=1`, saeFeaturePageSchema, undefined, signal);
  const f = page.features[0];
  if (!f || f.index !== index)
    throw new ApiError(
      404,
      f
        ? `The server answered latent ${f.index} for latent ${index}`
        : `The SAE has no latent ${index} (it has ${page.total})`,
      'not_found',
    );
  return f;
}
