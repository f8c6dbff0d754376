import { lazy, Suspense, useState } from 'react';
import type { NextRequest } from '../api/next-request.ts';
import type { ChatTemplate } from '../api/request-object.ts';
import { Tabs } from '../components/ui/tabs.tsx';
import { HistoryPanel } from '../panels/history/history-panel.tsx';
import { InspectorPanel } from '../panels/inspector/inspector-panel.tsx';
import { restoreRun } from './restore-run.ts';

// the code (every snippet target) loads just after the first paint, the Policies tool when its tab opens: both stay
// out of the page's first load
const SnippetsPanel = lazy(() =>
  import('../panels/snippets/snippets-panel.tsx').then((m) => ({ default: m.SnippetsPanel })),
);
const PoliciesPanel = lazy(() =>
  import('../panels/policies/policies-panel.tsx').then((m) => ({ default: m.PoliciesPanel })),
);

/** The tools beside the conversation: code for the request, the exact request and its frames, past runs, policies. */
export function ToolsTabs({ next, chatTemplate }: { next: NextRequest; chatTemplate?: ChatTemplate }) {
  const [tab, setTab] = useState('snippets');
  return (
    <Tabs
      label="Tools"
      selected={tab}
      onSelect={setTab}
      tabs={[
        {
          id: 'snippets',
          label: 'Code',
          content: (
            <Suspense fallback={<p className="hint">Loading…</p>}>
              <SnippetsPanel next={next} />
            </Suspense>
          ),
        },
        { id: 'inspector', label: 'Inspector', content: <InspectorPanel next={next} /> },
        { id: 'history', label: 'History', content: <HistoryPanel onRestore={restoreRun} /> },
        {
          id: 'policies',
          label: 'Policies',
          content: (
            <Suspense fallback={<p className="hint">Loading…</p>}>
              <PoliciesPanel chatTemplate={chatTemplate} />
            </Suspense>
          ),
        },
      ]}
    />
  );
}
