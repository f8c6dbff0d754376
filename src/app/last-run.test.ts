// @vitest-environment jsdom
// The last run survives a reload: remembered once it is filed, back as the active run on the next load — not over a
// share link, not an errored run, not one of another mode, not when the page has runs already.
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DRAFT } from '../store/draft.ts';
import type { HistoryRun } from '../store/history.ts';
import { useStore } from '../store/store.ts';
import { rememberLastRun, restoreLastRun } from './last-run.ts';

const filed = (id: string, over: Partial<HistoryRun> = {}): HistoryRun => ({
  id,
  createdAt: '2026-11-30T08:00:00Z',
  draft: { ...DEFAULT_DRAFT, mode: 'generate' },
  request: {
    method: 'POST',
    url: 'http://x/sae/generate',
    headers: {},
    meta: { target: 'local', baseUrl: 'http://x', path: '/sae/generate' },
  },
  output: 'ab',
  status: 'done',
  stats: {},
  tokens: [{ text: 'a' }, { text: 'b' }],
  ...over,
});

beforeEach(async () => {
  localStorage.clear();
  useStore.setState({ runs: {}, runOrder: [], activeRunId: undefined, draft: { ...DEFAULT_DRAFT, mode: 'generate' } });
  await useStore.getState().clearHistory();
});

describe('the last run after a reload', () => {
  it('comes back as the active run, its tokens with it', async () => {
    expect(await useStore.getState().addHistory(filed('r1'))).toBe(true);
    rememberLastRun('r1');
    await restoreLastRun({ shared: false });
    const s = useStore.getState();
    expect(s.activeRunId).toBe('r1');
    expect(s.runs.r1?.tokens.map((t) => t.text).join('')).toBe('ab');
  });

  it('stays away over a share link, for an errored run, another mode, or a page with runs', async () => {
    await useStore.getState().addHistory(filed('ok'));
    await useStore.getState().addHistory(filed('bad', { status: 'error', error: 'boom' }));
    rememberLastRun('ok');
    await restoreLastRun({ shared: true });
    expect(useStore.getState().activeRunId).toBeUndefined();
    rememberLastRun('bad');
    await restoreLastRun({ shared: false });
    expect(useStore.getState().activeRunId).toBeUndefined();
    rememberLastRun('ok');
    useStore.setState({ draft: { ...DEFAULT_DRAFT, mode: 'chat' } });
    await restoreLastRun({ shared: false });
    expect(useStore.getState().activeRunId).toBeUndefined();
    useStore.setState({ draft: { ...DEFAULT_DRAFT, mode: 'generate' }, runOrder: ['other'] });
    await restoreLastRun({ shared: false });
    expect(useStore.getState().activeRunId).toBeUndefined();
    // a run that is not in history (evicted, refused) is simply not there
    useStore.setState({ runOrder: [] });
    rememberLastRun('gone');
    await restoreLastRun({ shared: false });
    expect(useStore.getState().activeRunId).toBeUndefined();
  });
});
