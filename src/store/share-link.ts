// Share links carry the request form (never a key) in the URL fragment, which browsers never send to a server.
import { z } from 'zod';
import type { TargetKind } from '../api/request-object.ts';
import { type Draft, sanitizeDraft } from './draft.ts';

export interface Shared {
  draft: Draft;
  target: TargetKind;
  customBaseUrl?: string;
}

const PARAM = 'share=';

function toBase64Url(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): string {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

export function shareFragment(s: Shared): string {
  const { rawBody: _raw, ...draft } = s.draft;
  const payload = {
    v: 1,
    draft,
    target: s.target,
    ...(s.target === 'custom' ? { customBaseUrl: s.customBaseUrl } : {}),
  };
  return `#${PARAM}${toBase64Url(JSON.stringify(payload))}`;
}

/** Reads a share fragment; undefined when there is none or it cannot be read. */
const sharedSchema = z.object({
  v: z.literal(1),
  draft: z.unknown(),
  target: z.enum(['local', 'hosted', 'custom']).catch('local'),
  customBaseUrl: z.string().optional().catch(undefined),
});

/** Reads a share fragment; undefined when there is none or it cannot be read. */
export function readShareFragment(hash: string): Shared | undefined {
  const i = hash.indexOf(PARAM);
  if (i < 0) return undefined;
  try {
    const p = sharedSchema.safeParse(JSON.parse(fromBase64Url(hash.slice(i + PARAM.length))));
    if (!p.success) return undefined;
    return { draft: sanitizeDraft(p.data.draft), target: p.data.target, customBaseUrl: p.data.customBaseUrl };
  } catch {
    return undefined;
  }
}
