// The Behaviors section's place in the side panel: its code (the chips, the behavior list's schemas) loads just after
// the page's first paint, so it stays out of the first load.
import { lazy, Suspense } from 'react';

const Panel = lazy(() => import('./behaviors-panel.tsx').then((m) => ({ default: m.BehaviorsPanel })));

export function BehaviorsPanel() {
  return (
    <Suspense
      fallback={
        <section className="panel behaviors-panel" aria-label="Behaviors">
          <h2>Behaviors</h2>
          <p className="hint">Loading…</p>
        </section>
      }
    >
      <Panel />
    </Suspense>
  );
}
