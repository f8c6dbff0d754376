// Restore from history: the form that made the run goes back into the editor, and the run itself comes back as the
// page's active run — its output, logprobs and SAE readings — so the output and the SAE view show it again.
import { runFromHistory } from '../store/run-record.ts';
import { useStore } from '../store/store.ts';
import { rememberLastRun } from './last-run.ts';

export async function restoreRun(id: string): Promise<void> {
  const st = useStore.getState();
  const h = await st.getHistoryRun(id);
  if (!h) return;
  st.setDraft({ ...h.draft });
  // a run of this id still streaming is left alone (it files itself when it ends)
  if (useStore.getState().runs[id]?.status === 'running') return;
  useStore.getState().addRun(runFromHistory(h, h.draft.mode), { activate: true });
  rememberLastRun(id);
}
