// The steering section's place in the side panel: its code (the picker, the vector list's schemas, the slider) loads
// just after the page's first paint, so it stays out of the first load.
import { lazy, Suspense } from 'react';
import type { SteeringPanelProps } from './steering-panel.tsx';

const Panel = lazy(() => import('./steering-panel.tsx').then((m) => ({ default: m.SteeringPanel })));

export function SteeringPanel(p: SteeringPanelProps) {
  return (
    <Suspense
      fallback={
        <section className="panel steering-panel" aria-label="Steering">
          <h2>Steering</h2>
          <p className="hint">Loading…</p>
        </section>
      }
    >
      <Panel {...p} />
    </Suspense>
  );
}
