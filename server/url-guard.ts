// A URL whose path is not valid percent-encoding (a lone `%`, `%zz`, bytes that are not UTF-8) is answered 400
// with the documented error body before anything tries to decode it.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { ApiError, respondError } from './errors.ts';
import { rawPath } from './request-log.ts';

export function isWellEncoded(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export const urlGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (isWellEncoded(rawPath(c.req.url))) return next();
  return respondError(
    c,
    new ApiError(400, 'invalid_request_error', 'The URL path is not valid percent-encoding (UTF-8 after %XX)', {
      code: 'malformed_url',
    }),
  );
};
