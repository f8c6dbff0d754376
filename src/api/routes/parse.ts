// Parsing a frame or an answer with its schema: JSON first, then the shape; either failure is a `problem` in words.
import type { z } from 'zod';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export function parseJsonWith<S extends z.ZodType>(schema: S, text: string): Parsed<z.infer<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: `not JSON (${(e as Error).message})` };
  }
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'the frame';
  return { ok: false, problem: `unexpected shape at ${where}: ${issue?.message ?? 'invalid'}` };
}
