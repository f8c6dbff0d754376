// The request log: method, path (as it came, percent-encoded, with control characters escaped, so a URL cannot
// forge a log line), status and duration — never the query or headers, so never a key. A client that went away
// before its answer is logged as 499 "client closed", not as a server error.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

/** The path of a request URL exactly as sent (still percent-encoded), without the query. */
export function rawPath(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const end = url.search(/[?#]/);
  return url.slice(start, end < 0 ? undefined : end);
}

/** A string safe to print on one log line: control characters, backslashes and non-ASCII as escapes. */
export function logSafe(s: string, max = 300): string {
  const escaped = s.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    /[\u0000-\u001f\u007f-\uffff\\]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}

export function requestLog(log: (line: string) => void): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const t0 = performance.now();
    await next();
    const status = c.res.status;
    const note = status === 499 ? ' client closed' : '';
    log(`${c.req.method} ${logSafe(rawPath(c.req.url))} ${status}${note} ${(performance.now() - t0).toFixed(0)}ms`);
  };
}
