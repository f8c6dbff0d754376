// Share links carry the request form (never a key) in the URL fragment, which browsers never send to a server.
import { z } from 'zod';
import type { TargetKind } from '../api/request-object.ts';
import { type Draft, sanitizeDraft } from './draft.ts';
import { readVersioned, type Versioned, versionField } from './versioned.ts';

export interface Shared {
  draft: Draft;
  target: TargetKind;
  customBaseUrl?: string;
}

const PARAM = 'share=';
const SHARE_VERSION = 1;

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

/** The guide as shared: the chosen editor's text only, and no saved policy's id (it names a policy of this
 * server and key, meaningless to whoever opens the link). */
function sharedGuide(g: Draft['guide']): Draft['guide'] {
  const texts = { json_schema: '', regex: '', grammar: '', policy: '' };
  if (g.kind !== 'none') texts[g.kind] = g.texts[g.kind];
  return { kind: g.kind, transport: g.transport, texts };
}

export function shareFragment(s: Shared): string {
  const { rawBody: _raw, ...rest } = s.draft;
  // a mix's floats are downloaded again where the link is opened (they would swell the link)
  const { floats: _floats, ...steering } = rest.steering;
  const draft = { ...rest, guide: sharedGuide(rest.guide), steering };
  const payload = {
    v: SHARE_VERSION,
    draft,
    target: s.target,
    ...(s.target === 'custom' ? { customBaseUrl: s.customBaseUrl } : {}),
  };
  return `#${PARAM}${toBase64Url(JSON.stringify(payload))}`;
}

const sharedSchema = z.object({
  v: z.literal(SHARE_VERSION),
  draft: z.unknown(),
  target: z.enum(['local', 'hosted', 'custom']).catch('local'),
  customBaseUrl: z.string().optional().catch(undefined),
});

const shareVersions: Versioned<typeof sharedSchema> = {
  what: 'share link',
  current: SHARE_VERSION,
  versionOf: versionField('v'),
  steps: {},
  schema: sharedSchema,
};

/** Reads a share fragment; undefined when there is none or it cannot be read. */
export function readShareFragment(hash: string): Shared | undefined {
  const i = hash.indexOf(PARAM);
  if (i < 0) return undefined;
  try {
    const p = readVersioned(shareVersions, JSON.parse(fromBase64Url(hash.slice(i + PARAM.length))));
    return { draft: sanitizeDraft(p.draft), target: p.target, customBaseUrl: p.customBaseUrl };
  } catch {
    return undefined;
  }
}
