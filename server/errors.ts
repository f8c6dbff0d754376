// One error shape for every route (FastAPI's `detail` + OpenAI's `error`), and helpers to answer with it.
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import type { ErrorBody, ErrorType, ValidationIssue } from '../protocol/errors.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly type: ErrorType;
  readonly code: string;
  readonly param: string | null;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    type: ErrorType,
    message: string,
    opts: { code?: string; param?: string | null; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = opts.code ?? type;
    this.param = opts.param ?? null;
    this.headers = opts.headers ?? {};
  }
}

export function errorBody(e: ApiError): ErrorBody {
  return { detail: e.message, error: { message: e.message, type: e.type, code: e.code, param: e.param } };
}

export function respondError(c: Context, e: ApiError): Response {
  for (const [k, v] of Object.entries(e.headers)) c.header(k, v);
  return c.json(errorBody(e), e.status as 400);
}

/** A FastAPI-style 422 listing each bad field. */
export function validationResponse(c: Context, err: ZodError, where: 'body' | 'query' = 'body'): Response {
  const detail: ValidationIssue[] = err.issues.map((i) => ({
    loc: [where, ...i.path.map((p) => (typeof p === 'number' ? p : String(p)))],
    msg: i.message,
    type: i.code,
  }));
  const first = detail[0];
  const param = first ? first.loc.slice(1).join('.') : null;
  const message = detail.map((d) => `${d.loc.slice(1).join('.') || where}: ${d.msg}`).join('; ');
  const body: ErrorBody = {
    detail,
    error: { message, type: 'validation_error', code: 'validation_error', param: param || null },
  };
  return c.json(body, 422);
}

export const notFound = (what: string) => new ApiError(404, 'not_found', what);
export const unsupported = (param: string, message: string) =>
  new ApiError(400, 'invalid_request_error', message, { code: 'unsupported_parameter', param });
