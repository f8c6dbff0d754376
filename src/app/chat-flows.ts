// What Run, Regenerate and Continue do to the conversation (chat) or the prompt (completion, generate):
// the reply streams into the thread as an assistant message; a failed run leaves the composer text in the
// composer; Regenerate keeps earlier versions browsable; Continue extends the last reply (through the server's
// `continue_final_message` extension) or the prompt. Every request is built by the one draft → request function.

import { composerJoins, type Turn } from '../api/request-from-draft.ts';
import type { ChatTemplate } from '../api/request-object.ts';
import { browserRoute } from '../api/routes/registry.ts';
import type { Message } from '../api/run-spec.ts';
import { type DraftMessage, MAX_VERSIONS } from '../store/draft.ts';
import { guideBlocker } from '../store/guide-check.ts';
import { runBlocker } from '../store/params-check.ts';
import type { RunState } from '../store/runs-slice.ts';
import { useStore } from '../store/store.ts';
import { draftRequest } from './draft-request.ts';
import { isRunning, runRequestObject, runText } from './run-controller.ts';

const plain = (ms: readonly DraftMessage[]): Message[] => ms.map((m) => ({ role: m.role, content: m.content }));

/** The note a reply keeps about how its run ended. */
function noticeOf(run: RunState): string | undefined {
  if (run.status === 'stopped') return 'Stopped by you.';
  if (run.status === 'error') return run.error;
  return undefined;
}

/**
 * Builds a request, or records an error run (shown where the reply would be) and returns undefined. `free`: without
 * the guide (continuing an output is free text: a constraint would start over in the middle of it).
 */
function build(chatTemplate: ChatTemplate | undefined, turn?: Turn, free = false) {
  const st = useStore.getState();
  try {
    const s = free ? { ...st, draft: { ...st.draft, guide: { ...st.draft.guide, kind: 'none' as const } } } : st;
    return draftRequest(s, chatTemplate, turn);
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
    return undefined;
  }
}

/** Run: the composer's text joins the conversation, the reply streams in as a new assistant message. */
export async function sendChat(chatTemplate?: ChatTemplate): Promise<void> {
  const st = useStore.getState();
  if (isRunning() || runBlocker(st.draft) || guideBlocker(st)) return;
  if (browserRoute(st.draft.mode).input !== 'messages') return runPrompt(chatTemplate);
  const composer = st.draft.composer;
  const joins = composerJoins(st.draft);
  const request = build(chatTemplate);
  if (!request) return;
  const userId = joins ? st.addMessage({ role: 'user', content: composer }) : undefined;
  if (joins) st.patchDraft({ composer: '' });
  const runId = crypto.randomUUID();
  const replyId = st.addMessage({ role: 'assistant', content: '', runId });
  const run = await runRequestObject(request, { mode: st.draft.mode, id: runId });
  const s = useStore.getState();
  const text = runText(run);
  if (run.status === 'error' && !text) {
    // nothing came back: the conversation is as it was, the typed message back in the composer
    const keep = s.draft.messages.filter((m) => m.id !== replyId && m.id !== userId);
    s.patchDraft({ messages: keep, ...(userId ? { composer: s.draft.composer || composer } : {}) });
    return;
  }
  s.updateMessage(replyId, { content: text, notice: noticeOf(run) });
}

/** Regenerate: a new version of an assistant reply from the messages before it; the old one stays browsable. */
export async function regenerateReply(id: string, chatTemplate?: ChatTemplate): Promise<void> {
  const st = useStore.getState();
  const i = st.draft.messages.findIndex((m) => m.id === id);
  const msg = st.draft.messages[i];
  if (isRunning() || !msg || msg.role !== 'assistant' || runBlocker({ ...st.draft, composer: 'x' }) || guideBlocker(st))
    return;
  const request = build(chatTemplate, { messages: plain(st.draft.messages.slice(0, i)) });
  if (!request) return;
  // the oldest versions go beyond MAX_VERSIONS (the new one is the last)
  const versions = (msg.versions ?? [msg.content]).slice(-(MAX_VERSIONS - 1));
  const runId = crypto.randomUUID();
  st.updateMessage(id, {
    content: '',
    versions: [...versions, ''],
    version: versions.length,
    runId,
    notice: undefined,
  });
  const run = await runRequestObject(request, { mode: st.draft.mode, id: runId });
  const text = runText(run);
  const s = useStore.getState();
  if (run.status === 'error' && !text) {
    s.updateMessage(id, { ...msg, versions: msg.versions, version: msg.version, notice: run.error });
    return;
  }
  const all = [...versions, text];
  s.updateMessage(id, { content: text, versions: all, version: all.length - 1, notice: noticeOf(run) });
}

/** Continue: more of the last assistant reply, appended to it (needs the server's continue_final_message). */
export async function continueReply(id: string, chatTemplate?: ChatTemplate): Promise<void> {
  const st = useStore.getState();
  const ms = st.draft.messages;
  const msg = ms.at(-1);
  if (isRunning() || !msg || msg.id !== id || msg.role !== 'assistant' || runBlocker({ ...st.draft, composer: 'x' }))
    return;
  const request = build(chatTemplate, { messages: plain(ms), continueFinal: true });
  if (!request) return;
  const base = msg.content;
  const runId = crypto.randomUUID();
  st.updateMessage(id, { runId, notice: undefined, streamPrefix: base });
  const run = await runRequestObject(request, { mode: st.draft.mode, id: runId });
  const content = base + runText(run);
  const versions = msg.versions ? msg.versions.map((v, j) => (j === (msg.version ?? 0) ? content : v)) : undefined;
  useStore.getState().updateMessage(id, { content, versions, streamPrefix: undefined, notice: noticeOf(run) });
}

/** Run in completion or generate mode: the continuation shows after the prompt. */
export async function runPrompt(chatTemplate?: ChatTemplate, o: { free?: boolean } = {}): Promise<void> {
  const st = useStore.getState();
  if (isRunning() || runBlocker(st.draft) || (!o.free && guideBlocker(st))) return;
  const request = build(chatTemplate, undefined, o.free);
  if (!request) return;
  await runRequestObject(request, { mode: st.draft.mode });
}

/** Continue in completion mode: the continuation joins the prompt, and the model goes on from there. */
export async function continuePrompt(chatTemplate?: ChatTemplate): Promise<void> {
  const st = useStore.getState();
  const run = st.activeRunId ? st.runs[st.activeRunId] : undefined;
  if (isRunning() || !run || run.status === 'running') return;
  st.patchDraft({ prompt: st.draft.prompt + runText(run) });
  await runPrompt(chatTemplate, { free: true });
}
