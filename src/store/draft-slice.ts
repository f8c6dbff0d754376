// Editing the prompt draft: messages (add, edit, delete, reorder), completion prompt, parameters, raw JSON mode.
import type { StateCreator } from 'zustand';
import type { Message, RunParams } from '../api/run-spec.ts';
import { DEFAULT_DRAFT, type Draft, loadDraft, newMessageId } from './draft.ts';
import type { AppState } from './store.ts';

export interface DraftSlice {
  draft: Draft;
  setDraft(d: Draft): void;
  patchDraft(p: Partial<Draft>): void;
  setParam<K extends keyof RunParams>(k: K, v: RunParams[K]): void;
  addMessage(m: Message): void;
  updateMessage(i: number, m: Partial<Message>): void;
  deleteMessage(i: number): void;
  moveMessage(i: number, delta: -1 | 1): void;
}

export const createDraftSlice: StateCreator<AppState, [], [], DraftSlice> = (set) => ({
  draft: typeof localStorage === 'undefined' ? DEFAULT_DRAFT : loadDraft(),
  setDraft: (d) => set({ draft: d }),
  patchDraft: (p) => set((s) => ({ draft: { ...s.draft, ...p } })),
  setParam: (k, v) => set((s) => ({ draft: { ...s.draft, params: { ...s.draft.params, [k]: v } } })),
  addMessage: (m) =>
    set((s) => ({ draft: { ...s.draft, messages: [...s.draft.messages, { ...m, id: newMessageId() }] } })),
  updateMessage: (i, m) =>
    set((s) => ({ draft: { ...s.draft, messages: s.draft.messages.map((x, j) => (j === i ? { ...x, ...m } : x)) } })),
  deleteMessage: (i) => set((s) => ({ draft: { ...s.draft, messages: s.draft.messages.filter((_, j) => j !== i) } })),
  moveMessage: (i, delta) =>
    set((s) => {
      const j = i + delta;
      const ms = [...s.draft.messages];
      const a = ms[i];
      const b = ms[j];
      if (!a || !b) return s;
      ms[i] = b;
      ms[j] = a;
      return { draft: { ...s.draft, messages: ms } };
    }),
});
