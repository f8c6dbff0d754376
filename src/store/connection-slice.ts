// Where requests go and with which key. Keys are kept per target; the local key comes from the page bootstrap.
import { z } from 'zod';
import type { StateCreator } from 'zustand';
import { HOSTED_BASE_URL } from '../api/build-request.ts';
import type { TargetKind } from '../api/request-object.ts';
import { type KeyStorage, loadKey, originOf, saveKey } from './key-storage.ts';
import { loadPrefs, savePrefs } from './prefs.ts';
import type { AppState } from './store.ts';

/** What the last call to a target showed (the connection status follows it). */
export interface LastCall {
  readonly target: TargetKind;
  readonly ok: boolean;
  readonly message?: string;
}

export interface ConnectionSlice {
  lastCall?: LastCall;
  recordCall(c: LastCall): void;
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

/** A Custom base URL as the API's base: with or without a trailing `/v1` (OpenAI clients' habit), no trailing slash. */
export function normalizeBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').replace(/\/v1$/, '');
}

/** Why a Custom base URL cannot be used, in words; undefined when it can. */
export function baseUrlProblem(url: string): string | undefined {
  const t = url.trim();
  if (!t) return 'Base URL is empty: type the server’s address, e.g. http://127.0.0.1:8000';
  if (!/^https?:\/\//i.test(t)) return 'Base URL needs http:// or https:// in front';
  try {
    new URL(t);
  } catch {
    return 'Base URL is not a valid address';
  }
  return undefined;
}

export function baseUrlOf(s: Pick<ConnectionSlice, 'target' | 'customBaseUrl'>): string {
  if (s.target === 'hosted') return HOSTED_BASE_URL;
  if (s.target === 'custom') return normalizeBaseUrl(s.customBaseUrl);
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
  const prefs = loadPrefs();
  const remember = () => {
    const s = get();
    savePrefs({ theme: s.theme, target: s.target, customBaseUrl: s.customBaseUrl });
  };
  const customBaseUrl = prefs.customBaseUrl ?? 'http://127.0.0.1:8000';
  const custom = prefs.target === 'custom' ? loadKey('custom', normalizeBaseUrl(customBaseUrl)) : undefined;
  return {
    lastCall: undefined,
    recordCall: (c) => set({ lastCall: c }),
    target: prefs.target ?? 'local',
    customBaseUrl,
    keys: {
      local: bootstrapKey() || (loadKey('local', pageOrigin())?.value ?? ''),
      hosted: hosted?.value ?? '',
      custom: custom?.value ?? '',
    },
    keyStorage: { local: 'memory', hosted: hosted?.kind ?? 'memory', custom: custom?.kind ?? 'memory' },
    theme:
      prefs.theme ??
      (typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'),
    setTarget(t) {
      set({ target: t, lastCall: undefined });
      if (t === 'custom') {
        const k = loadKey('custom', normalizeBaseUrl(get().customBaseUrl));
        if (k) set((s) => ({ keys: { ...s.keys, custom: k.value }, keyStorage: { ...s.keyStorage, custom: k.kind } }));
      }
      remember();
    },
    setCustomBaseUrl(url) {
      // a key typed for one custom host is never sent to another: a URL of another origin clears it
      const k = loadKey('custom', normalizeBaseUrl(url));
      set((s) => ({
        customBaseUrl: url,
        lastCall: undefined,
        keys: {
          ...s.keys,
          custom:
            k?.value ??
            (originOf(normalizeBaseUrl(url)) === originOf(normalizeBaseUrl(s.customBaseUrl)) ? s.keys.custom : ''),
        },
        keyStorage: { ...s.keyStorage, custom: k?.kind ?? 'memory' },
      }));
      remember();
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
      remember();
    },
  };
};
