// Reads and validates a JSON request body: 400 for JSON that does not parse, 422 (FastAPI-style list) for
// fields that fail the protocol schema, 400 unsupported_parameter for fields of features not built yet.
import type { Context } from 'hono';
import type { z } from 'zod';
import { laterFields, unsupportedField } from '../protocol/sampling.ts';
import { ApiError, respondError, unsupported, validationResponse } from './errors.ts';

export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S> | Response> {
  let raw: unknown;
  try {
    const text = await c.req.text();
    raw = JSON.parse(text);
  } catch (e) {
    return respondError(
      c,
      new ApiError(400, 'invalid_request_error', `The request body is not valid JSON: ${(e as Error).message}`, {
        code: 'invalid_json',
      }),
    );
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return respondError(
      c,
      new ApiError(400, 'invalid_request_error', 'The request body must be a JSON object', { code: 'invalid_json' }),
    );
  }
  // fields of later features, unless this route's own schema defines them (then the schema validates them)
  const own = laterFieldsOwnedBy(schema);
  const later = unsupportedField(raw as Record<string, unknown>, own);
  if (later) {
    return respondError(
      c,
      unsupported(
        later,
        `"${later}" is not supported by the local runtime yet (accepted only when null, empty or at its default)`,
      ),
    );
  }
  const r = schema.safeParse(raw);
  if (!r.success) return validationResponse(c, r.error);
  return r.data;
}

/** The later-feature fields this schema defines itself (with its own schema, not the shared placeholder). */
function laterFieldsOwnedBy(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  if (!shape || typeof shape !== 'object') return [];
  return Object.keys(laterFields).filter((k) => k in shape && shape[k] !== laterFields[k as keyof typeof laterFields]);
}
