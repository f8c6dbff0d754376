// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DRAFT } from './draft.ts';
import {
  exportHistory,
  HISTORY_KEY,
  type HistoryRun,
  importHistory,
  loadHistory,
  saveHistory,
  stripKeys,
} from './history.ts';

beforeEach(() => localStorage.clear());

const run = (id: string, createdAt = '2026-11-25T10:00:00Z'): HistoryRun => ({
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
  output: ' a truth',
  status: 'done',
  stats: {},
});

describe('history store', () => {
  it('round-trips the current version and never stores a key', () => {
    saveHistory([run('a')]);
    expect(localStorage.getItem(HISTORY_KEY)).not.toContain('ax_secret');
    expect(loadHistory().runs.map((r) => r.id)).toEqual(['a']);
  });

  it('migrates version 1 to the current version', () => {
    localStorage.setItem(
      HISTORY_KEY,
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
    const { runs, notice } = loadHistory();
    expect(notice).toBeUndefined();
    expect(runs[0]?.draft.mode).toBe('chat');
    expect(runs[0]?.draft.messages).toMatchObject([{ role: 'user', content: 'Hi' }]);
    expect(runs[0]?.status).toBe('done');
    expect(runs[0]?.request.meta.path).toBe('/v1/chat/completions');
  });

  it('resets a corrupted store with a notice instead of crashing', () => {
    for (const bad of ['{nope', '{"version": 99, "runs": []}', '{"runs": []}', '{"version": 2, "runs": 5}']) {
      localStorage.setItem(HISTORY_KEY, bad);
      const r = loadHistory();
      expect(r.runs).toEqual([]);
      expect(r.notice).toMatch(/reset/);
      expect(localStorage.getItem(HISTORY_KEY)).toBeNull();
    }
  });

  it('exports and imports, merging by id and stripping keys from imported requests', () => {
    const text = exportHistory([run('a'), run('b', '2026-11-25T11:00:00Z')]);
    const tampered = text.replace(
      '"Content-Type": "application/json"',
      '"Content-Type": "application/json", "x-api-key": "ax_leak"',
    );
    const merged = importHistory(tampered, [run('a')]);
    expect(merged.map((r) => r.id)).toEqual(['b', 'a']);
    expect(JSON.stringify(merged)).not.toContain('ax_leak');
  });
});
