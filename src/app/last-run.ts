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

/**
 * After history is ready: the last filed run as the active one — unless the page opened a share link (a shared form
 * is not that run's), this page has runs already, the run ended in an error (its message would greet every load),
 * or it was made in another mode than the form shows now.
 */
export async function restoreLastRun(o: { shared: boolean }): Promise<void> {
  if (o.shared) return;
  let id: string | null = null;
  try {
    id = localStorage.getItem(KEY);
  } catch {
    return;
  }
  if (!id) return;
  const h = await useStore.getState().getHistoryRun(id);
  const now = useStore.getState();
  if (!h || now.runOrder.length || h.status === 'error' || h.draft.mode !== now.draft.mode) return;
  useStore.getState().addRun(runFromHistory(h, h.draft.mode), { activate: true });
}
