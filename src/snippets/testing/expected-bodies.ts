// What each target must send for a request (the capture test's expectation): curl, fetch and the OpenAI clients
// send the body itself (Python's OpenAI client adds the model it requires); mechanex sends the bodies of the call
// mechanex-plan.ts chose (generate_vectors' for /steering/generate, sae.generate's for /sae/generate,
// create_behavior's for /behaviors/create); a client with no call for the route sends nothing.
import type { RequestObject } from '../../api/request-object.ts';
import { mechanexBehaviorBodies, mechanexBehaviorCall } from '../mechanex-behavior-create.ts';
import { mechanexBodies, mechanexPlan } from '../mechanex-plan.ts';
import { mechanexSaeBodies, mechanexSaeCall } from '../mechanex-sae-generate.ts';
import { mechanexCreateBodies, mechanexCreateCall } from '../mechanex-steering-create.ts';
import { routeOf } from '../request-parts.ts';
import type { SnippetOptions, SnippetTarget } from '../types.ts';

const openAiClient = (t: SnippetTarget) => t.id.endsWith('-openai');

/** Whether the target's client has no call for the request's route (it says so instead of sending anything). */
export function cannotCall(target: SnippetTarget, req: RequestObject): boolean {
  const route = routeOf(req);
  return openAiClient(target) && route !== 'chat' && route !== 'completions';
}

/** The bodies the target's code POSTs for the request, in order. */
export function expectedBodies(target: SnippetTarget, req: RequestObject, opts: SnippetOptions): unknown[] {
  const body = { ...req.body, ...(opts.customModel === undefined ? {} : { model: opts.customModel }) };
  if (cannotCall(target, req)) return [];
  if (target.id === 'python-openai' && !('model' in body)) return [{ model: 'default', ...body }];
  if (target.id !== 'python-mechanex') return [body];
  if (routeOf(req) === 'steering-generate') return mechanexCreateBodies(mechanexCreateCall(req, opts));
  if (routeOf(req) === 'sae-generate') return mechanexSaeBodies(mechanexSaeCall(req, opts));
  if (routeOf(req) === 'behaviors-create') return mechanexBehaviorBodies(mechanexBehaviorCall(req, opts));
  return mechanexBodies(mechanexPlan(req, opts));
}
