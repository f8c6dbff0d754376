// The same-origin relay to the hosted API: /upstream/<path> → AXPLAY_UPSTREAM/<path>, for allowlisted API paths
// only, streaming both ways without buffering. It requires the local key in `x-axplay-key` (stripped before
// forwarding) and a loopback Host, so no other page or host can use it as a proxy; the browser can never pick
// the upstream host. The allowlist is read from the route table. The upstream key (x-api-key / Authorization) passes through unchanged and is never logged.
import type { Context } from 'hono';
import { findRoute, pathPattern, ROUTES } from '../protocol/routes.ts';
import { isLoopbackHostHeader, sameKey } from './auth.ts';
import { ApiError, respondError } from './errors.ts';
import { watchIdle } from './relay-stall.ts';

/** The API paths the relay forwards: the route table's routes marked `relay` (any method the upstream accepts). */
const ALLOWED = ROUTES.filter((r) => r.relay).map((r) => pathPattern(r.path));

const DROP_REQUEST = new Set([
  'host',
  'x-axplay-key',
  'cookie',
  'origin',
  'referer',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-authorization',
  'proxy-connection',
  'content-length',
  'accept-encoding',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
]);
const DROP_RESPONSE = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-encoding',
  'content-length',
  'set-cookie',
]);

export function isRelayable(path: string): boolean {
  return ALLOWED.some((re) => re.test(path)) && !path.split('/').some((seg) => seg === '..' || seg === '.');
}

export interface RelayTimeouts {
  /** Until the upstream's response headers arrive. */
  readonly connectMs: number;
  /** Longest silence in the upstream's response body. */
  readonly idleMs: number;
}

export const DEFAULT_RELAY_TIMEOUTS: RelayTimeouts = { connectMs: 15_000, idleMs: 60_000 };

export function relayHandler(upstream: string, localKey: string, timeouts: RelayTimeouts = DEFAULT_RELAY_TIMEOUTS) {
  const base = new URL(upstream);
  return async (c: Context): Promise<Response> => {
    if (!isLoopbackHostHeader(c.req.header('host'))) {
      return respondError(
        c,
        new ApiError(403, 'permission_denied', 'The relay only serves requests addressed to 127.0.0.1 or localhost', {
          code: 'relay_forbidden_host',
        }),
      );
    }
    const k = c.req.header('x-axplay-key');
    if (!k || !sameKey(k, localKey)) {
      return respondError(
        c,
        new ApiError(401, 'authentication_error', 'The relay needs the local key in x-axplay-key', {
          code: 'relay_key_required',
        }),
      );
    }
    const path = c.req.path.slice('/upstream'.length);
    if (!isRelayable(path)) {
      return respondError(
        c,
        new ApiError(
          404,
          'not_found',
          `The relay does not forward ${path || '/'}: only the Axionic API paths are allowed`,
          { code: 'relay_path_not_allowed' },
        ),
      );
    }
    const target = new URL(base.pathname.replace(/\/$/, '') + path + new URL(c.req.url).search, base.origin);
    if (target.origin !== base.origin) {
      return respondError(
        c,
        new ApiError(400, 'invalid_request_error', 'The relay only reaches its configured upstream', {
          code: 'relay_bad_target',
        }),
      );
    }
    const headers = new Headers();
    c.req.raw.headers.forEach((v, name) => {
      if (!DROP_REQUEST.has(name.toLowerCase())) headers.set(name, v);
    });
    headers.set('accept-encoding', 'identity');
    const method = c.req.method;
    // one controller for the whole exchange: the client going away, the connect timeout or a stalled body ends it
    const ac = new AbortController();
    const clientGone = () => ac.abort();
    c.req.raw.signal.addEventListener('abort', clientGone, { once: true });
    let connectTimedOut = false;
    const connectTimer = setTimeout(() => {
      connectTimedOut = true;
      ac.abort();
    }, timeouts.connectMs);
    let res: Response;
    try {
      // undici needs `duplex` for a streamed request body
      const init: RequestInit & { duplex: 'half' } = {
        method,
        headers,
        body: method === 'GET' || method === 'HEAD' ? undefined : c.req.raw.body,
        signal: ac.signal,
        redirect: 'manual',
        duplex: 'half',
      };
      res = await fetch(target, init);
    } catch (e) {
      if (c.req.raw.signal.aborted) return new Response(null, { status: 499 });
      if (connectTimedOut) {
        return respondError(
          c,
          new ApiError(
            504,
            'server_error',
            `The upstream ${base.origin} did not answer within ${timeouts.connectMs / 1000} s`,
            { code: 'upstream_timeout' },
          ),
        );
      }
      return respondError(
        c,
        new ApiError(502, 'server_error', `The upstream ${base.origin} could not be reached: ${(e as Error).message}`, {
          code: 'upstream_unreachable',
        }),
      );
    } finally {
      clearTimeout(connectTimer);
    }
    const out = new Headers();
    res.headers.forEach((v, name) => {
      if (!DROP_RESPONSE.has(name.toLowerCase())) out.set(name, v);
    });
    out.set('x-axplay-relay', base.origin);
    const body = res.body
      ? watchIdle(res.body, {
          idleMs: timeouts.idleMs,
          sse: (res.headers.get('content-type') ?? '').includes('text/event-stream'),
          kind: findRoute(method, path)?.stream ?? 'none',
          message: `The upstream ${base.origin} sent nothing for ${timeouts.idleMs / 1000} s; the relay ended the stream`,
          onStall: () => ac.abort(),
        })
      : null;
    return new Response(body, { status: res.status, statusText: res.statusText, headers: out });
  };
}
