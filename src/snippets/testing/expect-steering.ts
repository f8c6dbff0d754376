// Checks that an executed curl or fetch snippet's request was steered as it asked: the server echoes what it applied
// (`axionic.steering` of an OpenAI answer or its last chunk, `steering` of a native result or its complete frame),
// and that must name the request's vector at its strength: the request-level fields, or the policy's steering block
// (strength 1 when either leaves it out). The SDK targets print only the text, so only curl and fetch are checked.
import { expect } from 'vitest';
import type { RequestObject } from '../../api/request-object.ts';
import { isObject, type JsonObject } from '../policy-shape.ts';
import { routeOf, streamsResponse } from '../request-parts.ts';
import type { SnippetTarget } from '../types.ts';
import { at, printedFrames } from './printed-answer.ts';

/** The vector and strength a body asks to steer with, or undefined when it names none. */
export function askedSteering(
  body: JsonObject,
): { vector_id: string | null; strength: number; inline?: boolean } | undefined {
  // an inline vector (a mix): applied as given, echoed without an id
  if (isObject(body.steering_vector))
    return {
      vector_id: null,
      inline: true,
      strength: typeof body.steering_strength === 'number' ? body.steering_strength : 1,
    };
  const block = isObject(body.policy) && isObject(body.policy.steering) ? body.policy.steering : undefined;
  const [id, strength] = block?.enabled
    ? [block.vector_id, block.strength]
    : [body.steering_vector_id, body.steering_strength];
  if (typeof id !== 'string' || id === '') return undefined;
  return { vector_id: id, strength: typeof strength === 'number' ? strength : 1 };
}

/** The steering the server echoed, read out of what curl or fetch printed. */
export function printedSteering(target: SnippetTarget, req: RequestObject, stdout: string): unknown {
  const answer = streamsResponse(req) ? printedFrames(target, stdout).at(-1) : JSON.parse(stdout);
  const route = routeOf(req);
  if (route === 'chat' || route === 'completions') return at(answer, 'axionic', 'steering');
  return streamsResponse(req) ? at(answer, 'result', 'steering') : at(answer, 'steering');
}

export function expectSteered(target: SnippetTarget, req: RequestObject, stdout: string, where: string): void {
  const asked = askedSteering(req.body ?? {});
  if (!asked || (target.id !== 'curl' && target.id !== 'javascript-fetch')) return;
  expect(printedSteering(target, req, stdout), where).toMatchObject(asked);
}
