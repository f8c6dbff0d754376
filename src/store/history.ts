// Finished runs: their saved shape and its versions. A run is kept whole — the request (every key header
// removed), the tokens with their logprobs and side data, the output and stats — in IndexedDB (history-db.ts).
// Older formats (the first slice's localStorage lists, version 1 and 2, and export files) are migrated step by
// step; a run that fits no schema is dropped with a notice, never a crash. Keys are never stored.
import { z } from 'zod';
import { chatTemplateSchema } from '../../protocol/chat-template.ts';
import { usageSchema } from '../../protocol/openai-common.ts';
import type { RequestObject } from '../api/request-object.ts';
import type { Usage } from '../api/run-events.ts';
import type { RunSae } from '../api/sae-readings.ts';
import { type Draft, sanitizeDraft } from './draft.ts';
import { readRunSae } from './run-record.ts';
import { type SaeColumns, saeColumnsSchema } from './sae-columns.ts';
import { readVersioned, SavedDataError, type Versioned, versionField } from './versioned.ts';

export interface RunStats {
  firstTokenMs?: number;
  charsPerSecond?: number;
  totalMs?: number;
}

export interface HistoryToken {
  text: string;
  logprob?: number;
  top?: { token: string; logprob: number }[];
  /** Per-token data besides text (constraint state, behavior scores…), keyed by its producer. */
  side?: Record<string, unknown>;
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
  tokens: HistoryToken[];
  /** SAE monitoring: the behaviors, corrections and summary (runs with behaviors). */
  sae?: RunSae;
  /** The tokens' SAE readings, in columns (kept with the tokens, not in the list's summaries). */
  saeTokens?: SaeColumns;
}

/** What the history list holds in memory: a run without its tokens (and their readings), with its size. */
export type HistorySummary = Omit<HistoryRun, 'tokens' | 'saeTokens'> & { tokenCount: number; bytes: number };

export const LEGACY_HISTORY_KEY = 'axplay.history';
/** The current version of an export file (a list of runs) and of a stored run. */
export const HISTORY_VERSION = 3;

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

const tokenSchema = z.object({
  text: z.string(),
  logprob: z.number().optional(),
  top: z.array(z.object({ token: z.string(), logprob: z.number() })).optional(),
  side: z.record(z.string(), z.unknown()).optional(),
});

/** A stored run of the current version; fields that do not fit fall back to their defaults where they can. */
export const historyRunSchema = z.object({
  v: z.literal(HISTORY_VERSION),
  id: z.string().min(1),
  createdAt: z.string(),
  draft: z.unknown().transform(sanitizeDraft),
  request: requestSchema,
  output: z.string(),
  status: z.enum(['done', 'stopped', 'error']).catch('done'),
  finishReason: z.string().optional().catch(undefined),
  error: z.string().optional().catch(undefined),
  usage: usageSchema.optional().catch(undefined),
  stats: z
    .object({
      firstTokenMs: z.number().optional().catch(undefined),
      charsPerSecond: z.number().optional().catch(undefined),
      totalMs: z.number().optional().catch(undefined),
    })
    .catch({}),
  tokens: z.array(tokenSchema).catch([]),
  sae: z.unknown().optional().transform(readRunSae),
  saeTokens: saeColumnsSchema.optional().catch(undefined),
});

/** Steps for one stored run: version 2 (the first slice's run, no tokens) → 3. */
const RUN_STEPS: Record<number, (old: unknown) => unknown> = {
  2: (old) => ({ ...(old as object), v: 3, tokens: [] }),
};

export const runVersions: Versioned<typeof historyRunSchema> = {
  what: 'run',
  current: HISTORY_VERSION,
  versionOf: (raw) => versionField('v')(raw) ?? 2, // runs of the version-2 list carry no number of their own
  steps: RUN_STEPS,
  schema: historyRunSchema,
};

/** A stored run (any version) as the current one, or an error saying why it cannot be read. */
export function readRun(raw: unknown): HistoryRun {
  const { v: _v, ...run } = readVersioned(runVersions, raw);
  return run;
}

// ---- lists of runs: the first slice's localStorage format (1, 2) and export files (3) ----

const v1ListSchema = z.object({
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

const LIST_STEPS: Record<number, (old: unknown) => unknown> = {
  1: (old) => {
    const v1 = v1ListSchema.parse(old);
    return {
      version: 2,
      runs: v1.runs.map((r) => {
        const body = r.body;
        const url = new URL(r.url);
        return {
          id: r.id,
          createdAt: r.createdAt,
          draft: sanitizeDraft({
            mode: Array.isArray(body.messages) ? 'chat' : 'completion',
            model: typeof body.model === 'string' ? body.model : undefined,
            messages: Array.isArray(body.messages) ? body.messages : [],
            prompt: typeof body.prompt === 'string' ? body.prompt : '',
          }),
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
        };
      }),
    };
  },
  2: (old) => {
    const l = z.object({ runs: z.array(z.unknown()) }).parse(old);
    return { version: 3, runs: l.runs.map((r) => RUN_STEPS[2]?.(r)) };
  },
};

const listVersions: Versioned<z.ZodObject<{ version: z.ZodLiteral<3>; runs: z.ZodArray<z.ZodUnknown> }>> = {
  what: 'history',
  current: HISTORY_VERSION,
  versionOf: versionField('version'),
  steps: LIST_STEPS,
  schema: z.object({ version: z.literal(3), runs: z.array(z.unknown()) }),
};

export interface ReadList {
  runs: HistoryRun[];
  /** Runs that could not be read (dropped). */
  dropped: number;
}

/** A list of runs in any known version (an export file, or the first slice's localStorage history). */
export function readHistoryList(raw: unknown): ReadList {
  const list = readVersioned(listVersions, raw);
  const runs: HistoryRun[] = [];
  let dropped = 0;
  for (const r of list.runs) {
    try {
      runs.push(readRun(r));
    } catch (e) {
      if (!(e instanceof SavedDataError)) throw e;
      dropped++;
    }
  }
  return { runs, dropped };
}

/** Parses an export file's text: the runs it holds, with every key header removed (a file may be tampered). */
export function parseHistoryFile(text: string): ReadList {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SavedDataError(`it is not JSON (${(e as Error).message})`);
  }
  const read = readHistoryList(raw);
  return { ...read, runs: read.runs.map((r) => ({ ...r, request: stripKeys(r.request) })) };
}

export function exportHistory(runs: readonly HistoryRun[]): string {
  return JSON.stringify({ version: HISTORY_VERSION, runs: runs.map((r) => ({ v: HISTORY_VERSION, ...r })) }, null, 2);
}

/** The request without any header that carries a key. */
export function stripKeys(req: Omit<RequestObject, 'headers'> & { headers: Readonly<Record<string, string>> }) {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (!/key|authorization/i.test(k)) headers[k] = v;
  return { ...req, headers };
}

/** A run's size as the budget counts it: the length of its JSON. */
export const runBytes = (r: HistoryRun): number => JSON.stringify(r).length;

export function summaryOf(r: HistoryRun, bytes = runBytes(r)): HistorySummary {
  const { tokens, saeTokens: _columns, ...rest } = r;
  return { ...rest, tokenCount: tokens.length, bytes };
}
