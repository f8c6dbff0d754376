import { useId } from 'react';
import { useModels } from '../../api/get-models.ts';
import type { TargetKind } from '../../api/request-object.ts';
import type { KeyStorage } from '../../store/key-storage.ts';
import { useStore } from '../../store/store.ts';
import { useModelsTarget } from '../../store/use-models-target.ts';

const TARGETS: { id: TargetKind; label: string; hint: string }[] = [
  { id: 'local', label: 'Local runtime', hint: 'The model served by this machine (npm start).' },
  { id: 'hosted', label: 'Hosted Axionic API', hint: 'api.axioniclabs.ai, through the local server’s relay.' },
  { id: 'custom', label: 'Custom base URL', hint: 'Any compatible server, called directly by the browser.' },
];

export function ConnectionPanel() {
  const id = useId();
  const target = useStore((s) => s.target);
  const setTarget = useStore((s) => s.setTarget);
  const customBaseUrl = useStore((s) => s.customBaseUrl);
  const setCustomBaseUrl = useStore((s) => s.setCustomBaseUrl);
  const key = useStore((s) => s.keys[s.target]);
  const setKey = useStore((s) => s.setKey);
  const storage = useStore((s) => s.keyStorage[s.target]);
  const setKeyStorage = useStore((s) => s.setKeyStorage);
  const mt = useModelsTarget();
  const models = useModels(mt);
  const host = (() => {
    try {
      return new URL(mt.baseUrl).host;
    } catch {
      return mt.baseUrl || '(no URL)';
    }
  })();
  const status = !key
    ? { cls: 'status-error', text: 'No API key yet' }
    : models.isPending
      ? { cls: '', text: 'Checking the key…' }
      : models.isError
        ? { cls: 'status-error', text: (models.error as Error).message }
        : { cls: 'status-ok', text: 'Key works' };

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Connection</h2>
      <fieldset className="radio-row" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="sr-only">Target</legend>
        {TARGETS.map((t) => (
          <label key={t.id} title={t.hint}>
            <input type="radio" name={`${id}-target`} checked={target === t.id} onChange={() => setTarget(t.id)} />
            {t.label}
          </label>
        ))}
      </fieldset>
      {target === 'custom' && (
        <>
          <label htmlFor={`${id}-url`}>Base URL</label>
          <input
            id={`${id}-url`}
            type="url"
            value={customBaseUrl}
            onChange={(e) => setCustomBaseUrl(e.target.value)}
            spellCheck={false}
          />
          <p className="hint">Without /v1, e.g. http://127.0.0.1:8000</p>
        </>
      )}
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
      <label htmlFor={`${id}-store`}>Keep the key</label>
      <select id={`${id}-store`} value={storage} onChange={(e) => setKeyStorage(target, e.target.value as KeyStorage)}>
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
      <p className="hint" data-testid="connection-status">
        Connected host: <b>{host}</b> · <span className={status.cls}>{status.text}</span>
      </p>
    </section>
  );
}
