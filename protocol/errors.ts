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
