// The vector ids used recently on a target where the list cannot be read (hosted: behind a login), offered as
// suggestions in the free-text picker. Kept in this browser only; never a key.
import { z } from 'zod';

const KEY = 'axplay.steering.recent';
export const MAX_RECENT = 8;
const schema = z.array(z.string().min(1).max(200)).max(50);

export function loadRecentIds(): string[] {
  try {
    const r = schema.safeParse(JSON.parse(localStorage.getItem(KEY) ?? '[]'));
    return r.success ? r.data.slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

/** Puts `id` first (once), keeping the newest MAX_RECENT; returns the new list. */
export function rememberId(id: string, list = loadRecentIds()): string[] {
  const v = id.trim();
  if (!v) return list;
  const next = [v, ...list.filter((x) => x !== v)].slice(0, MAX_RECENT);
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // storage full or disabled: the suggestions last until reload
  }
  return next;
}
