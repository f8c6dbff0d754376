// createApp(): the whole HTTP surface, testable without a port. URL space: the API at the contract's root paths
// (the route table in protocol/routes.ts), the relay under /upstream/*, the SPA at / and its static files;
// anything else is a JSON 404.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_BODY_BYTES } from '../protocol/limits.ts';
import { findRoute, isApiPath, methodsFor } from '../protocol/routes.ts';
import { requireKey } from './auth.ts';
import type { AppEnv, ServerDeps } from './context.ts';
import { StorageError } from './db.ts';
import { ApiError, respondError } from './errors.ts';
import { registerRoutes } from './register-routes.ts';
import { relayHandler } from './relay.ts';
import { logSafe, rawPath, requestLog } from './request-log.ts';
import { createHandlers } from './routes/handlers.ts';
import { registerNoAccounts } from './routes/models.ts';
import { securityHeaders } from './security-headers.ts';
import { registerStatic } from './static.ts';
import { urlGuard } from './url-guard.ts';

/** Whether a request needs the key: every API path (under the route table's prefixes) except keyless routes. */
function needsKey(method: string, path: string): boolean {
  if (!isApiPath(path)) return false;
  return findRoute(method, path)?.auth !== 'none';
}

export function createApp(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const log = deps.log ?? (() => {});

  app.use('*', requestLog(log));
  app.use('*', securityHeaders);
  app.use('*', urlGuard);
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        respondError(
          c,
          new ApiError(413, 'invalid_request_error', `The request body exceeds ${MAX_BODY_BYTES} bytes`, {
            code: 'payload_too_large',
            // the rest of the body is never read, so the connection cannot be reused
            headers: { Connection: 'close' },
          }),
        ),
    }),
  );
  const auth = requireKey(deps.key);
  app.use('*', async (c, next) => (needsKey(c.req.method, c.req.path) ? auth(c, next) : next()));

  registerRoutes(app, createHandlers(deps));
  registerNoAccounts(app);
  app.all('/upstream/*', relayHandler(deps.upstream, deps.key, deps.relayTimeouts));
  if (deps.staticRoot) registerStatic(app, deps.staticRoot, deps.bindHost, deps.key);

  app.notFound((c) => {
    const allowed = methodsFor(c.req.path);
    if (allowed.length) {
      return respondError(
        c,
        new ApiError(405, 'invalid_request_error', `${c.req.path} accepts ${allowed.join(', ')}, not ${c.req.method}`, {
          code: 'method_not_allowed',
          headers: { Allow: allowed.join(', ') },
        }),
      );
    }
    return respondError(c, new ApiError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}`));
  });
  app.onError((err, c) => {
    if (err instanceof StorageError) {
      log(`storage error on ${c.req.method} ${logSafe(rawPath(c.req.url))}: ${logSafe(err.message)}`);
      return respondError(c, new ApiError(503, 'server_error', err.message, { code: 'storage_unavailable' }));
    }
    log(`error on ${c.req.method} ${logSafe(rawPath(c.req.url))}: ${logSafe(err.message)}`);
    return respondError(c, new ApiError(500, 'server_error', 'Internal server error'));
  });
  return app;
}
