// The "create a behavior" action as the one request object: POST {baseUrl}/behaviors/create with the SDK's body
// (mx.sae.create_behavior's fields, plus model), answered with the new behavior as JSON (its id, threshold and
// separation_auc). Every snippet target renders it through its usual render(); the body holds the pairs and the
// fields that are set, in the order the contract lists them (protocol/sae.ts, behaviorCreateRequestSchema).
import type { z } from 'zod';
import type { behaviorCreateRequestSchema } from '../../protocol/sae.ts';
import { API_KEY_HEADER, type RequestObject, type TargetKind } from '../api/request-object.ts';

export const BEHAVIORS_CREATE_PATH = '/behaviors/create';

/** The fields of a create: the contract's request (prompts may be left out: answers standing alone). */
export type BehaviorCreateFields = z.input<typeof behaviorCreateRequestSchema>;

export interface CreateBehaviorInput {
  target: TargetKind;
  baseUrl: string;
  apiKey: string;
  body: BehaviorCreateFields;
}

export function behaviorCreateRequest(i: CreateBehaviorInput): RequestObject {
  const baseUrl = i.baseUrl.replace(/\/+$/, '');
  const b = i.body;
  const body: Record<string, unknown> = {
    behavior_name: b.behavior_name,
    prompts: [...(b.prompts ?? [])],
    positive_answers: [...b.positive_answers],
  };
  if (b.negative_answers != null) body.negative_answers = [...b.negative_answers];
  if (b.description) body.description = b.description;
  if (b.steering_vector_id) body.steering_vector_id = b.steering_vector_id;
  if (b.model != null) body.model = b.model;
  return {
    method: 'POST',
    url: `${baseUrl}${BEHAVIORS_CREATE_PATH}`,
    headers: { 'Content-Type': 'application/json', [API_KEY_HEADER]: i.apiKey },
    body,
    meta: { target: i.target, baseUrl, path: BEHAVIORS_CREATE_PATH },
  };
}

/** What the answer holds, for a client that prints it whole (curl). */
export const NEW_BEHAVIOR_NOTE =
  'The answer is the new behavior: its id, its drift threshold and separation_auc (how well its score tells your positive answers from the negative ones).';
