// A run and its history entry, both ways: a finished run is filed with its tokens (their logprobs, and their SAE
// readings as side data) and its SAE record; a filed run comes back as a finished run in the page (Restore), so the
// output and the SAE view show it again. Readings that do not fit their schema are dropped, never a crash.
import { z } from 'zod';
import { behaviorReadingSchema, behaviorSummarySchema, saeCorrectionFrameSchema } from '../../protocol/sae.ts';
import type { RunSae, TokenReading } from '../api/sae-readings.ts';
import type { HistoryRun, HistoryToken } from './history.ts';
import type { RunState, RunToken } from './runs-slice.ts';
import { fromColumns, type SaeColumns, toColumns } from './sae-columns.ts';

const tokenReadingSchema = z.object({
  index: z.number(),
  attempt: z.number(),
  behaviors: z.record(z.string(), behaviorReadingSchema),
  features: z
    .array(z.object({ index: z.number(), value: z.number(), label: z.string().nullable().optional() }))
    .optional(),
});

export const runSaeSchema = z.object({
  hook: z.string().optional(),
  behaviors: z.array(
    z.object({
      name: z.string(),
      mode: z.enum(['monitor', 'forced']),
      threshold: z.number().optional(),
      steeringVectorId: z.string().nullable().optional(),
    }),
  ),
  corrections: z.array(saeCorrectionFrameSchema),
  summary: z.array(behaviorSummarySchema).optional(),
  corrected: z.boolean().optional(),
  attempts: z.number().optional(),
  finalText: z.string().optional(),
});

/** A run's tokens as history keeps them (their SAE readings go in columns: saeColumns). */
export function historyTokens(tokens: readonly RunToken[]): HistoryToken[] {
  return tokens.map(({ n: _n, sae: _sae, top, ...t }) => ({ ...t, top: top ? [...top] : undefined }));
}

/** A run's per-token SAE readings as history keeps them (undefined when it has none). */
export const saeColumns = (tokens: readonly RunToken[]): SaeColumns | undefined => toColumns(tokens);

function readingOf(side: HistoryToken['side']): TokenReading | undefined {
  if (!side || !('sae' in side)) return undefined;
  const r = tokenReadingSchema.safeParse(side.sae);
  return r.success ? r.data : undefined;
}

/** A stored SAE record, or undefined when there is none or it does not fit. */
export function readRunSae(raw: unknown): RunSae | undefined {
  if (raw === undefined) return undefined;
  const r = runSaeSchema.safeParse(raw);
  return r.success ? r.data : undefined;
}

/** A filed run as a finished run of this page (its clock starts at 0). */
export function runFromHistory(h: HistoryRun, mode: RunState['mode']): RunState {
  const columns = h.saeTokens ? fromColumns(h.saeTokens, h.tokens.length) : undefined;
  const tokens: RunToken[] = h.tokens.map((t, n) => {
    // columns (this version), or side data (a run filed before them)
    const sae = columns ? columns[n] : readingOf(t.side);
    return { text: t.text, logprob: t.logprob, top: t.top, n, ...(sae ? { sae } : {}) };
  });
  const s = h.stats;
  return {
    id: h.id,
    mode,
    request: { ...h.request, headers: { ...h.request.headers } },
    transportUrl: h.request.url,
    status: h.status,
    tokens,
    frames: [],
    startedAt: 0,
    firstTokenAt: s.firstTokenMs,
    endedAt: s.totalMs,
    finishReason: h.finishReason,
    usage: h.usage,
    error: h.error,
    ...(h.sae ? { sae: h.sae } : {}),
  };
}
