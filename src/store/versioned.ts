// Saved data in browser storage (history, drafts, share links, stored keys) carries a version. Reading migrates an
// older version step by step to the current one, then parses it with the current schema; a version from the
// future, or data that fits no schema, is an error the caller turns into a notice — never a crash.
import { z } from 'zod';

export interface Versioned<S extends z.ZodType> {
  /** What the data is, for messages ("history", "draft"…). */
  readonly what: string;
  readonly current: number;
  /** The version of a raw value (undefined when it has none that can be read). */
  versionOf(raw: unknown): number | undefined;
  /** One step per old version: from version k to k + 1. */
  readonly steps: Readonly<Record<number, (old: unknown) => unknown>>;
  readonly schema: S;
}

export class SavedDataError extends Error {
  override name = 'SavedDataError';
}

export function readVersioned<S extends z.ZodType>(v: Versioned<S>, raw: unknown): z.infer<S> {
  let cur = raw;
  let version = v.versionOf(cur);
  if (version === undefined) throw new SavedDataError(`the saved ${v.what} has no version`);
  if (version > v.current)
    throw new SavedDataError(`the saved ${v.what} is from a newer version of axplay (${version} > ${v.current})`);
  while (version < v.current) {
    const step = v.steps[version];
    if (!step) throw new SavedDataError(`the saved ${v.what} has version ${version}, which cannot be migrated`);
    try {
      cur = step(cur);
    } catch (e) {
      throw new SavedDataError(`the saved ${v.what} (version ${version}) could not be migrated: ${shortReason(e)}`);
    }
    version++;
  }
  const r = v.schema.safeParse(cur);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new SavedDataError(
      `the saved ${v.what} does not have the expected shape (${issue?.path.join('.') || 'top'}: ${issue?.message})`,
    );
  }
  return r.data;
}

function shortReason(e: unknown): string {
  if (e instanceof z.ZodError) {
    const i = e.issues[0];
    return `${i?.path.join('.') || 'top'}: ${i?.message ?? 'invalid'}`;
  }
  return (e as Error).message;
}

/** The `version` (or `v`) number field of an object, if any. */
export function versionField(key: 'version' | 'v') {
  return (raw: unknown): number | undefined => {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const n = (raw as Record<string, unknown>)[key];
    return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
  };
}
