// API-key authentication (`x-api-key: ax_…` or `Authorization: Bearer ax_…`) and the loopback checks used by the
// key hand-over and the relay. The key is compared in constant time and never logged.
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { ApiError, respondError } from './errors.ts';

export function presentedKey(headers: Headers): string | undefined {
  const x = headers.get('x-api-key');
  if (x) return x.trim();
  const auth = headers.get('authorization');
  const m = auth ? /^Bearer\s+(.+)$/i.exec(auth.trim()) : null;
  return m?.[1]?.trim();
}

export function sameKey(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function requireKey(localKey: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = presentedKey(c.req.raw.headers);
    if (!key) {
      return respondError(
        c,
        new ApiError(401, 'authentication_error', 'Missing API key: send it as x-api-key or Authorization: Bearer', {
          code: 'missing_api_key',
        }),
      );
    }
    if (!sameKey(key, localKey))
      return respondError(c, new ApiError(401, 'authentication_error', 'Invalid API key', { code: 'invalid_api_key' }));
    c.set('apiKey', key);
    await next();
  };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True when a Host header names a loopback host (any port). */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
  return LOOPBACK_HOSTS.has(name.toLowerCase());
}

/** True when the server binds a loopback address. */
export function isLoopbackBind(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || /^127\./.test(host);
}
