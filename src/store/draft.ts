// The prompt draft: what the user is editing. Persisted (versioned) so it survives a reload; never holds a key.
import type { Message, RunParams } from '../api/run-spec.ts';

/** A message being edited, with a stable id for the list (the wire format has none). */
export interface DraftMessage extends Message {
  readonly id: string;
}

export const newMessageId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `m${Math.random().toString(36).slice(2)}`;

export interface Draft {
  mode: 'chat' | 'completion';
  model: string;
  messages: DraftMessage[];
  composer: string;
  prompt: string;
  params: RunParams;
  stream: boolean;
  topLogprobs: number;
  /** Raw mode: an edited JSON body (text) that replaces the form's body until the user returns to the form. */
  rawBody?: string;
}

export const DEFAULT_PARAMS: RunParams = { max_tokens: 400, temperature: 0.8, top_p: 0.95, stop: [] };

export const DEFAULT_DRAFT: Draft = {
  mode: 'chat',
  model: 'austen-mini',
  messages: [],
  composer: '',
  prompt: 'It is a truth universally acknowledged',
  params: DEFAULT_PARAMS,
  stream: true,
  topLogprobs: 5,
};

const KEY = 'axplay.draft';
const VERSION = 1;

export function loadDraft(): Draft {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return DEFAULT_DRAFT;
    const d = JSON.parse(raw) as { version?: number; draft?: Partial<Draft> };
    if (d.version !== VERSION || typeof d.draft !== 'object' || d.draft === null) return DEFAULT_DRAFT;
    return sanitizeDraft(d.draft);
  } catch {
    return DEFAULT_DRAFT;
  }
}

export function saveDraft(d: Draft): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ version: VERSION, draft: d }));
  } catch {
    // storage full or disabled: the draft lives in memory only
  }
}

const roles = new Set(['system', 'user', 'assistant']);

/** Accepts a partial draft from storage or a share link, keeping only well-formed fields. */
export function sanitizeDraft(p: Partial<Draft>): Draft {
  const d = { ...DEFAULT_DRAFT };
  if (p.mode === 'chat' || p.mode === 'completion') d.mode = p.mode;
  if (typeof p.model === 'string' && p.model.length <= 200) d.model = p.model;
  if (Array.isArray(p.messages)) {
    d.messages = p.messages
      .filter((m) => m && roles.has(m.role) && typeof m.content === 'string')
      .map((m) => ({ id: typeof m.id === 'string' && m.id ? m.id : newMessageId(), role: m.role, content: m.content }));
  }
  if (typeof p.composer === 'string') d.composer = p.composer;
  if (typeof p.prompt === 'string') d.prompt = p.prompt;
  if (typeof p.stream === 'boolean') d.stream = p.stream;
  if (typeof p.topLogprobs === 'number' && p.topLogprobs >= 0 && p.topLogprobs <= 20)
    d.topLogprobs = Math.floor(p.topLogprobs);
  if (typeof p.rawBody === 'string') d.rawBody = p.rawBody;
  const q = p.params as Partial<RunParams> | undefined;
  if (q && typeof q === 'object') {
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
    d.params = {
      max_tokens: num(q.max_tokens) ?? DEFAULT_PARAMS.max_tokens,
      temperature: num(q.temperature) ?? DEFAULT_PARAMS.temperature,
      top_p: num(q.top_p),
      top_k: num(q.top_k),
      sampling_method: ['greedy', 'top-k', 'top-p', 'min-p', 'typical'].includes(q.sampling_method as string)
        ? q.sampling_method
        : undefined,
      stop: Array.isArray(q.stop) ? q.stop.filter((s): s is string => typeof s === 'string').slice(0, 4) : [],
      seed: num(q.seed),
    };
  }
  return d;
}
