// API keys per target, with a storage choice: memory (default), this tab (sessionStorage) or this device
// (localStorage). A stored key is bound to the origin it was saved for and is only ever read back for it.
import { z } from 'zod';
import { readVersioned, type Versioned, versionField } from './versioned.ts';

export type KeyStorage = 'memory' | 'session' | 'device';

const PREFIX = 'axplay.key.';

const storedKeySchema = z.object({ v: z.literal(2), origin: z.string().min(1), value: z.string() });
type StoredKey = z.infer<typeof storedKeySchema>;

/** Version 1 (the first slice) was `{origin, value}` without a number; version 2 adds `v`. */
const keyVersions: Versioned<typeof storedKeySchema> = {
  what: 'key',
  current: 2,
  versionOf: (raw) => versionField('v')(raw) ?? (typeof raw === 'object' && raw !== null ? 1 : undefined),
  steps: { 1: (old) => ({ ...(old as object), v: 2 }) },
  schema: storedKeySchema,
};

function area(kind: KeyStorage): Storage | undefined {
  if (kind === 'memory' || typeof window === 'undefined') return undefined;
  return kind === 'session' ? window.sessionStorage : window.localStorage;
}

export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/** Saves (or, for memory, removes from both storages) the key of a target, bound to the target's origin. */
export function saveKey(target: string, baseUrl: string, value: string, kind: KeyStorage): void {
  for (const k of ['session', 'device'] as const) area(k)?.removeItem(PREFIX + target);
  const s = area(kind);
  if (!s || !value) return;
  s.setItem(PREFIX + target, JSON.stringify({ v: 2, origin: originOf(baseUrl), value } satisfies StoredKey));
}

/** The stored key of a target, only if it was saved for the same origin; which storage held it. */
export function loadKey(target: string, baseUrl: string): { value: string; kind: KeyStorage } | undefined {
  for (const kind of ['session', 'device'] as const) {
    const raw = area(kind)?.getItem(PREFIX + target);
    if (!raw) continue;
    try {
      const k = readVersioned(keyVersions, JSON.parse(raw));
      if (k.origin === originOf(baseUrl)) return { value: k.value, kind };
    } catch {
      area(kind)?.removeItem(PREFIX + target);
    }
  }
  return undefined;
}
