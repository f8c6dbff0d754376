import { useEffect, useId, useRef, useState } from 'react';
import { useModels } from '../../api/get-models.ts';
import type { TargetKind } from '../../api/request-object.ts';
import { baseUrlOf, baseUrlProblem } from '../../store/connection-slice.ts';
import type { KeyStorage } from '../../store/key-storage.ts';
import { useStore } from '../../store/store.ts';
import { useModelsTarget } from '../../store/use-models-target.ts';

const TARGETS: { id: TargetKind; label: string; hint: string }[] = [
  { id: 'local', label: 'Local runtime', hint: 'The model served by this machine (npm start).' },
  { id: 'hosted', label: 'Hosted Axionic API', hint: 'api.axioniclabs.ai, through the local server’s relay.' },
  { id: 'custom', label: 'Custom base URL', hint: 'Any compatible server, called directly by the browser.' },
];

/** The connection's state, following the last call to the target (a run, or the model list). */
export function useConnectionStatus(): { ok: boolean | undefined; text: string } {
  const target = useStore((s) => s.target);
  const key = useStore((s) => s.keys[s.target]);
  const customBaseUrl = useStore((s) => s.customBaseUrl);
  const lastCall = useStore((s) => (s.lastCall?.target === s.target ? s.lastCall : undefined));
  const models = useModels(useModelsTarget());
  const urlProblem = target === 'custom' ? baseUrlProblem(customBaseUrl) : undefined;
  if (urlProblem) return { ok: false, text: 'Fix the Base URL first' };
  if (!key) return { ok: false, text: 'No API key yet' };
  if (lastCall && !lastCall.ok) return { ok: false, text: lastCall.message ?? 'The last call failed' };
  if (models.isPending) return { ok: undefined, text: 'Checking the key…' };
  if (models.isError) return { ok: false, text: (models.error as Error).message };
  return { ok: true, text: 'Key works' };
}

/** The connection in the header: target and state at a glance; the details (target, URL, key) in a popover. */
export function ConnectionMenu() {
  const id = useId();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const target = useStore((s) => s.target);
  const setTarget = useStore((s) => s.setTarget);
  const customBaseUrl = useStore((s) => s.customBaseUrl);
  const setCustomBaseUrl = useStore((s) => s.setCustomBaseUrl);
  const key = useStore((s) => s.keys[s.target]);
  const setKey = useStore((s) => s.setKey);
  const storage = useStore((s) => s.keyStorage[s.target]);
  const setKeyStorage = useStore((s) => s.setKeyStorage);
  const recordCall = useStore((s) => s.recordCall);
  const mt = useModelsTarget();
  const models = useModels(mt);
  const status = useConnectionStatus();
  const urlProblem = target === 'custom' ? baseUrlProblem(customBaseUrl) : undefined;
  const host = (() => {
    try {
      return new URL(baseUrlOf({ target, customBaseUrl })).host;
    } catch {
      return '(no address)';
    }
  })();
  const targetLabel = TARGETS.find((t) => t.id === target)?.label ?? target;
  const cls = status.ok === true ? 'status-ok' : status.ok === false ? 'status-error' : '';

  useEffect(() => {
    if (!open) return;
    const onDoc = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    // Escape closes the popover first (captured, so it neither stops a run nor closes a drawer), focus back on its button
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      setOpen(false);
      box.current?.querySelector('button')?.focus();
    };
    document.addEventListener('mousedown', onDoc);
    window.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onDoc);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  return (
    <div className="connection-menu" ref={box}>
      <button
        type="button"
        className="header-button"
        aria-expanded={open}
        aria-controls={`${id}-pop`}
        onClick={() => setOpen(!open)}
      >
        <span className={`dot ${cls}`} aria-hidden="true" />
        <span className="target-long">{targetLabel}</span>
        <span className="target-short">{targetLabel.split(' ')[0]}</span> ·{' '}
        <span className={cls}>
          {status.ok === true ? 'Connected' : status.ok === false ? 'Not connected' : 'Checking'}
        </span>
      </button>
      <div id={`${id}-pop`} className="popover" hidden={!open}>
        <fieldset className="radio-row">
          <legend>Target</legend>
          {TARGETS.map((t) => (
            <label key={t.id} title={t.hint}>
              <input type="radio" name={`${id}-target`} checked={target === t.id} onChange={() => setTarget(t.id)} />
              {t.label}
            </label>
          ))}
        </fieldset>
        {target === 'custom' && (
          <div className="field">
            <label htmlFor={`${id}-url`}>Base URL</label>
            <input
              id={`${id}-url`}
              type="url"
              value={customBaseUrl}
              onChange={(e) => setCustomBaseUrl(e.target.value)}
              spellCheck={false}
              aria-invalid={urlProblem ? true : undefined}
              aria-describedby={`${id}-url-h`}
            />
            {urlProblem ? (
              <p className="field-error" id={`${id}-url-h`} role="alert">
                {urlProblem}
              </p>
            ) : (
              <p className="hint" id={`${id}-url-h`}>
                The server’s address, with or without /v1, e.g. http://127.0.0.1:8000/v1. It must allow this page’s
                origin (CORS).
              </p>
            )}
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-key`}>API key</label>
          <input
            id={`${id}-key`}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={key}
            placeholder={target === 'local' ? 'printed by npm start (npm run key)' : 'ax_…'}
            onChange={(e) => setKey(target, e.target.value.trim())}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-store`}>Keep the key</label>
          <select
            id={`${id}-store`}
            value={storage}
            onChange={(e) => setKeyStorage(target, e.target.value as KeyStorage)}
          >
            <option value="memory">In memory (until reload)</option>
            <option value="session">In this tab</option>
            <option value="device">Remember on this device</option>
          </select>
          {storage === 'device' && (
            <p className="warning">
              The key is saved in this browser’s storage, readable by anyone using this profile. It is only ever sent to{' '}
              {host}.
            </p>
          )}
        </div>
        <p className="hint" data-testid="connection-status">
          Connected host: <b>{host}</b> · <span className={cls}>{status.text}</span>
        </p>
        <button
          type="button"
          onClick={() => {
            recordCall({ target, ok: true });
            void models.refetch();
          }}
          disabled={!mt.apiKey || models.isFetching}
        >
          Check again
        </button>
      </div>
    </div>
  );
}
