// Runs requests: builds the one request object from the draft (or takes one built elsewhere, for comparisons and
// sweeps), sends it, appends what arrives to its run in the store in batches (never a render per token), and files
// the finished run in history. Each run has its own AbortController, so several can stream at once and Stop ends
// exactly the one it names. The chat flows live in chat-flows.ts; this file is the run itself.
import { transportFor } from '../api/build-request.ts';
import { describeError } from '../api/describe-error.ts';
import type { RequestObject } from '../api/request-object.ts';
import { runRequest } from '../api/run-client.ts';
import type { Usage } from '../api/run-events.ts';
import type { RouteKey } from '../api/run-spec.ts';
import type { SaeEvent } from '../api/sae-readings.ts';
import { pageOrigin } from '../store/connection-slice.ts';
import { type HistoryRun, stripKeys } from '../store/history.ts';
import { historyTokens, saeColumns } from '../store/run-record.ts';
import {
  type Frame,
  type RunState,
  type RunStatus,
  type RunToken,
  runTextOf,
  selectActiveRun,
} from '../store/runs-slice.ts';
import { useStore } from '../store/store.ts';
import { rememberLastRun } from './last-run.ts';

const controllers = new Map<string, AbortController>();

/** The most often a streaming run re-renders the page (ms). */
export const FLUSH_MS = 50;

/** Calls back once per animation frame while the page is visible (a timer otherwise, so hidden tabs still flush). */
export const nextFrame = (cb: () => void): void => {
  if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') requestAnimationFrame(cb);
  else setTimeout(cb, 16);
};

export function isRunning(): boolean {
  return Object.values(useStore.getState().runs).some((r) => r.status === 'running');
}

export interface RunOptions {
  mode: RouteKey;
  /** The run's id (given when the caller must know it before the run starts). */
  id?: string;
  /** Runs started together share a group. */
  group?: string;
  /** Make it the active run (default true). */
  activate?: boolean;
  /** File it in history when it ends (default true). */
  record?: boolean;
}

/** The text a run produced so far. */
export const runText = runTextOf;

/** Sends one request object as a new run; resolves with the run once it has ended. */
export async function runRequestObject(request: RequestObject, o: RunOptions): Promise<RunState> {
  const st = useStore.getState();
  const id = o.id ?? crypto.randomUUID();
  const origin = pageOrigin();
  const localKey = st.keys.local;
  const target = request.meta.target;
  const transport = transportFor(request, localKey, origin);
  const startedAt = performance.now();
  st.addRun(
    {
      id,
      group: o.group,
      mode: o.mode,
      request,
      transportUrl: transport.url,
      status: 'running',
      tokens: [],
      frames: [],
      startedAt,
    },
    { activate: o.activate },
  );
  const ac = new AbortController();
  controllers.set(id, ac);

  let pendingTokens: RunToken[] = [];
  let pendingFrames: Frame[] = [];
  let pendingSae: SaeEvent[] = [];
  let firstTokenAt: number | undefined;
  let frameCount = 0;
  let tokenCount = 0;
  let chars = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!pendingTokens.length && !pendingFrames.length && !pendingSae.length) return;
    const t = pendingTokens;
    const f = pendingFrames;
    const sae = pendingSae;
    pendingTokens = [];
    pendingFrames = [];
    pendingSae = [];
    useStore.getState().appendToRun(id, t, f, firstTokenAt, sae);
  };
  // the first batch shows at the next frame (time to first token); later ones at most every FLUSH_MS, so a fast
  // stream costs the page a few renders a second instead of one per animation frame
  let lastFlush = Number.NEGATIVE_INFINITY;
  const flushNow = () => {
    lastFlush = performance.now();
    flush();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    const wait = FLUSH_MS - (performance.now() - lastFlush);
    if (wait <= 0) nextFrame(flushNow);
    else setTimeout(() => nextFrame(flushNow), wait);
  };
  let finishReason: string | undefined;
  let usage: Usage | undefined;
  let status: RunStatus = 'done';
  let error: string | undefined;
  let errorField: string | undefined;
  try {
    await runRequest(request, {
      localKey,
      origin,
      signal: ac.signal,
      transport,
      onEvent(e) {
        if (e.type === 'frame')
          pendingFrames.push({ n: frameCount++, data: e.data, at: e.at - startedAt, problem: e.problem });
        else if (e.type === 'delta') {
          firstTokenAt ??= e.at;
          for (const t of e.tokens) {
            pendingTokens.push({ ...t, n: tokenCount++ });
            chars += t.text.length;
          }
        } else if (e.type === 'sae') pendingSae.push(e.event);
        else if (e.type === 'response') {
          const { type: _t, ...response } = e;
          useStore.getState().endRun(id, { response });
        } else {
          finishReason = e.reason;
          usage = e.usage;
        }
        schedule();
      },
    });
    if (ac.signal.aborted) status = 'stopped';
    else useStore.getState().recordCall({ target, ok: true });
  } catch (e) {
    if (ac.signal.aborted) status = 'stopped';
    else {
      status = 'error';
      const d = describeError(e, { chars });
      error = d.message;
      errorField = d.field;
      useStore
        .getState()
        .recordCall({ target, ok: d.reached, message: d.reached ? undefined : (d.status ?? d.message) });
    }
  } finally {
    controllers.delete(id);
  }
  flush();
  const endedAt = performance.now();
  useStore.getState().endRun(id, { status, finishReason, usage, error, errorField, endedAt });
  const run = useStore.getState().runs[id] as RunState;
  if (o.record !== false) {
    const output = runText(run);
    const genMs = run.firstTokenAt !== undefined ? endedAt - run.firstTokenAt : undefined;
    // the entry is taken now (the form as it was when the run ended) …
    const entry: HistoryRun = {
      id,
      createdAt: new Date().toISOString(),
      draft: { ...useStore.getState().draft, composer: '' },
      request: stripKeys(request),
      output,
      status,
      finishReason,
      error,
      usage,
      stats: {
        firstTokenMs: run.firstTokenAt !== undefined ? run.firstTokenAt - startedAt : undefined,
        charsPerSecond: genMs && genMs > 0 ? (output.length / genMs) * 1000 : undefined,
        totalMs: endedAt - startedAt,
      },
      tokens: historyTokens(run.tokens),
      ...(run.sae ? { sae: run.sae } : {}),
      ...withColumns(run.tokens),
    };
    // … and filed in a task of its own, so the page shows the end of the run first (a long run's filing — its size
    // in JSON, IndexedDB's copy — would make one long task with the last render); the caller goes on at once
    setTimeout(() => {
      void useStore
        .getState()
        .addHistory(entry)
        .then((stored) => {
          if (stored && o.activate !== false) rememberLastRun(id);
        });
    }, 0);
  }
  return run;
}

function withColumns(tokens: RunState['tokens']) {
  const saeTokens = saeColumns(tokens);
  return saeTokens ? { saeTokens } : {};
}

/** Stops one run (the active one by default); its partial output is kept and marked stopped. */
export function stopRun(id = selectActiveRun(useStore.getState())?.id): void {
  if (id) controllers.get(id)?.abort();
}

/** Stops every run in progress (Escape). */
export function stopAll(): void {
  for (const c of controllers.values()) c.abort();
}
