// createApp(): the whole HTTP surface, testable without a port. URL space: the API at the contract's root paths,
// the relay under /upstream/*, the SPA at / and its static files; anything else is a JSON 404.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_BODY_BYTES } from '../protocol/limits.ts';
import { requireKey } from './auth.ts';
import type { AppEnv, ServerDeps } from './context.ts';
import { ApiError, respondError } from './errors.ts';
import { relayHandler } from './relay.ts';
import { registerChatRoutes } from './routes/chat.ts';
import { registerCompletionRoutes } from './routes/completions.ts';
import { registerGenerateRoutes } from './routes/generate.ts';
import { registerModelRoutes } from './routes/models.ts';
import { registerNotYetRoutes } from './routes/not-yet.ts';
import { registerStatic } from './static.ts';

const API_PREFIXES = [
  '/v1/',
  '/models',
  '/generate',
  '/graph',
  '/auth/',
  '/sampling/',
  '/sae/',
  '/steering/',
  '/behaviors',
  '/policies',
];

export function isApiPath(path: string): boolean {
  return API_PREFIXES.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p || path.startsWith(`${p}/`)));
}

export function createApp(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const log = deps.log ?? (() => {});

  // request log: method, path (never the query or headers, so never a key), status, duration
  app.use('*', async (c, next) => {
    const t0 = performance.now();
    await next();
    log(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - t0).toFixed(0)}ms`);
  });
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
  app.use('*', async (c, next) =>
    isApiPath(c.req.path) && !(c.req.method === 'GET' && c.req.path === '/health') ? auth(c, next) : next(),
  );

  registerModelRoutes(app, deps);
  registerChatRoutes(app, deps);
  registerCompletionRoutes(app, deps);
  registerGenerateRoutes(app, deps);
  registerNotYetRoutes(app);
  app.all('/upstream/*', relayHandler(deps.upstream, deps.key));
  if (deps.staticRoot) registerStatic(app, deps.staticRoot, deps.bindHost, deps.key);

  app.notFound((c) => respondError(c, new ApiError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}`)));
  app.onError((err, c) => {
    log(`error on ${c.req.method} ${c.req.path}: ${err.message}`);
    return respondError(c, new ApiError(500, 'server_error', 'Internal server error'));
  });
  return app;
}
