// The error vocabulary shared by the server and the browser client. Every error body carries both FastAPI's
// `detail` (what mechanex reads) and OpenAI's `error` object (what OpenAI SDKs read).
import { z } from 'zod';

export const errorTypes = [
  'invalid_request_error',
  'authentication_error',
  'permission_denied',
  'not_found',
  'validation_error',
  'rate_limit_exceeded',
  'server_error',
  'overloaded',
  'not_implemented',
] as const;
export type ErrorType = (typeof errorTypes)[number];

export const validationIssueSchema = z.object({
  loc: z.array(z.union([z.string(), z.number()])),
  msg: z.string(),
  type: z.string(),
});
export type ValidationIssue = z.infer<typeof validationIssueSchema>;

/** The body of every error this server sends. */
export const errorBodySchema = z.object({
  detail: z.union([z.string(), z.array(validationIssueSchema)]),
  error: z.object({
    message: z.string(),
    type: z.string(),
    code: z.string().nullable(),
    param: z.string().nullable(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * What a client accepts as an error body from any server of this kind: FastAPI's `detail` (a string or a list of
 * issues), OpenAI's `error` (an object, or a bare string on some servers), or a plain `message`.
 */
export const anyErrorBodySchema = z.object({
  detail: z
    .union([
      z.string(),
      z.array(z.object({ loc: z.array(z.union([z.string(), z.number()])).optional(), msg: z.string() })),
    ])
    .optional(),
  error: z
    .union([
      z.string(),
      z.object({
        message: z.string().optional(),
        type: z.string().nullish(),
        code: z.union([z.string(), z.number()]).nullish(),
        param: z.string().nullish(),
      }),
    ])
    .optional(),
  message: z.string().optional(),
});
export type AnyErrorBody = z.infer<typeof anyErrorBodySchema>;
