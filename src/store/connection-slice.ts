// Where requests go and with which key. Keys are kept per target; the local key comes from the page bootstrap.
import { z } from 'zod';
import type { StateCreator } from 'zustand';
import { HOSTED_BASE_URL } from '../api/build-request.ts';
import type { TargetKind } from '../api/request-object.ts';
import { type KeyStorage, loadKey, saveKey } from './key-storage.ts';
import type { AppState } from './store.ts';

export interface ConnectionSlice {
  target: TargetKind;
  customBaseUrl: string;
  keys: Record<TargetKind, string>;
  keyStorage: Record<TargetKind, KeyStorage>;
  theme: 'light' | 'dark';
  setTarget(t: TargetKind): void;
  setCustomBaseUrl(url: string): void;
  setKey(t: TargetKind, key: string): void;
  setKeyStorage(t: TargetKind, kind: KeyStorage): void;
  setTheme(theme: 'light' | 'dark'): void;
}

export function pageOrigin(): string {
  return typeof location === 'undefined' ? 'http://127.0.0.1:8420' : location.origin;
}

export function baseUrlOf(s: Pick<ConnectionSlice, 'target' | 'customBaseUrl'>): string {
  if (s.target === 'hosted') return HOSTED_BASE_URL;
  if (s.target === 'custom') return s.customBaseUrl.replace(/\/+$/, '');
  return pageOrigin();
}

function bootstrapKey(): string {
  if (typeof document === 'undefined') return '';
  try {
    const el = document.getElementById('axplay-bootstrap');
    const boot = z.object({ localKey: z.string().optional() }).safeParse(JSON.parse(el?.textContent ?? '{}'));
    return boot.success ? (boot.data.localKey ?? '') : '';
  } catch {
    return '';
  }
}

export const createConnectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set, get) => {
  const hosted = loadKey('hosted', HOSTED_BASE_URL);
  return {
    target: 'local',
    customBaseUrl: 'http://127.0.0.1:8000',
    keys: {
      local: bootstrapKey() || (loadKey('local', pageOrigin())?.value ?? ''),
      hosted: hosted?.value ?? '',
      custom: '',
    },
    keyStorage: { local: 'memory', hosted: hosted?.kind ?? 'memory', custom: 'memory' },
    theme: typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
    setTarget(t) {
      set({ target: t });
      if (t === 'custom') {
        const k = loadKey('custom', get().customBaseUrl);
        if (k) set((s) => ({ keys: { ...s.keys, custom: k.value }, keyStorage: { ...s.keyStorage, custom: k.kind } }));
      }
    },
    setCustomBaseUrl(url) {
      // a key typed for one custom host is never sent to another: changing the URL clears it
      const k = loadKey('custom', url);
      set((s) => ({
        customBaseUrl: url,
        keys: { ...s.keys, custom: k?.value ?? '' },
        keyStorage: { ...s.keyStorage, custom: k?.kind ?? 'memory' },
      }));
    },
    setKey(t, key) {
      set((s) => ({ keys: { ...s.keys, [t]: key } }));
      const s = get();
      saveKey(t, baseUrlOf({ ...s, target: t }), key, s.keyStorage[t]);
    },
    setKeyStorage(t, kind) {
      set((s) => ({ keyStorage: { ...s.keyStorage, [t]: kind } }));
      const s = get();
      saveKey(t, baseUrlOf({ ...s, target: t }), s.keys[t], kind);
    },
    setTheme(theme) {
      set({ theme });
    },
  };
};
