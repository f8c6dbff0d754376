// Mounts the route table on the app: each live route's body is parsed with its protocol schema before its
// handler runs (400 for JSON that does not parse, 422 naming each bad field, 400 unsupported_parameter for fields
// of features not built yet); each planned route answers 501. A live route without a handler does not compile.
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import { honoPath, type LiveRouteId, ROUTES, type RouteById, type RouteSpec } from '../protocol/routes.ts';
import { parseBody } from './body.ts';
import type { AppEnv } from './context.ts';
import { ApiError, respondError } from './errors.ts';

export type BodyOf<Id extends LiveRouteId> =
  RouteById<Id> extends { request: infer S extends z.ZodType } ? z.infer<S> : undefined;

export type Handler<Id extends LiveRouteId> = (c: Context<AppEnv>, body: BodyOf<Id>) => Response | Promise<Response>;

export type Handlers = { readonly [Id in LiveRouteId]: Handler<Id> };

function notYet(r: RouteSpec) {
  return (c: Context<AppEnv>) =>
    respondError(
      c,
      new ApiError(501, 'not_implemented', `${c.req.path}: ${r.feature} is not available on the local runtime yet`, {
        code: 'not_implemented',
      }),
    );
}

export function registerRoutes(app: Hono<AppEnv>, handlers: Handlers, routes: readonly RouteSpec[] = ROUTES): void {
  for (const r of routes) {
    const path = honoPath(r.path);
    if (r.local === 'planned') {
      app.on(r.method, path, notYet(r));
      continue;
    }
    const handler = (handlers as Record<string, Handler<LiveRouteId>>)[r.id];
    if (!handler) throw new Error(`no handler for the live route ${r.id}`);
    const schema = r.request;
    app.on(r.method, path, async (c) => {
      if (!schema) return handler(c, undefined as never);
      const body = await parseBody(c, schema);
      if (body instanceof Response) return body;
      return handler(c, body as never);
    });
  }
}
