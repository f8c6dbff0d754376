// Finished runs (their summaries; the whole runs stay in the history store until asked for), the pair chosen for
// a side-by-side comparison, and what the user must be told about saving (evictions, a full browser, migration).
import type { StateCreator } from 'zustand';
import { exportHistory, type HistoryRun, type HistorySummary, parseHistoryFile, summaryOf } from './history.ts';
import {
  HISTORY_BUDGET_BYTES,
  HistoryFullError,
  type HistoryStore,
  memoryHistoryStore,
  openHistory,
} from './history-db.ts';
import type { AppState } from './store.ts';

export interface HistorySlice {
  history: HistorySummary[];
  historyReady: boolean;
  historyNotice?: string;
  compare: string[];
  /** Opens the history store (IndexedDB) and loads the list; called once at start. */
  initHistory(store?: Promise<{ store: HistoryStore; notices: string[] }>): Promise<void>;
  /** Files a run; resolves with whether it was stored (a refusal is told in the notice). */
  addHistory(r: HistoryRun): Promise<boolean>;
  getHistoryRun(id: string): Promise<HistoryRun | undefined>;
  removeHistory(id: string): Promise<void>;
  clearHistory(): Promise<void>;
  exportHistoryText(): Promise<string>;
  importHistoryText(text: string): Promise<void>;
  toggleCompare(id: string): void;
  dismissHistoryNotice(): void;
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

export const createHistorySlice: StateCreator<AppState, [], [], HistorySlice> = (set, get) => {
  let store: HistoryStore = memoryHistoryStore();
  const notify = (historyNotice: string) => set({ historyNotice });
  const reload = async () => set({ history: await store.list() });
  const put = async (r: HistoryRun, summary?: HistorySummary): Promise<boolean> => {
    try {
      const { evicted } = await store.put(r, summary);
      if (evicted.length) {
        notify(
          `History keeps at most ${mb(HISTORY_BUDGET_BYTES)}: the ${evicted.length === 1 ? 'oldest run was' : `${evicted.length} oldest runs were`} removed to make room.`,
        );
      }
      return true;
    } catch (e) {
      if (e instanceof HistoryFullError) {
        notify(`This run was not saved to history: ${e.message}. Delete or export older runs to make room.`);
        return false;
      }
      notify(`This run was not saved to history: ${(e as Error).message}`);
      return false;
    }
  };
  return {
    history: [],
    historyReady: false,
    compare: [],
    async initHistory(opened = openHistory()) {
      const o = await opened;
      store = o.store;
      set({ history: await store.list(), historyReady: true, historyNotice: o.notices.join(' ') || undefined });
    },
    async addHistory(r) {
      // shown at once; the list is re-read from the store once it is saved (or the notice says why not)
      const summary = summaryOf(r);
      set((s) => ({ history: [summary, ...s.history.filter((h) => h.id !== r.id)] }));
      const stored = await put(r, summary);
      await reload();
      return stored;
    },
    getHistoryRun: (id) => store.get(id),
    async removeHistory(id) {
      await store.remove(id);
      set((s) => ({ compare: s.compare.filter((c) => c !== id) }));
      await reload();
    },
    async clearHistory() {
      await store.clear();
      set({ compare: [] });
      await reload();
    },
    exportHistoryText: async () => exportHistory(await store.all()),
    async importHistoryText(text) {
      try {
        const { runs, dropped } = parseHistoryFile(text);
        const known = new Set(get().history.map((h) => h.id));
        let added = 0;
        for (const r of runs) {
          if (known.has(r.id)) continue;
          if (!(await put(r))) break;
          added++;
        }
        await reload();
        const skipped = runs.length - added;
        const parts = [`Imported ${added} run${added === 1 ? '' : 's'}`];
        if (skipped) parts.push(`${skipped} already here or not saved`);
        if (dropped) parts.push(`${dropped} could not be read`);
        if (!get().historyNotice?.startsWith('This run was not saved')) notify(`${parts.join('; ')}.`);
      } catch (e) {
        notify(`That file could not be imported: ${(e as Error).message}`);
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
