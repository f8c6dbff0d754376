// The one error type the API client throws: HTTP status, the server's message, and its error code/param.
import { anyErrorBodySchema } from '../../protocol/errors.ts';

export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code?: string;
  readonly param?: string | null;

  constructor(status: number, message: string, code?: string, param?: string | null) {
    super(message);
    this.status = status;
    this.code = code;
    this.param = param;
  }
}

/** The message of an error body in either client family's shape (OpenAI's error.message, FastAPI's detail). */
export function errorMessageOf(text: string): { message?: string; code?: string; param?: string | null } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {};
  }
  const r = anyErrorBodySchema.safeParse(raw);
  if (!r.success) return {};
  const b = r.data;
  const err = typeof b.error === 'object' ? b.error : undefined;
  const detail = Array.isArray(b.detail)
    ? b.detail.map((d) => `${(d.loc ?? []).slice(1).join('.')}: ${d.msg}`).join('; ')
    : b.detail;
  const message = err?.message ?? detail ?? (typeof b.error === 'string' ? b.error : undefined) ?? b.message;
  return { message, code: err?.code == null ? undefined : String(err.code), param: err?.param };
}

/** Reads an error response in either client family's shape (detail / error.message). */
export async function apiErrorFrom(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  const e = errorMessageOf(text);
  if (e.message) return new ApiError(res.status, e.message, e.code, e.param);
  return new ApiError(res.status, text.slice(0, 500) || `HTTP ${res.status} ${res.statusText}`);
}

/** Explains a fetch that failed before any response (network, CORS), in words. */
export function networkError(url: string, cause: unknown): ApiError {
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  const sameOrigin = typeof location !== 'undefined' && url.startsWith(location.origin);
  const message = sameOrigin
    ? `Could not reach the local server at ${host} (${String((cause as Error)?.message ?? cause)}). Is npm start still running?`
    : `The browser could not reach ${host}. If that server is up, it most likely does not allow cross-origin requests (CORS) from this page: enable CORS there, or use the Hosted target, which goes through the local server's relay.`;
  return new ApiError(0, message, 'network_error');
}
