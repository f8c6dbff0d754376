import { useId } from 'react';
import { BROWSER_ROUTES, browserRoute } from '../../api/routes/registry.ts';
import { selectActiveRun } from '../../store/runs-slice.ts';
import { useStore } from '../../store/store.ts';
import { MessagesEditor } from './messages-editor.tsx';
import { ParamsForm } from './params-form.tsx';

export interface PromptPanelProps {
  onRun(): void;
  onStop(): void;
}

export function PromptPanel({ onRun, onStop }: PromptPanelProps) {
  const id = useId();
  const mode = useStore((s) => s.draft.mode);
  const composer = useStore((s) => s.draft.composer);
  const prompt = useStore((s) => s.draft.prompt);
  const rawBody = useStore((s) => s.draft.rawBody);
  const patchDraft = useStore((s) => s.patchDraft);
  const running = useStore((s) => selectActiveRun(s)?.status === 'running');
  const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Prompt</h2>
      <fieldset className="row" style={{ border: 0, padding: 0, margin: '0 0 6px' }}>
        <legend className="sr-only">Mode</legend>
        {BROWSER_ROUTES.map((r) => (
          <label key={r.key} className="inline" title={r.hint}>
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
      {browserRoute(mode).input === 'messages' ? (
        <>
          <MessagesEditor />
          <label htmlFor={`${id}-composer`}>Message</label>
          <textarea
            id={`${id}-composer`}
            rows={3}
            value={composer}
            onChange={(e) => patchDraft({ composer: e.target.value })}
            placeholder="Write a user message…"
          />
        </>
      ) : (
        <>
          <label htmlFor={`${id}-prompt`}>Prompt</label>
          <textarea
            id={`${id}-prompt`}
            rows={6}
            value={prompt}
            onChange={(e) => patchDraft({ prompt: e.target.value })}
          />
        </>
      )}
      <div className="row" style={{ marginTop: 8 }}>
        <button
          type="button"
          className="primary"
          onClick={onRun}
          disabled={running}
          aria-keyshortcuts={isMac ? 'Meta+Enter' : 'Control+Enter'}
        >
          Run
        </button>
        <button type="button" onClick={onStop} disabled={!running}>
          Stop
        </button>
        <span className="hint">{isMac ? '⌘' : 'Ctrl'}+Enter runs</span>
      </div>
      <details style={{ marginTop: 8 }}>
        <summary>Parameters</summary>
        <ParamsForm />
      </details>
    </section>
  );
}
