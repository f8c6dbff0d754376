// The choices that outlive a reload besides the draft: theme, target and the Custom base URL (never a key),
// versioned like the rest of the saved data.
import { z } from 'zod';
import { readVersioned, type Versioned, versionField } from './versioned.ts';

export interface Prefs {
  theme?: 'light' | 'dark';
  target?: 'local' | 'hosted' | 'custom';
  customBaseUrl?: string;
}

const KEY = 'axplay.prefs';
const schema = z.object({
  v: z.literal(1),
  theme: z.enum(['light', 'dark']).optional().catch(undefined),
  target: z.enum(['local', 'hosted', 'custom']).optional().catch(undefined),
  customBaseUrl: z.string().max(2000).optional().catch(undefined),
});
const versions: Versioned<typeof schema> = {
  what: 'settings',
  current: 1,
  versionOf: versionField('v'),
  steps: {},
  schema,
};

export function loadPrefs(): Prefs {
  if (typeof localStorage === 'undefined') return {};
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return {};
    const { v: _v, ...p } = readVersioned(versions, JSON.parse(raw));
    return p;
  } catch {
    return {};
  }
}

export function savePrefs(p: Prefs): void {
  if (typeof localStorage === 'undefined') return;
  try {
    localStorage.setItem(KEY, JSON.stringify({ v: 1, ...p }));
  } catch {
    // storage full or disabled: the choices last until reload
  }
}
