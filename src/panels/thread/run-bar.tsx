import { useId } from 'react';
import { browserRoute } from '../../api/routes/registry.ts';
import { guideBlocker } from '../../store/guide-check.ts';
import { FIELD_LABELS, PARAM_FIELDS, runBlocker } from '../../store/params-check.ts';
import { selectActiveRun } from '../../store/runs-slice.ts';
import { useStore } from '../../store/store.ts';
import { RunStats } from './run-stats.tsx';

/**
 * The sticky bar under the conversation: one button that is Run, and Stop while a reply streams (Escape stops
 * too); why Run cannot start, when it cannot; the run's error (once, here); stats; Clear chat and its Undo.
 */
export function RunBar({ onRun, onStop, running }: { onRun(): void; onStop(): void; running: boolean }) {
  const id = useId();
  const draft = useStore((s) => s.draft);
  const run = useStore(selectActiveRun);
  const undo = useStore((s) => s.undo);
  const clearChat = useStore((s) => s.clearChat);
  const undoLast = useStore((s) => s.undoLast);
  const guideBlock = useStore(guideBlocker);
  const blocker = runBlocker(draft) ?? guideBlock;
  const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
  const chat = browserRoute(draft.mode).input === 'messages';
  // an error that belongs to a field is shown on it; one that belongs to a reply, on the reply
  const inReply = run?.status === 'error' && chat && draft.messages.some((m) => m.runId === run.id);
  const onField = run?.errorField !== undefined && PARAM_FIELDS.has(run.errorField);
  const error = run?.status === 'error' && !onField && !inReply ? run.error : undefined;
  return (
    <section className="run-bar" aria-label="Run">
      <div className="row">
        {running ? (
          <button type="button" className="primary run-button" onClick={onStop} aria-keyshortcuts="Escape">
            Stop
          </button>
        ) : (
          <button
            type="button"
            className="primary run-button"
            onClick={onRun}
            disabled={blocker !== undefined}
            aria-describedby={blocker ? `${id}-why` : undefined}
            aria-keyshortcuts={isMac ? 'Meta+Enter' : 'Control+Enter'}
          >
            Run
          </button>
        )}
        {chat && (
          <button type="button" onClick={clearChat} disabled={running || draft.messages.length === 0}>
            Clear chat
          </button>
        )}
        {undo && (
          <span className="undo" role="status">
            {undo.label}.{' '}
            <button type="button" onClick={undoLast}>
              Undo
            </button>
          </span>
        )}
        <span className="spacer" />
        <span className="hint keys">{running ? 'Esc stops' : `${isMac ? '⌘' : 'Ctrl'}+Enter runs`}</span>
      </div>
      {blocker && !running && (
        <p className="hint why" id={`${id}-why`}>
          {blocker}
        </p>
      )}
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
      {run?.status === 'error' && onField && (
        <p className="field-error">
          The server refused a parameter: see {FIELD_LABELS[run.errorField ?? ''] ?? run.errorField} under Parameters.
        </p>
      )}
      {run && run.request.url !== '' && <RunStats run={run} />}
    </section>
  );
}
