// Finished runs (persisted), and the pair chosen for a side-by-side comparison.
import type { StateCreator } from 'zustand';
import { type HistoryRun, importHistory, loadHistory, saveHistory } from './history.ts';
import type { AppState } from './store.ts';

export interface HistorySlice {
  history: HistoryRun[];
  historyNotice?: string;
  compare: string[];
  addHistory(r: HistoryRun): void;
  removeHistory(id: string): void;
  clearHistory(): void;
  importHistoryText(text: string): void;
  toggleCompare(id: string): void;
  dismissHistoryNotice(): void;
}

export const createHistorySlice: StateCreator<AppState, [], [], HistorySlice> = (set, get) => {
  const loaded = typeof localStorage === 'undefined' ? { runs: [] } : loadHistory();
  const persist = () => saveHistory(get().history);
  return {
    history: loaded.runs,
    historyNotice: 'notice' in loaded ? loaded.notice : undefined,
    compare: [],
    addHistory(r) {
      set((s) => ({ history: [r, ...s.history] }));
      persist();
    },
    removeHistory(id) {
      set((s) => ({ history: s.history.filter((r) => r.id !== id), compare: s.compare.filter((c) => c !== id) }));
      persist();
    },
    clearHistory() {
      set({ history: [], compare: [] });
      persist();
    },
    importHistoryText(text) {
      try {
        set((s) => ({ history: importHistory(text, s.history), historyNotice: undefined }));
        persist();
      } catch (e) {
        set({ historyNotice: `That file could not be imported: ${(e as Error).message}` });
      }
    },
    toggleCompare(id) {
      set((s) => ({
        compare: s.compare.includes(id) ? s.compare.filter((c) => c !== id) : [...s.compare, id].slice(-2),
      }));
    },
    dismissHistoryNotice() {
      set({ historyNotice: undefined });
    },
  };
};
