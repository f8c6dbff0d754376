// The centre's tabs, once behaviors are in play: the conversation (or output) and the SAE view beside it. A run that
// asks for behaviors brings the SAE view forward when it starts; without behaviors the centre has no tabs at all.
import { type ReactNode, useEffect, useState } from 'react';
import { requestHasBehaviors } from '../api/behaviors.ts';
import { Tabs } from '../components/ui/tabs.tsx';
import { SaeViewSlot } from '../panels/sae/sae-view-slot.tsx';
import { selectActiveRun } from '../store/runs-slice.ts';
import { useStore } from '../store/store.ts';

export function CentreTabs({ chat, children }: { chat: boolean; children: ReactNode }) {
  const picked = useStore((s) => s.draft.behaviors.picked.length > 0);
  const activeId = useStore((s) => s.activeRunId);
  const monitored = useStore((s) => {
    const r = selectActiveRun(s);
    return r !== undefined && (r.sae !== undefined || requestHasBehaviors(r.request));
  });
  const [tab, setTab] = useState<'main' | 'sae'>('main');
  // a monitored run that becomes the active one (started, or restored) is shown in the SAE view
  useEffect(() => {
    if (activeId !== undefined && monitored) setTab('sae');
  }, [activeId, monitored]);
  if (!picked && !monitored) return <>{children}</>;
  return (
    <Tabs
      label="Centre"
      selected={tab}
      onSelect={(t) => setTab(t === 'sae' ? 'sae' : 'main')}
      tabs={[
        { id: 'main', label: chat ? 'Conversation' : 'Output', content: children },
        { id: 'sae', label: 'SAE view', content: <SaeViewSlot /> },
      ]}
    />
  );
}
