import { useStore } from '../../store/store.ts';

const SAMPLES = [
  { label: 'Austen opening', mode: 'completion' as const, text: 'It is a truth universally acknowledged, that' },
  { label: 'A letter', mode: 'completion' as const, text: 'My dear Elizabeth,\nI write to you from Bath, where' },
  { label: 'JSON line', mode: 'completion' as const, text: '{"name": "Emma Woodhouse", "home": "' },
  { label: 'Chat (it has no chat training)', mode: 'chat' as const, text: 'What do you think of Mr. Darcy?' },
];

/** What the local model is, honestly, and a few prompts that show it at its best. */
export function LocalModelCard({ description }: { description?: string }) {
  const patchDraft = useStore((s) => s.patchDraft);
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
          <button
            key={s.label}
            type="button"
            onClick={() =>
              s.mode === 'chat'
                ? patchDraft({ mode: 'chat', composer: s.text })
                : patchDraft({ mode: 'completion', prompt: s.text })
            }
          >
            {s.label}
          </button>
        ))}
      </div>
    </div>
  );
}
