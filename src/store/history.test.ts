// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DRAFT } from './draft.ts';
import {
  exportHistory,
  type HistoryRun,
  LEGACY_HISTORY_KEY,
  parseHistoryFile,
  readHistoryList,
  stripKeys,
  summaryOf,
} from './history.ts';
import { HistoryFullError, type HistoryStore, openHistory, toEvict } from './history-db.ts';
import { saeColumns } from './run-record.ts';
import { useStore } from './store.ts';

let db = 0;
const fresh = (o: { budget?: number } = {}) => openHistory({ dbName: `test-${++db}`, legacy: localStorage, ...o });

beforeEach(() => localStorage.clear());
afterEach(() => vi.restoreAllMocks());

const run = (id: string, createdAt = '2026-11-25T10:00:00Z', output = ' a truth'): HistoryRun => ({
  id,
  createdAt,
  draft: DEFAULT_DRAFT,
  request: stripKeys({
    method: 'POST',
    url: 'http://127.0.0.1:8420/v1/completions',
    headers: { 'Content-Type': 'application/json', 'x-api-key': 'ax_secret' },
    body: { model: 'austen-mini', prompt: 'It is' },
    meta: { target: 'local', baseUrl: 'http://127.0.0.1:8420', path: '/v1/completions' },
  }),
  output,
  status: 'done',
  stats: { totalMs: 12 },
  tokens: [...output].map((text, i) => ({
    text,
    logprob: -i,
    top: [{ token: text, logprob: -i }],
    side: { constraint: { state: i } },
  })),
});

describe('history in IndexedDB', () => {
  it('keeps the whole run — tokens with logprobs and side data — and lists summaries newest first', async () => {
    const { store, notices } = await fresh();
    expect(notices).toEqual([]);
    await store.put(run('a'));
    await store.put(run('b', '2026-11-25T11:00:00Z'));
    expect((await store.list()).map((s) => [s.id, s.tokenCount])).toEqual([
      ['b', 8],
      ['a', 8],
    ]);
    const a = await store.get('a');
    expect(a?.tokens[3]).toEqual({
      text: 't',
      logprob: -3,
      top: [{ token: 't', logprob: -3 }],
      side: { constraint: { state: 3 } },
    });
    expect(a?.request.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(JSON.stringify(await store.all())).not.toContain('ax_secret');
  });

  it('keeps a monitored run’s SAE readings (columns) with its tokens, not in the list’s summaries', async () => {
    const { store } = await fresh();
    const r = run('m');
    const saeTokens = saeColumns(
      r.tokens.map((t, n) => ({
        n,
        text: t.text,
        sae: { index: n, attempt: 1, behaviors: { json: { score: n / 10, drift: false } } },
      })),
    );
    await store.put({ ...r, saeTokens });
    expect((await store.get('m'))?.saeTokens).toEqual(saeTokens);
    expect((await store.list())[0]).not.toHaveProperty('saeTokens');
  });

  it('moves the first slice’s localStorage history (version 1 and 2) into IndexedDB, step by step', async () => {
    localStorage.setItem(
      LEGACY_HISTORY_KEY,
      JSON.stringify({
        version: 1,
        runs: [
          {
            id: 'old',
            createdAt: '2026-01-01T00:00:00Z',
            url: 'http://127.0.0.1:8420/v1/chat/completions',
            body: { model: 'm', messages: [{ role: 'user', content: 'Hi' }] },
            output: 'Hello',
          },
        ],
      }),
    );
    const { store, notices } = await fresh();
    expect(notices).toEqual([]);
    expect(localStorage.getItem(LEGACY_HISTORY_KEY)).toBeNull();
    const old = await store.get('old');
    expect(old?.draft.mode).toBe('chat');
    expect(old?.draft.messages).toMatchObject([{ role: 'user', content: 'Hi' }]);
    expect(old?.request.meta.path).toBe('/v1/chat/completions');
    expect(old?.output).toBe('Hello');
    expect(old?.tokens).toEqual([]);

    const { tokens: _t, ...v2run } = run('two');
    localStorage.setItem(LEGACY_HISTORY_KEY, JSON.stringify({ version: 2, runs: [v2run, { id: 5 }] }));
    const second = await fresh();
    expect((await second.store.list()).map((s) => s.id)).toEqual(['two']);
    expect(second.notices.join(' ')).toMatch(/1 saved runs could not be read/);
  });

  it('resets an unreadable legacy history with a notice instead of crashing', async () => {
    for (const bad of ['{nope', '{"version": 99, "runs": []}', '{"runs": []}', '{"version": 2, "runs": 5}']) {
      localStorage.setItem(LEGACY_HISTORY_KEY, bad);
      const { store, notices } = await fresh();
      expect(await store.list()).toEqual([]);
      expect(notices.join(' ')).toMatch(/could not be read .* was reset/);
      expect(localStorage.getItem(LEGACY_HISTORY_KEY)).toBeNull();
    }
  });

  it('evicts the oldest runs first to stay under the budget', async () => {
    const big = (id: string, t: string) => run(id, t, 'x'.repeat(3000));
    const size = summaryOf(big('p', '2026-01-01T00:00:00Z')).bytes;
    const { store } = await fresh({ budget: size * 2 + 10 });
    expect((await store.put(big('1', '2026-01-01T00:00:01Z'))).evicted).toEqual([]);
    expect((await store.put(big('2', '2026-01-01T00:00:02Z'))).evicted).toEqual([]);
    expect((await store.put(big('3', '2026-01-01T00:00:03Z'))).evicted).toEqual(['1']);
    expect((await store.list()).map((s) => s.id)).toEqual(['3', '2']);
    expect(toEvict([], summaryOf(big('x', 'y')), 1)).toEqual([]);
  });

  it('reports a browser that refuses to store more (QuotaExceededError), never swallows it', async () => {
    const { store } = await fresh();
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(store.put(run('q'))).rejects.toThrow(HistoryFullError);
    vi.restoreAllMocks();
    expect(await store.list()).toEqual([]);
  });
});

describe('export files', () => {
  it('round-trip, and an import strips any key a tampered file carries', () => {
    const text = exportHistory([run('a')]);
    const tampered = text.replace(
      '"Content-Type": "application/json"',
      '"Content-Type": "application/json", "x-api-key": "ax_leak"',
    );
    const { runs } = parseHistoryFile(tampered);
    expect(runs[0]?.tokens).toHaveLength(8);
    expect(JSON.stringify(runs)).not.toContain('ax_leak');
  });

  it('read older lists too, and say why a file cannot be read', () => {
    const { tokens: _t, ...v2run } = run('z');
    expect(readHistoryList({ version: 2, runs: [v2run] }).runs[0]?.id).toBe('z');
    expect(() => parseHistoryFile('nope')).toThrow(/not JSON/);
    expect(() => parseHistoryFile('{"version": 4, "runs": []}')).toThrow(/newer version/);
  });
});

describe('the history slice', () => {
  const slice = async (store: HistoryStore) => {
    await useStore.getState().initHistory(Promise.resolve({ store, notices: [] }));
    return useStore.getState();
  };

  it('files runs, tells the user about evictions and refusals, and imports by id', async () => {
    const { store } = await fresh();
    const st = await slice(store);
    await st.addHistory(run('a'));
    expect(useStore.getState().history.map((h) => h.id)).toEqual(['a']);
    vi.spyOn(store, 'put').mockRejectedValueOnce(new HistoryFullError('this browser refused to store more'));
    await useStore.getState().addHistory(run('b', '2026-11-25T12:00:00Z'));
    expect(useStore.getState().historyNotice).toMatch(/was not saved to history: this browser refused/);
    expect(useStore.getState().history.map((h) => h.id)).toEqual(['a']);
    vi.spyOn(store, 'put').mockResolvedValueOnce({ evicted: ['x', 'y'] });
    await useStore.getState().addHistory(run('c'));
    expect(useStore.getState().historyNotice).toMatch(/2 oldest runs were removed/);
    await useStore.getState().importHistoryText(exportHistory([run('a'), run('d', '2026-11-25T09:00:00Z')]));
    expect(useStore.getState().historyNotice).toMatch(/Imported 1 run; 1 already here/);
    expect((await useStore.getState().getHistoryRun('d'))?.tokens).toHaveLength(8);
  });
});
