// The SAE view's place in the centre: its code loads when its tab is first shown.
import { lazy, Suspense } from 'react';

const View = lazy(() => import('./sae-view.tsx').then((m) => ({ default: m.SaeView })));

export function SaeViewSlot() {
  return (
    <Suspense fallback={<p className="hint">Loading the SAE view…</p>}>
      <View />
    </Suspense>
  );
}
