// Where the guided output shows (above the composer): its view is loaded only once the active run is a guided one,
// so the validator, the tree and the trace table stay out of the page's first load.
import { lazy, Suspense } from 'react';
import { requestGuide } from '../../api/guide-of-request.ts';
import { selectActiveRun } from '../../store/runs-slice.ts';
import { useStore } from '../../store/store.ts';

const load = () => import('./guide-output.tsx');
const GuideOutputView = lazy(load);

/** Fetches the view ahead of the first guided run (called when a constraint is chosen). */
export function preloadGuideOutput(): void {
  void load();
}

export function GuideOutput() {
  const guided = useStore((s) => {
    const run = selectActiveRun(s);
    return run !== undefined && run.request.url !== '' && requestGuide(run.request) !== undefined;
  });
  if (!guided) return null;
  return (
    <Suspense fallback={null}>
      <GuideOutputView />
    </Suspense>
  );
}
