// Editing the draft: the conversation (add, edit, delete with undo, clear with undo, versions of a reply),
// the completion prompt, parameters (with the text of fields that are not valid yet), raw JSON mode.
import type { StateCreator } from 'zustand';
import type { Message, RunParams } from '../api/run-spec.ts';
import { DEFAULT_DRAFT, type Draft, type DraftMessage, loadDraft, newMessageId } from './draft.ts';
import type { AppState } from './store.ts';

/** One step back: the conversation before a delete or a clear. */
export interface Undo {
  readonly label: string;
  readonly messages: readonly DraftMessage[];
}

export interface DraftSlice {
  draft: Draft;
  undo?: Undo;
  setDraft(d: Draft): void;
  patchDraft(p: Partial<Draft>): void;
  setParam<K extends keyof RunParams>(k: K, v: RunParams[K]): void;
  /** What the user typed into a field: `value` when it is valid (committed), else the text is kept as typed. */
  setFieldText(field: string, text: string, value?: { ok: true; value: unknown }): void;
  addMessage(m: Message & Partial<DraftMessage>): string;
  updateMessage(id: string, m: Partial<DraftMessage>): void;
  deleteMessage(id: string): void;
  clearChat(): void;
  undoLast(): void;
  /** Shows version `index` of a reply. */
  showVersion(id: string, index: number): void;
}

const withMessages = (d: Draft, messages: DraftMessage[]): Draft => ({ ...d, messages });

export const createDraftSlice: StateCreator<AppState, [], [], DraftSlice> = (set, get) => ({
  draft: typeof localStorage === 'undefined' ? DEFAULT_DRAFT : loadDraft(),
  undo: undefined,
  setDraft: (d) => set({ draft: d, undo: undefined }),
  patchDraft: (p) => set((s) => ({ draft: { ...s.draft, ...p } })),
  setParam: (k, v) =>
    set((s) => {
      const { [k]: _drop, ...fieldText } = s.draft.fieldText;
      return { draft: { ...s.draft, params: { ...s.draft.params, [k]: v }, fieldText } };
    }),
  setFieldText: (field, text, value) =>
    set((s) => {
      // the typed text is kept as typed ("0." while typing 0.5), valid or not; a valid one also sets the value
      const fieldText = { ...s.draft.fieldText, [field]: text };
      if (value?.ok) return { draft: { ...s.draft, params: { ...s.draft.params, [field]: value.value }, fieldText } };
      return { draft: { ...s.draft, fieldText } };
    }),
  addMessage: (m) => {
    const id = m.id ?? newMessageId();
    set((s) => ({ draft: withMessages(s.draft, [...s.draft.messages, { ...m, id }]) }));
    return id;
  },
  updateMessage: (id, m) =>
    set((s) => ({
      draft: withMessages(
        s.draft,
        s.draft.messages.map((x) => (x.id === id ? { ...x, ...m } : x)),
      ),
    })),
  deleteMessage: (id) =>
    set((s) => {
      const ms = s.draft.messages;
      if (!ms.some((m) => m.id === id)) return s;
      return {
        undo: { label: 'Message deleted', messages: ms },
        draft: withMessages(
          s.draft,
          ms.filter((m) => m.id !== id),
        ),
      };
    }),
  clearChat: () =>
    set((s) =>
      s.draft.messages.length
        ? { undo: { label: 'Chat cleared', messages: s.draft.messages }, draft: withMessages(s.draft, []) }
        : s,
    ),
  undoLast: () => {
    const u = get().undo;
    if (u) set((s) => ({ undo: undefined, draft: withMessages(s.draft, [...u.messages]) }));
  },
  showVersion: (id, index) =>
    set((s) => ({
      draft: withMessages(
        s.draft,
        s.draft.messages.map((m) => {
          const text = m.versions?.[index];
          return m.id === id && text !== undefined
            ? { ...m, version: index, content: text, runId: undefined, notice: undefined }
            : m;
        }),
      ),
    })),
});
