import { useId, useState } from 'react';
import { TokenDetails, type TokenInfo } from '../../components/ui/token-details.tsx';
import { useStore } from '../../store/store.ts';
import { type MessageActions, MessageItem } from './message-item.tsx';
import { SystemPrompt } from './system-prompt.tsx';

/** The chat: system prompt, the conversation (replies stream into it) and token details. */
export function ThreadPanel({ actions }: { actions: MessageActions }) {
  const id = useId();
  const messages = useStore((s) => s.draft.messages);
  const [picked, setPicked] = useState<TokenInfo | undefined>(undefined);
  const offset = messages[0]?.role === 'system' ? 1 : 0;
  const shown = messages.slice(offset);
  return (
    <section className="panel thread" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="sr-only">
        Chat
      </h2>
      <SystemPrompt />
      <ol className="conversation" aria-label="Conversation">
        {shown.map((m, i) => (
          <MessageItem
            key={m.id}
            m={m}
            index={i + offset}
            last={i === shown.length - 1}
            actions={actions}
            onPick={setPicked}
          />
        ))}
      </ol>
      {shown.length === 0 && (
        <p className="hint empty">
          No messages yet. Write one below and press Run: the reply appears here as it is written.
        </p>
      )}
      <TokenDetails token={picked} />
    </section>
  );
}
