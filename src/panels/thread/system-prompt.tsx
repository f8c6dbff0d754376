import { useId } from 'react';
import { useStore } from '../../store/store.ts';

/** The system prompt: the conversation's first message when it is a system message. */
export function SystemPrompt() {
  const id = useId();
  const first = useStore((s) => (s.draft.messages[0]?.role === 'system' ? s.draft.messages[0] : undefined));
  const patchDraft = useStore((s) => s.patchDraft);
  const set = (text: string) => {
    const ms = useStore.getState().draft.messages;
    const rest = ms[0]?.role === 'system' ? ms.slice(1) : ms;
    patchDraft({
      messages: text ? [{ id: first?.id ?? crypto.randomUUID(), role: 'system', content: text }, ...rest] : rest,
    });
  };
  return (
    <div className="field system-prompt">
      <label htmlFor={`${id}-sys`}>System prompt</label>
      <textarea
        id={`${id}-sys`}
        rows={2}
        value={first?.content ?? ''}
        placeholder="Optional: how the assistant should behave"
        onChange={(e) => set(e.target.value)}
      />
    </div>
  );
}
