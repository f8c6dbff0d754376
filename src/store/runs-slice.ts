// Runs in progress and finished in this page, keyed by id, with the active one (the run the output panel shows).
// Several can stream at once (compare, best-of-n, a strength sweep); tokens and frames arrive in animation-frame
// batches. Finished runs beyond the newest MAX_KEPT_RUNS are dropped from memory (history keeps them).
import type { StateCreator } from 'zustand';
import type { RequestObject } from '../api/request-object.ts';
import type { RunResponse, TokenInfo, Usage } from '../api/run-events.ts';
import type { RouteKey } from '../api/run-spec.ts';
import { applySaeEvent, keptTokens, type RunSae, type SaeEvent, takeBackOf } from '../api/sae-readings.ts';
import type { AppState } from './store.ts';

export interface Frame {
  /** Position in the run's stream (its identity in lists). */
  n: number;
  data: string;
  /** ms since the request was sent */
  at: number;
  /** Set when the frame could not be read as the route's frame: why. */
  problem?: string;
}

/** A generated token with its position in the run (its identity in lists). */
export interface RunToken extends TokenInfo {
  n: number;
}

export type RunStatus = 'running' | 'done' | 'stopped' | 'error';

export interface RunState {
  id: string;
  /** Runs started together (a comparison, a sweep) share a group. */
  group?: string;
  mode: RouteKey;
  request: RequestObject;
  transportUrl: string;
  status: RunStatus;
  tokens: RunToken[];
  frames: Frame[];
  startedAt: number;
  firstTokenAt?: number;
  endedAt?: number;
  finishReason?: string;
  usage?: Usage;
  /** The error in words (see api/describe-error.ts). */
  error?: string;
  /** The request field the error concerns, when the server named one (shown on that field). */
  errorField?: string;
  /** SAE monitoring: the behaviors, the corrections, the summary (runs with behaviors). */
  sae?: RunSae;
  /** The response's status line and headers (an error's body too), once they arrived. */
  response?: RunResponse;
}

export const MAX_KEPT_RUNS = 24;

export interface RunsSlice {
  runs: Readonly<Record<string, RunState>>;
  /** Newest first. */
  runOrder: readonly string[];
  activeRunId?: string;
  addRun(r: RunState, opts?: { activate?: boolean }): void;
  appendToRun(
    id: string,
    tokens: readonly RunToken[],
    frames: readonly Frame[],
    firstTokenAt?: number,
    sae?: readonly SaeEvent[],
  ): void;
  /** Changes fields of a run (its end, or its response when it arrives). */
  endRun(id: string, patch: Partial<RunState>): void;
  setActiveRun(id: string | undefined): void;
}

export const createRunsSlice: StateCreator<AppState, [], [], RunsSlice> = (set) => ({
  runs: {},
  runOrder: [],
  activeRunId: undefined,
  addRun: (r, opts = {}) =>
    set((s) => {
      const order = [r.id, ...s.runOrder.filter((id) => id !== r.id)];
      const activeRunId = opts.activate === false ? s.activeRunId : r.id;
      const keep = new Set(
        order.filter((id, i) => i < MAX_KEPT_RUNS || id === activeRunId || s.runs[id]?.status === 'running'),
      );
      const runs: Record<string, RunState> = {};
      for (const id of keep) {
        const x = id === r.id ? r : s.runs[id];
        if (x) runs[id] = x;
      }
      return { runs, runOrder: order.filter((id) => keep.has(id)), activeRunId };
    }),
  appendToRun: (id, tokens, frames, firstTokenAt, sae = []) =>
    set((s) => {
      const run = s.runs[id];
      if (!run) return s;
      return {
        runs: {
          ...s.runs,
          [id]: {
            ...run,
            tokens: tokens.length ? [...run.tokens, ...tokens] : run.tokens,
            frames: frames.length ? [...run.frames, ...frames] : run.frames,
            firstTokenAt: run.firstTokenAt ?? firstTokenAt,
            ...(sae.length ? { sae: sae.reduce(applySaeEvent, run.sae) } : {}),
          },
        },
      };
    }),
  endRun: (id, patch) =>
    set((s) => {
      const run = s.runs[id];
      return run ? { runs: { ...s.runs, [id]: { ...run, ...patch } } } : s;
    }),
  setActiveRun: (id) => set({ activeRunId: id }),
});

/** The active run (what the output panel, the inspector and the stats show). */
export const selectActiveRun = (s: Pick<RunsSlice, 'runs' | 'activeRunId'>): RunState | undefined =>
  s.activeRunId ? s.runs[s.activeRunId] : undefined;

/** The text a run produced so far (without what a correction took back). */
export const runTextOf = (r: Pick<RunState, 'tokens' | 'sae' | 'request'> | undefined): string =>
  r
    ? keptTokens(r.tokens, takeBackOf(r))
        .map((t) => t.text)
        .join('')
    : '';
