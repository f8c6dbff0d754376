import { chatRoles } from '../../../protocol/chat.ts';
import type { Role } from '../../api/run-spec.ts';
import { useStore } from '../../store/store.ts';

/** The chat so far: add, edit, delete and reorder system / user / assistant messages. */
export function MessagesEditor() {
  const messages = useStore((s) => s.draft.messages);
  const update = useStore((s) => s.updateMessage);
  const remove = useStore((s) => s.deleteMessage);
  const move = useStore((s) => s.moveMessage);
  const add = useStore((s) => s.addMessage);
  return (
    <div>
      {messages.length === 0 && (
        <p className="hint">No messages yet: type in Message below, or add a system message.</p>
      )}
      <ol style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Messages">
        {messages.map((m, i) => (
          <li key={m.id} className="message">
            <div className="row">
              <label className="inline" htmlFor={`msg-role-${i}`}>
                Role
              </label>
              <select id={`msg-role-${i}`} value={m.role} onChange={(e) => update(i, { role: e.target.value as Role })}>
                {chatRoles.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
              <span style={{ flex: 1 }} />
              <button type="button" onClick={() => move(i, -1)} disabled={i === 0}>
                Move up
              </button>
              <button type="button" onClick={() => move(i, 1)} disabled={i === messages.length - 1}>
                Move down
              </button>
              <button type="button" onClick={() => remove(i)}>
                Delete
              </button>
            </div>
            <label className="sr-only" htmlFor={`msg-content-${i}`}>
              Content of message {i + 1}
            </label>
            <textarea
              id={`msg-content-${i}`}
              rows={2}
              value={m.content}
              onChange={(e) => update(i, { content: e.target.value })}
            />
          </li>
        ))}
      </ol>
      <div className="row">
        <button type="button" onClick={() => add({ role: 'system', content: '' })}>
          Add system message
        </button>
        <button type="button" onClick={() => add({ role: 'user', content: '' })}>
          Add user message
        </button>
        <button type="button" onClick={() => add({ role: 'assistant', content: '' })}>
          Add assistant message
        </button>
      </div>
    </div>
  );
}
