// Finished runs, kept in localStorage under a versioned schema. An older version is migrated step by step; a
// store that cannot be read is reset (and the caller shows a notice) — never a crash. Keys are never stored.

import { z } from 'zod';
import { chatTemplateSchema } from '../../protocol/chat-template.ts';
import type { RequestObject } from '../api/request-object.ts';
import type { Usage } from '../api/run-client.ts';
import { type Draft, sanitizeDraft } from './draft.ts';

export interface RunStats {
  firstTokenMs?: number;
  charsPerSecond?: number;
  totalMs?: number;
}

export interface HistoryRun {
  id: string;
  createdAt: string;
  /** The form that produced the run (restorable into the editor). */
  draft: Draft;
  /** The request as sent, with every key header removed. */
  request: Omit<RequestObject, 'headers'> & { headers: Record<string, string> };
  output: string;
  status: 'done' | 'stopped' | 'error';
  finishReason?: string;
  error?: string;
  usage?: Usage;
  stats: RunStats;
}

export const HISTORY_KEY = 'axplay.history';
export const HISTORY_VERSION = 2;
export const HISTORY_LIMIT = 200;

/** Version 1 (the first schema): a body and an output per run, no status or stats. */
const historyV1Schema = z.object({
  version: z.literal(1),
  runs: z.array(
    z.object({
      id: z.string(),
      createdAt: z.string(),
      body: z.record(z.string(), z.unknown()).catch({}),
      url: z.url(),
      output: z.string(),
    }),
  ),
});

const requestSchema = z.object({
  method: z.enum(['GET', 'POST']),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.record(z.string(), z.unknown()).optional(),
  meta: z.object({
    target: z.enum(['local', 'hosted', 'custom']),
    baseUrl: z.string(),
    path: z.string(),
    chatTemplate: chatTemplateSchema.optional(),
  }),
});

const usageSchemaLoose = z.object({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number(),
});

/** One run of version 2; a run that does not match is dropped, never the whole history. */
const historyRunSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  draft: z.unknown().transform(sanitizeDraft),
  request: requestSchema,
  output: z.string(),
  status: z.enum(['done', 'stopped', 'error']).catch('done'),
  finishReason: z.string().optional().catch(undefined),
  error: z.string().optional().catch(undefined),
  usage: usageSchemaLoose.optional().catch(undefined),
  stats: z
    .object({
      firstTokenMs: z.number().optional().catch(undefined),
      charsPerSecond: z.number().optional().catch(undefined),
      totalMs: z.number().optional().catch(undefined),
    })
    .catch({}),
});

const historyV2Schema = z.object({ version: z.literal(2), runs: z.array(z.unknown()) });

interface HistoryV2 {
  version: 2;
  runs: HistoryRun[];
}

const MIGRATIONS: Record<number, (old: unknown) => unknown> = {
  1: (old) => {
    const v1 = historyV1Schema.parse(old);
    return {
      version: 2,
      runs: v1.runs.map((r) => {
        const body = r.body;
        const mode = Array.isArray(body.messages) ? 'chat' : 'completion';
        const draft = sanitizeDraft({
          mode,
          model: typeof body.model === 'string' ? body.model : undefined,
          messages: Array.isArray(body.messages) ? body.messages : [],
          prompt: typeof body.prompt === 'string' ? body.prompt : '',
        });
        const url = new URL(r.url);
        return {
          id: r.id,
          createdAt: r.createdAt,
          draft,
          request: {
            method: 'POST',
            url: r.url,
            headers: { 'Content-Type': 'application/json' },
            body,
            meta: { target: 'local', baseUrl: url.origin, path: url.pathname },
          },
          output: r.output,
          status: 'done',
          stats: {},
        } satisfies HistoryRun;
      }),
    } satisfies HistoryV2;
  },
};

export interface LoadedHistory {
  runs: HistoryRun[];
  /** Set when the stored history could not be read and was reset. */
  notice?: string;
}

export function migrateHistory(data: unknown): HistoryRun[] {
  let cur = data;
  for (;;) {
    const v = z.object({ version: z.number() }).safeParse(cur);
    if (!v.success) throw new Error('no version');
    if (v.data.version === HISTORY_VERSION) break;
    const step = MIGRATIONS[v.data.version];
    if (!step) throw new Error(`unknown history version ${v.data.version}`);
    cur = step(cur);
  }
  const v2 = historyV2Schema.safeParse(cur);
  if (!v2.success) throw new Error('runs is not a list');
  return v2.data.runs.flatMap((r) => {
    const p = historyRunSchema.safeParse(r);
    return p.success ? [p.data] : [];
  });
}

export function loadHistory(storage: Storage = localStorage): LoadedHistory {
  const raw = storage.getItem(HISTORY_KEY);
  if (!raw) return { runs: [] };
  try {
    const runs = migrateHistory(JSON.parse(raw));
    return { runs };
  } catch (e) {
    storage.removeItem(HISTORY_KEY);
    return { runs: [], notice: `Your saved history could not be read (${(e as Error).message}) and was reset.` };
  }
}

export function saveHistory(runs: HistoryRun[], storage: Storage = localStorage): void {
  const data: HistoryV2 = { version: HISTORY_VERSION, runs: runs.slice(0, HISTORY_LIMIT) };
  try {
    storage.setItem(HISTORY_KEY, JSON.stringify(data));
  } catch {
    // quota: keep the newest half
    storage.setItem(HISTORY_KEY, JSON.stringify({ ...data, runs: data.runs.slice(0, HISTORY_LIMIT / 2) }));
  }
}

/** The request without any header that carries a key. */
export function stripKeys(req: RequestObject): HistoryRun['request'] {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (!/key|authorization/i.test(k)) headers[k] = v;
  return { ...req, headers };
}

/** Export: the runs as a JSON document; import accepts the same (or an older version) and merges by id. */
export function exportHistory(runs: HistoryRun[]): string {
  return JSON.stringify({ version: HISTORY_VERSION, runs } satisfies HistoryV2, null, 2);
}

export function importHistory(text: string, existing: HistoryRun[]): HistoryRun[] {
  const incoming = migrateHistory(JSON.parse(text)).map((r) => ({
    ...r,
    request: stripKeys(r.request as RequestObject),
  }));
  const seen = new Set(existing.map((r) => r.id));
  return [...incoming.filter((r) => !seen.has(r.id)), ...existing].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
}
