// Runs requests: builds the one request object from the draft (or takes one built elsewhere, for comparisons and
// sweeps), sends it, appends what arrives to its run in the store in animation-frame batches (never a render per
// token), and files the finished run in history. Each run has its own AbortController, so several can stream at
// once and Stop ends exactly the one it names.
import { transportFor } from '../api/build-request.ts';
import { composerJoins } from '../api/request-from-draft.ts';
import type { ChatTemplate, RequestObject } from '../api/request-object.ts';
import { browserRoute } from '../api/routes/registry.ts';
import { runRequest } from '../api/run-client.ts';
import type { Usage } from '../api/run-events.ts';
import type { RouteKey } from '../api/run-spec.ts';
import { pageOrigin } from '../store/connection-slice.ts';
import { stripKeys } from '../store/history.ts';
import { type Frame, type RunStatus, type RunToken, selectActiveRun } from '../store/runs-slice.ts';
import { useStore } from '../store/store.ts';
import { draftRequest } from './draft-request.ts';

const controllers = new Map<string, AbortController>();

/** The most often a streaming run re-renders the page (ms). */
export const FLUSH_MS = 50;

/** Calls back once per animation frame while the page is visible (a timer otherwise, so hidden tabs still flush). */
export const nextFrame = (cb: () => void): void => {
  if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') requestAnimationFrame(cb);
  else setTimeout(cb, 16);
};

export function isRunning(): boolean {
  return selectActiveRun(useStore.getState())?.status === 'running';
}

export interface RunOptions {
  mode: RouteKey;
  /** Runs started together share a group. */
  group?: string;
  /** Make it the active run (default true). */
  activate?: boolean;
  /** File it in history when it ends (default true). */
  record?: boolean;
}

/** Sends one request object as a new run; resolves with the run's id once the run has ended. */
export async function runRequestObject(request: RequestObject, o: RunOptions): Promise<string> {
  const st = useStore.getState();
  const id = crypto.randomUUID();
  const origin = pageOrigin();
  const localKey = st.keys.local;
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
  let firstTokenAt: number | undefined;
  let frameCount = 0;
  let tokenCount = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!pendingTokens.length && !pendingFrames.length) return;
    const t = pendingTokens;
    const f = pendingFrames;
    pendingTokens = [];
    pendingFrames = [];
    useStore.getState().appendToRun(id, t, f, firstTokenAt);
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
          for (const t of e.tokens) pendingTokens.push({ ...t, n: tokenCount++ });
        } else {
          finishReason = e.reason;
          usage = e.usage;
        }
        schedule();
      },
    });
    if (ac.signal.aborted) status = 'stopped';
  } catch (e) {
    if (ac.signal.aborted) status = 'stopped';
    else {
      status = 'error';
      error = (e as Error).message;
    }
  } finally {
    controllers.delete(id);
  }
  flush();
  const endedAt = performance.now();
  useStore.getState().endRun(id, { status, finishReason, usage, error, endedAt });
  const run = useStore.getState().runs[id];
  if (run && o.record !== false) {
    const output = run.tokens.map((t) => t.text).join('');
    const genMs = run.firstTokenAt !== undefined ? endedAt - run.firstTokenAt : undefined;
    void useStore.getState().addHistory({
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
      tokens: run.tokens.map(({ n: _n, ...t }) => ({ ...t, top: t.top ? [...t.top] : undefined })),
    });
  }
  return id;
}

/** Runs the current draft (the Run button). An error building the request becomes an error run; nothing is sent. */
export async function startRun(chatTemplate?: ChatTemplate): Promise<void> {
  const st = useStore.getState();
  if (isRunning()) return;
  let request: RequestObject;
  try {
    request = draftRequest(st, chatTemplate);
  } catch (e) {
    st.addRun({
      id: crypto.randomUUID(),
      mode: st.draft.mode,
      request: { method: 'POST', url: '', headers: {}, meta: { target: st.target, baseUrl: '', path: '' } },
      transportUrl: '',
      status: 'error',
      tokens: [],
      frames: [],
      startedAt: performance.now(),
      error: (e as Error).message,
    });
    return;
  }
  // the composer's text is the request's last user message: it joins the list
  if (composerJoins(st.draft)) {
    st.addMessage({ role: 'user', content: st.draft.composer });
    st.patchDraft({ composer: '' });
  }
  await runRequestObject(request, { mode: st.draft.mode });
}

/** Stops one run (the active one by default); its partial output is kept and marked stopped. */
export function stopRun(id = useStore.getState().activeRunId): void {
  if (id) controllers.get(id)?.abort();
}

/** Appends the active reply as an assistant message (chat) or to the prompt (completion). */
export function continueRun(): void {
  const s = useStore.getState();
  const run = selectActiveRun(s);
  if (!run || run.status === 'running') return;
  const text = run.tokens.map((t) => t.text).join('');
  if (browserRoute(run.mode).input === 'messages') s.addMessage({ role: 'assistant', content: text });
  else s.patchDraft({ prompt: s.draft.prompt + text });
}

/** Reruns the last turn: drops a trailing assistant message first. */
export function regenerate(chatTemplate?: ChatTemplate): Promise<void> {
  const s = useStore.getState();
  const ms = s.draft.messages;
  if (browserRoute(s.draft.mode).input === 'messages' && ms.at(-1)?.role === 'assistant')
    s.deleteMessage(ms.length - 1);
  return startRun(chatTemplate);
}
