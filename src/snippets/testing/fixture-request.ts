// How a test fixture is built: a POST with the local key in x-api-key, aimed at the local server or the hosted API.
import type { RequestObject } from '../../api/request-object.ts';
import type { JsonObject } from '../policy-shape.ts';
import { HOSTED_BASE_URL } from '../request-parts.ts';

export const LOCAL_BASE_URL = 'http://127.0.0.1:8420';
export const LOCAL_KEY = `ax_${'0123456789abcdef'.repeat(3)}`;

/** A request the snippet tests render by name. */
export interface NamedRequest {
  name: string;
  req: RequestObject;
}

export interface Fixture extends NamedRequest {
  /** Whether the local server accepts it (a hosted vector id, for one, is unknown there). */
  runsLocally: boolean;
  /** The policy the body's policy_id names: the tests save it on the server first and use the id it gets. */
  savedPolicy?: JsonObject;
}

export function request(baseUrl: string, path: string, body: JsonObject): RequestObject {
  return {
    method: 'POST',
    url: `${baseUrl}${path}`,
    headers: { 'content-type': 'application/json', 'x-api-key': LOCAL_KEY },
    body,
    meta: { target: baseUrl === HOSTED_BASE_URL ? 'hosted' : 'local', baseUrl, path },
  };
}
