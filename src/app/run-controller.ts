// Runs the current draft: builds the RunSpec and the one request object, sends it, appends what arrives to the
// store in animation-frame batches (never a render per token), and files the finished run in history.
import { transportFor } from '../api/build-request.ts';
import { composerJoins } from '../api/request-from-draft.ts';
import type { ChatTemplate, RequestObject } from '../api/request-object.ts';
import { browserRoute } from '../api/routes/registry.ts';
import { runRequest } from '../api/run-client.ts';
import type { Usage } from '../api/run-events.ts';
import { pageOrigin } from '../store/connection-slice.ts';
import { stripKeys } from '../store/history.ts';
import type { Frame, RunToken } from '../store/run-slice.ts';
import { useStore } from '../store/store.ts';
import { draftRequest } from './draft-request.ts';

let controller: AbortController | undefined;

const nextFrame = (cb: () => void) =>
  typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible'
    ? requestAnimationFrame(cb)
    : setTimeout(cb, 16);

export function isRunning(): boolean {
  return useStore.getState().run?.status === 'running';
}

export async function startRun(chatTemplate?: ChatTemplate): Promise<void> {
  const st = useStore.getState();
  if (isRunning()) return;
  const id = crypto.randomUUID();
  let request: RequestObject;
  try {
    request = draftRequest(st, chatTemplate);
  } catch (e) {
    useStore.getState().startRun({
      id,
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
  const origin = pageOrigin();
  const localKey = useStore.getState().keys.local;
  const transport = transportFor(request, localKey, origin);
  const startedAt = performance.now();
  useStore.getState().startRun({
    id,
    mode: st.draft.mode,
    request,
    transportUrl: transport.url,
    status: 'running',
    tokens: [],
    frames: [],
    startedAt,
  });
  controller = new AbortController();
  const ac = controller;

  let pendingTokens: RunToken[] = [];
  let pendingFrames: Frame[] = [];
  let firstTokenAt: number | undefined;
  let frameCount = 0;
  let tokenCount = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const t = pendingTokens;
    const f = pendingFrames;
    pendingTokens = [];
    pendingFrames = [];
    useStore.getState().appendToRun(id, t, f, firstTokenAt);
  };
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      nextFrame(flush);
    }
  };
  let finishReason: string | undefined;
  let usage: Usage | undefined;
  let status: 'done' | 'stopped' | 'error' = 'done';
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
  }
  flush();
  const endedAt = performance.now();
  useStore.getState().endRun(id, { status, finishReason, usage, error, endedAt });
  const run = useStore.getState().run;
  if (!run || run.id !== id) return;
  const output = run.tokens.map((t) => t.text).join('');
  const genMs = run.firstTokenAt !== undefined ? endedAt - run.firstTokenAt : undefined;
  useStore.getState().addHistory({
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
  });
}

export function stopRun(): void {
  controller?.abort();
}

/** Appends the reply as an assistant message (chat) or to the prompt (completion). */
export function continueRun(): void {
  const s = useStore.getState();
  const run = s.run;
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
