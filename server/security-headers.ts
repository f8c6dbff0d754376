// Security headers on every response. The page (which carries the local key) gets a strict Content Security
// Policy: scripts only from this origin (no inline script, no eval), styles from this origin plus inline ones
// (Monaco injects its styles), workers from this origin, connections to this origin or the Custom target the user
// types (http/https), and it can never be framed. Every other response gets a policy that allows nothing.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' http: https:",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const OTHER_CSP = "default-src 'none'; frame-ancestors 'none'";

export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const h = c.res.headers;
  const html = (h.get('content-type') ?? '').startsWith('text/html');
  h.set('Content-Security-Policy', html ? PAGE_CSP : OTHER_CSP);
  h.set('X-Content-Type-Options', 'nosniff');
  h.set('X-Frame-Options', 'DENY');
  if (!h.has('Referrer-Policy')) h.set('Referrer-Policy', 'no-referrer');
};
