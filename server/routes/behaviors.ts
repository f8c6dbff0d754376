// The /behaviors routes: the list (the contract's `{behaviors: [...]}`, or a bare array with ?format=list — an
// extension for other clients; mechanex 1.0.x never sends it and cannot read the contract's shape), create
// (server/behaviors/create.ts), rename and delete. Built-ins are read-only: renaming or deleting one is a 400.
import type { Context } from 'hono';
import { createBehavior } from '../behaviors/create.ts';
import { behaviorItem } from '../behaviors/item.ts';
import { nameInUse } from '../behaviors/plan.ts';
import { behaviorNameTaken, findBehaviorById, isBuiltInBehavior, listBehaviors } from '../behaviors/resolve.ts';
import { DuplicateBehaviorError } from '../behaviors/store.ts';
import type { AppEnv, ServerDeps } from '../context.ts';
import { ApiError, respondError } from '../errors.ts';
import { generationRouteError } from '../openai-stream.ts';
import type { Handlers } from '../register-routes.ts';
import { resolveModel } from './models.ts';

type BehaviorRoutes = 'behaviors.list' | 'behaviors.create' | 'behaviors.rename' | 'behaviors.delete';

const readOnly = (id: string) =>
  new ApiError(
    400,
    'invalid_request_error',
    `behavior_id: '${id}' is a built-in behavior of the model: built-ins are read-only (make your own with POST /behaviors/create)`,
    { code: 'read_only', param: 'behavior_id' },
  );

const unknown = (id: string) =>
  new ApiError(404, 'not_found', `behavior_id: no behavior with id '${id}' (GET /behaviors lists them)`, {
    param: 'behavior_id',
  });

/** The user behavior a path names (404 unknown, 400 built-in). */
function userBehavior(deps: ServerDeps, c: Context<AppEnv>) {
  const id = c.req.param('behavior_id') ?? '';
  if (isBuiltInBehavior(deps, id)) throw readOnly(id);
  const b = findBehaviorById(deps, id);
  if (!b) throw unknown(id);
  return b;
}

/** Answers an ApiError as its error body; anything else propagates. */
function answering(c: Context<AppEnv>, f: () => Response): Response {
  try {
    return f();
  } catch (e) {
    if (e instanceof ApiError) return respondError(c, e);
    throw e;
  }
}

export function behaviorHandlers(deps: ServerDeps): Pick<Handlers, BehaviorRoutes> {
  return {
    'behaviors.list': (c) =>
      answering(c, () => {
        const format = c.req.query('format');
        if (format !== undefined && format !== 'list')
          throw new ApiError(
            400,
            'invalid_request_error',
            `format: 'list' answers a bare array; leave it out for {"behaviors": [...]} (got '${format}')`,
            { code: 'invalid_value', param: 'format' },
          );
        const items = listBehaviors(deps).map((b) => behaviorItem(deps, b));
        return c.json(format === 'list' ? items : { behaviors: items });
      }),
    'behaviors.create': async (c, body) => {
      try {
        const model = resolveModel(deps, body.model, c.get('apiKey'));
        return c.json(await createBehavior(deps, body, model, c.req.raw.signal));
      } catch (e) {
        return generationRouteError(c, e);
      }
    },
    'behaviors.rename': (c, body) =>
      answering(c, () => {
        const b = userBehavior(deps, c);
        const name = body.behavior_name;
        if (name.trim() === '')
          throw new ApiError(400, 'invalid_request_error', 'behavior_name: give the behavior a name', {
            code: 'invalid_value',
            param: 'behavior_name',
          });
        if (name !== b.name) {
          if (behaviorNameTaken(deps, name)) throw nameInUse(name);
          try {
            deps.store.behaviors.rename(b.id, name);
          } catch (e) {
            if (e instanceof DuplicateBehaviorError) throw nameInUse(name);
            throw e;
          }
        }
        const renamed = findBehaviorById(deps, b.id);
        if (!renamed) throw unknown(b.id);
        return c.json(behaviorItem(deps, renamed));
      }),
    'behaviors.delete': (c) =>
      answering(c, () => {
        const b = userBehavior(deps, c);
        if (!deps.store.behaviors.delete(b.id)) throw unknown(b.id);
        return c.json({ deleted: true, behavior_id: b.id });
      }),
  };
}
