import { useId } from 'react';
import { useStore } from '../../store/store.ts';

/** Completion and generate modes: the prompt the model continues (above the centre's tabs: it stays where it is, and
 * keeps the focus, when a monitored run brings the SAE view forward). */
export function PromptField() {
  const id = useId();
  const prompt = useStore((s) => s.draft.prompt);
  const patchDraft = useStore((s) => s.patchDraft);
  return (
    <div className="panel prompt-panel">
      <div className="field">
        <label htmlFor={`${id}-prompt`}>Prompt</label>
        <textarea
          id={`${id}-prompt`}
          rows={5}
          value={prompt}
          onChange={(e) => patchDraft({ prompt: e.target.value })}
        />
      </div>
    </div>
  );
}
