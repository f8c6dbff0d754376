// The "create a vector" action as the one request object: POST {baseUrl}/steering/generate with the contrast
// pairs, answered as SSE status frames (started → processing… → complete with result.steering_vector_id, or
// error). Every snippet target renders it through its usual render(); the body holds only the fields that are set,
// in the order the contract lists them (protocol/steering.ts, steeringGenerateRequestSchema).
import type { SteeringGenerateRequest } from '../../protocol/steering.ts';
import { API_KEY_HEADER, type RequestObject, type TargetKind } from '../api/request-object.ts';

export const STEERING_GENERATE_PATH = '/steering/generate';

export interface SteeringPairs {
  prompts: string[];
  positive_answers: string[];
  negative_answers: string[];
}

export interface CreateVectorInput {
  target: TargetKind;
  baseUrl: string;
  apiKey: string;
  pairs: SteeringPairs;
  /** Layers to read (blocks.L.hook_resid_pre); none or empty: the server's default (the middle layer). */
  layerIdxs?: number[];
  /** The vector's name; none or empty: unnamed. */
  name?: string;
  /** Default 'caa'. */
  method?: string;
  model?: string;
}

export function steeringCreateRequest(i: CreateVectorInput): RequestObject {
  const baseUrl = i.baseUrl.replace(/\/+$/, '');
  const body: SteeringGenerateRequest = {
    prompts: [...i.pairs.prompts],
    positive_answers: [...i.pairs.positive_answers],
    negative_answers: [...i.pairs.negative_answers],
  };
  if (i.layerIdxs?.length) body.layer_idxs = [...i.layerIdxs];
  body.method = i.method ?? 'caa';
  if (i.name) body.name = i.name;
  if (i.model !== undefined) body.model = i.model;
  return {
    method: 'POST',
    url: `${baseUrl}${STEERING_GENERATE_PATH}`,
    headers: { 'Content-Type': 'application/json', [API_KEY_HEADER]: i.apiKey, Accept: 'text/event-stream' },
    body,
    meta: { target: i.target, baseUrl, path: STEERING_GENERATE_PATH },
  };
}

/** Where the new vector's id is in the frames a client prints as they come (curl). */
export const NEW_VECTOR_NOTE =
  'The answer streams progress frames; the last one (status "complete") holds result.steering_vector_id, the new vector\'s id.';
