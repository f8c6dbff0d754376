import { useId } from 'react';
import { BROWSER_ROUTES } from '../../api/routes/registry.ts';
import { useStore } from '../../store/store.ts';

/** Chat, Completion or Generate: which route Run uses. */
export function ModeSwitch() {
  const id = useId();
  const mode = useStore((s) => s.draft.mode);
  const patchDraft = useStore((s) => s.patchDraft);
  const rawBody = useStore((s) => s.draft.rawBody);
  return (
    <div className="mode-switch">
      <fieldset className="segmented">
        <legend className="sr-only">Mode</legend>
        {BROWSER_ROUTES.map((r) => (
          <label key={r.key} className={mode === r.key ? 'seg selected' : 'seg'} title={r.hint}>
            <input
              type="radio"
              name={`${id}-mode`}
              checked={mode === r.key}
              onChange={() => patchDraft({ mode: r.key })}
            />
            {r.label}
          </label>
        ))}
      </fieldset>
      {rawBody !== undefined && (
        <p className="warning">
          Raw mode: the edited JSON body in the inspector is what will be sent.{' '}
          <button type="button" onClick={() => patchDraft({ rawBody: undefined })}>
            Back to the form
          </button>
        </p>
      )}
    </div>
  );
}
