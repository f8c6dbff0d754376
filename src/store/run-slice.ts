// The run in progress (or the last one): tokens and raw frames as they arrive, in animation-frame batches.
import type { StateCreator } from 'zustand';
import type { RequestObject } from '../api/request-object.ts';
import type { TokenInfo, Usage } from '../api/run-events.ts';
import type { RouteKey } from '../api/run-spec.ts';
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

export interface RunState {
  id: string;
  mode: RouteKey;
  request: RequestObject;
  transportUrl: string;
  status: 'running' | 'done' | 'stopped' | 'error';
  tokens: RunToken[];
  frames: Frame[];
  startedAt: number;
  firstTokenAt?: number;
  endedAt?: number;
  finishReason?: string;
  usage?: Usage;
  error?: string;
}

export interface RunSlice {
  run?: RunState;
  startRun(r: RunState): void;
  appendToRun(id: string, tokens: RunToken[], frames: Frame[], firstTokenAt?: number): void;
  endRun(id: string, patch: Partial<RunState>): void;
}

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set) => ({
  run: undefined,
  startRun: (r) => set({ run: r }),
  appendToRun: (id, tokens, frames, firstTokenAt) =>
    set((s) => {
      if (!s.run || s.run.id !== id) return s;
      return {
        run: {
          ...s.run,
          tokens: tokens.length ? [...s.run.tokens, ...tokens] : s.run.tokens,
          frames: frames.length ? [...s.run.frames, ...frames] : s.run.frames,
          firstTokenAt: s.run.firstTokenAt ?? firstTokenAt,
        },
      };
    }),
  endRun: (id, patch) => set((s) => (s.run && s.run.id === id ? { run: { ...s.run, ...patch } } : s)),
});
