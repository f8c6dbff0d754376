// Where a steering comparison shows (in the centre, above the Run bar): its view is loaded only once there is one.
import { lazy, Suspense } from 'react';
import { useStore } from '../../store/store.ts';

const SteeringResultsView = lazy(() => import('./steering-results.tsx').then((m) => ({ default: m.SteeringResults })));

export function SteeringResults({ onStop }: { onStop(viewId: string, runIds: readonly string[]): void }) {
  const shown = useStore((s) => s.steeringView !== undefined);
  if (!shown) return null;
  return (
    <Suspense fallback={null}>
      <SteeringResultsView onStop={onStop} />
    </Suspense>
  );
}
