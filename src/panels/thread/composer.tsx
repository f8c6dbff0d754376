import { useId, useState } from 'react';
import { useStore } from '../../store/store.ts';

/** The next message: Run sends it as the user; "Add without running" puts it in the conversation as either role. */
export function Composer() {
  const id = useId();
  const composer = useStore((s) => s.draft.composer);
  const patchDraft = useStore((s) => s.patchDraft);
  const addMessage = useStore((s) => s.addMessage);
  const [role, setRole] = useState<'user' | 'assistant'>('user');
  return (
    <div className="composer">
      <label htmlFor={`${id}-msg`}>Message</label>
      <textarea
        id={`${id}-msg`}
        rows={2}
        value={composer}
        onChange={(e) => patchDraft({ composer: e.target.value })}
        placeholder="Write a message… (Ctrl/⌘+Enter runs)"
      />
      <details className="composer-add">
        <summary>Add without running</summary>
        <div className="row">
          <label className="inline" htmlFor={`${id}-role`}>
            Add as
          </label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as 'user' | 'assistant')}>
            <option value="user">user</option>
            <option value="assistant">assistant</option>
          </select>
          <button
            type="button"
            disabled={!composer.trim()}
            onClick={() => {
              addMessage({ role, content: composer });
              patchDraft({ composer: '' });
            }}
          >
            Add to the conversation
          </button>
        </div>
      </details>
    </div>
  );
}
