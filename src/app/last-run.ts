// The run the page showed last survives a reload: its id is remembered when it is filed in history (an id, never a
// key), and on the next load it comes back from history as the active run, so the output and the SAE view show it
// again without a trip to History.
import { runFromHistory } from '../store/run-record.ts';
import { useStore } from '../store/store.ts';

const KEY = 'axplay.lastRun';

export function rememberLastRun(id: string): void {
  try {
    localStorage.setItem(KEY, id);
  } catch {
    // storage full or disabled: a reload starts without it
  }
}

/** After history is ready: the last filed run as the active one, unless this page has runs already. */
export async function restoreLastRun(): Promise<void> {
  let id: string | null = null;
  try {
    id = localStorage.getItem(KEY);
  } catch {
    return;
  }
  if (!id) return;
  const st = useStore.getState();
  const h = await st.getHistoryRun(id);
  if (!h || useStore.getState().runOrder.length) return;
  useStore.getState().addRun(runFromHistory(h, h.draft.mode), { activate: true });
}
