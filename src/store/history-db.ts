// Where finished runs live: IndexedDB (database "axplay", one store of summaries for the list and one of tokens,
// written together), under a size budget — the oldest runs are evicted first and the caller tells the user. A
// browser that refuses to store more (QuotaExceededError) is reported as HistoryFullError, never swallowed.
// Without IndexedDB (tests, locked-down browsers) the same interface keeps runs in memory.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import {
  HISTORY_VERSION,
  type HistoryRun,
  type HistorySummary,
  LEGACY_HISTORY_KEY,
  readHistoryList,
  readRun,
  summaryOf,
} from './history.ts';
import { SavedDataError } from './versioned.ts';

export const HISTORY_BUDGET_BYTES = 50 * 1024 * 1024;

export class HistoryFullError extends Error {
  override name = 'HistoryFullError';
}

export interface PutResult {
  /** Ids of the oldest runs removed to stay under the budget. */
  evicted: string[];
}

export interface HistoryStore {
  /** Every run's summary, newest first. */
  list(): Promise<HistorySummary[]>;
  get(id: string): Promise<HistoryRun | undefined>;
  all(): Promise<HistoryRun[]>;
  /** Files a run (its summary, when the caller has it already: its size is the run's JSON length, not free). */
  put(run: HistoryRun, summary?: HistorySummary): Promise<PutResult>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
  /** Where the runs are kept, in words. */
  readonly where: string;
}

const newestFirst = (a: { createdAt: string }, b: { createdAt: string }) =>
  a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;

/** Which summaries to evict (oldest first) so that the total stays within the budget with `incoming` added. */
export function toEvict(existing: readonly HistorySummary[], incoming: HistorySummary, budget: number): string[] {
  let total = incoming.bytes + existing.reduce((n, s) => n + (s.id === incoming.id ? 0 : s.bytes), 0);
  const out: string[] = [];
  for (const s of [...existing].sort(newestFirst).reverse()) {
    if (total <= budget) break;
    if (s.id === incoming.id) continue;
    out.push(s.id);
    total -= s.bytes;
  }
  return out;
}

export function memoryHistoryStore(budget = HISTORY_BUDGET_BYTES): HistoryStore {
  const runs = new Map<string, HistoryRun>();
  const summaries = new Map<string, HistorySummary>();
  return {
    where: 'this tab only (no IndexedDB)',
    list: async () => [...summaries.values()].sort(newestFirst),
    get: async (id) => runs.get(id),
    all: async () => [...runs.values()].sort(newestFirst),
    async put(run, summary) {
      const s = summary ?? summaryOf(run);
      if (s.bytes > budget) throw new HistoryFullError(`the run is larger than the history budget (${budget} bytes)`);
      const evicted = toEvict([...summaries.values()], s, budget);
      for (const id of evicted) {
        runs.delete(id);
        summaries.delete(id);
      }
      runs.set(run.id, run);
      summaries.set(run.id, s);
      return { evicted };
    },
    remove: async (id) => {
      runs.delete(id);
      summaries.delete(id);
    },
    clear: async () => {
      runs.clear();
      summaries.clear();
    },
  };
}

interface HistoryDb extends DBSchema {
  summaries: { key: string; value: HistorySummary & { v: number } };
  tokens: { key: string; value: { id: string; tokens: HistoryRun['tokens']; saeTokens?: HistoryRun['saeTokens'] } };
}

const isQuota = (e: unknown): e is { name: string } =>
  typeof e === 'object' &&
  e !== null &&
  ((e as { name?: unknown }).name === 'QuotaExceededError' ||
    /quota/i.test(String((e as { message?: unknown }).message)));

class IdbHistoryStore implements HistoryStore {
  readonly where = 'this browser (IndexedDB)';
  constructor(
    private readonly db: IDBPDatabase<HistoryDb>,
    private readonly budget: number,
  ) {}

  async list(): Promise<HistorySummary[]> {
    const out: HistorySummary[] = [];
    for (const raw of await this.db.getAll('summaries')) {
      try {
        const run = readRun({ ...raw, tokens: [] });
        out.push({ ...run, tokenCount: raw.tokenCount, bytes: raw.bytes });
      } catch (e) {
        if (!(e instanceof SavedDataError)) throw e;
      }
    }
    return out.sort(newestFirst);
  }

  async get(id: string): Promise<HistoryRun | undefined> {
    const tx = this.db.transaction(['summaries', 'tokens']);
    const [s, t] = await Promise.all([tx.objectStore('summaries').get(id), tx.objectStore('tokens').get(id)]);
    if (!s) return undefined;
    return readRun({ ...s, tokens: t?.tokens ?? [], ...(t?.saeTokens ? { saeTokens: t.saeTokens } : {}) });
  }

  async all(): Promise<HistoryRun[]> {
    const out: HistoryRun[] = [];
    for (const s of await this.list()) {
      const r = await this.get(s.id);
      if (r) out.push(r);
    }
    return out;
  }

  async put(run: HistoryRun, given?: HistorySummary): Promise<PutResult> {
    const { tokens, saeTokens, ...rest } = run;
    const summary = given ?? summaryOf(run);
    if (summary.bytes > this.budget)
      throw new HistoryFullError(`the run is larger than the history budget (${this.budget} bytes)`);
    const evicted = toEvict(await this.list(), summary, this.budget);
    try {
      const tx = this.db.transaction(['summaries', 'tokens'], 'readwrite');
      for (const id of evicted) {
        void tx.objectStore('summaries').delete(id);
        void tx.objectStore('tokens').delete(id);
      }
      void tx
        .objectStore('summaries')
        .put({ ...rest, v: HISTORY_VERSION, tokenCount: tokens.length, bytes: summary.bytes });
      void tx.objectStore('tokens').put({ id: run.id, tokens, ...(saeTokens ? { saeTokens } : {}) });
      await tx.done;
    } catch (e) {
      if (isQuota(e)) throw new HistoryFullError(`this browser refused to store more (${e.name})`);
      throw e;
    }
    return { evicted };
  }

  async remove(id: string): Promise<void> {
    const tx = this.db.transaction(['summaries', 'tokens'], 'readwrite');
    await Promise.all([tx.objectStore('summaries').delete(id), tx.objectStore('tokens').delete(id), tx.done]);
  }

  async clear(): Promise<void> {
    const tx = this.db.transaction(['summaries', 'tokens'], 'readwrite');
    await Promise.all([tx.objectStore('summaries').clear(), tx.objectStore('tokens').clear(), tx.done]);
  }
}

export interface OpenedHistory {
  store: HistoryStore;
  /** Things the user should be told (a migration, runs that could not be read). */
  notices: string[];
}

/**
 * Opens the history: IndexedDB when the browser has it (else memory), then moves the first slice's localStorage
 * history into it (migrated step by step) and removes the old copy.
 */
export async function openHistory(
  o: { dbName?: string; legacy?: Storage; budget?: number } = {},
): Promise<OpenedHistory> {
  const budget = o.budget ?? HISTORY_BUDGET_BYTES;
  const notices: string[] = [];
  let store: HistoryStore;
  if (typeof indexedDB !== 'undefined') {
    try {
      const db = await openDB<HistoryDb>(o.dbName ?? 'axplay', 1, {
        upgrade(d) {
          d.createObjectStore('summaries', { keyPath: 'id' });
          d.createObjectStore('tokens', { keyPath: 'id' });
        },
      });
      store = new IdbHistoryStore(db, budget);
    } catch (e) {
      store = memoryHistoryStore(budget);
      notices.push(
        `History cannot be saved in this browser (${(e as Error).message}): it lasts until you close the tab.`,
      );
    }
  } else {
    store = memoryHistoryStore(budget);
  }
  const legacy = o.legacy ?? (typeof localStorage === 'undefined' ? undefined : localStorage);
  const old = legacy?.getItem(LEGACY_HISTORY_KEY);
  if (legacy && old) {
    try {
      const { runs, dropped } = readHistoryList(JSON.parse(old));
      for (const r of runs) await store.put(r);
      legacy.removeItem(LEGACY_HISTORY_KEY);
      if (dropped) notices.push(`${dropped} saved runs could not be read and were left out when history moved.`);
    } catch (e) {
      if (e instanceof HistoryFullError) {
        notices.push(`Your saved history could not be moved (${e.message}); it stays in its old place for now.`);
      } else {
        legacy.removeItem(LEGACY_HISTORY_KEY);
        notices.push(`Your saved history could not be read (${(e as Error).message}) and was reset.`);
      }
    }
  }
  return { store, notices };
}
