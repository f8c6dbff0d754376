import { useState } from 'react';
import type { NextRequest } from '../api/next-request.ts';
import { Tabs } from '../components/ui/tabs.tsx';
import { HistoryPanel } from '../panels/history/history-panel.tsx';
import { InspectorPanel } from '../panels/inspector/inspector-panel.tsx';
import { SnippetsPanel } from '../panels/snippets/snippets-panel.tsx';

/** The tools beside the conversation: code for the request, the exact request and its frames, past runs. */
export function ToolsTabs({ next }: { next: NextRequest }) {
  const [tab, setTab] = useState('snippets');
  return (
    <Tabs
      label="Tools"
      selected={tab}
      onSelect={setTab}
      tabs={[
        { id: 'snippets', label: 'Code', content: <SnippetsPanel next={next} /> },
        { id: 'inspector', label: 'Inspector', content: <InspectorPanel next={next} /> },
        { id: 'history', label: 'History', content: <HistoryPanel /> },
      ]}
    />
  );
}
