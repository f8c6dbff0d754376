import { useState } from 'react';
import { DEFAULT_DRAFT } from '../../store/draft.ts';
import { useStore } from '../../store/store.ts';

const SAMPLES = [
  { label: 'Austen opening', mode: 'completion' as const, text: 'It is a truth universally acknowledged, that' },
  { label: 'A letter', mode: 'completion' as const, text: 'My dear Elizabeth,\nI write to you from Bath, where' },
  { label: 'JSON line', mode: 'completion' as const, text: '{"name": "Emma Woodhouse", "home": "' },
  { label: 'Chat (it has no chat training)', mode: 'chat' as const, text: 'What do you think of Mr. Darcy?' },
];

type Field = 'composer' | 'prompt';

/** What the local model is, honestly, and a few prompts that show it at its best. A sample that replaces text the
 * user wrote says so, with Undo. */
export function LocalModelCard({ description }: { description?: string }) {
  const patchDraft = useStore((s) => s.patchDraft);
  const [replaced, setReplaced] = useState<{ field: Field; text: string } | undefined>();
  const use = (sample: (typeof SAMPLES)[number]) => {
    const field: Field = sample.mode === 'chat' ? 'composer' : 'prompt';
    const d = useStore.getState().draft;
    const before = d[field];
    const own = before.trim() !== '' && before !== sample.text && before !== DEFAULT_DRAFT[field];
    setReplaced(own ? { field, text: before } : undefined);
    patchDraft({ mode: sample.mode, [field]: sample.text });
  };
  return (
    <div className="about">
      <strong>About this model</strong>
      <p className="hint">{description}</p>
      <p className="hint">
        Trained here on five Jane Austen novels (Persuasion held out) and synthetic JSON lines. It continues text one
        character at a time: expect pseudo-Austen with misspellings. It cannot follow instructions, answer questions or
        hold a conversation.
      </p>
      <div className="row">
        {SAMPLES.map((s) => (
          <button key={s.label} type="button" onClick={() => use(s)}>
            {s.label}
          </button>
        ))}
      </div>
      {replaced && (
        <p className="hint" role="status">
          The sample replaced your {replaced.field === 'composer' ? 'message' : 'prompt'}.{' '}
          <button
            type="button"
            onClick={() => {
              patchDraft({ [replaced.field]: replaced.text });
              setReplaced(undefined);
            }}
          >
            Undo
          </button>
        </p>
      )}
    </div>
  );
}
