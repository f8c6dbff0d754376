import { type ChangeEvent, useId, useRef } from 'react';
import { CopyButton } from '../../components/ui/copy-button.tsx';
import { shareFragment } from '../../store/share-link.ts';
import { useStore } from '../../store/store.ts';
import { CompareView } from './compare-view.tsx';

/** Finished runs: restore (the form and the run's output), compare two, export/import; and a share link for the
 * current form. */
export function HistoryPanel({ onRestore }: { onRestore(id: string): Promise<void> }) {
  const id = useId();
  const file = useRef<HTMLInputElement>(null);
  const history = useStore((s) => s.history);
  const notice = useStore((s) => s.historyNotice);
  const compare = useStore((s) => s.compare);
  const toggleCompare = useStore((s) => s.toggleCompare);
  const remove = useStore((s) => s.removeHistory);
  const clear = useStore((s) => s.clearHistory);
  const importText = useStore((s) => s.importHistoryText);
  const dismiss = useStore((s) => s.dismissHistoryNotice);
  const draft = useStore((s) => s.draft);
  const target = useStore((s) => s.target);
  const customBaseUrl = useStore((s) => s.customBaseUrl);
  const shareUrl =
    typeof location === 'undefined'
      ? ''
      : `${location.origin}${location.pathname}${shareFragment({ draft, target, customBaseUrl })}`;

  const exportText = useStore((s) => s.exportHistoryText);
  const exportFile = async () => {
    const blob = new Blob([await exportText()], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'axplay-history.json';
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    if (f) await importText(await f.text());
    e.target.value = '';
  };
  const pair = compare.map((c) => history.find((h) => h.id === c)).filter((h) => h !== undefined);

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>History</h2>
      {notice && (
        <p className="warning" role="status">
          {notice}{' '}
          <button type="button" onClick={dismiss}>
            Dismiss
          </button>
        </p>
      )}
      <div className="row">
        <CopyButton label="Copy share link" text={shareUrl} />
        <button type="button" onClick={() => void exportFile()} disabled={!history.length}>
          Export
        </button>
        {/* a button that opens the file chooser: the browser's own file field is cut off in a narrow panel */}
        <button type="button" onClick={() => file.current?.click()}>
          Import
        </button>
        <input
          ref={file}
          type="file"
          hidden
          aria-label="Import history file"
          accept="application/json,.json"
          onChange={(e) => void onImport(e)}
        />
        <button type="button" onClick={() => void clear()} disabled={!history.length}>
          Clear
        </button>
      </div>
      <p className="hint">The share link carries the request, never a key.</p>
      {pair.length === 2 && <CompareView a={pair[0]} b={pair[1]} />}
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Past runs">
        {history.slice(0, 50).map((h) => (
          <li key={h.id} className="history-item">
            <div className="row">
              <span className="hint">{new Date(h.createdAt).toLocaleTimeString()}</span>
              <span className="badge">{h.draft.mode}</span>
              <span className="badge">{h.status}</span>
              <span style={{ flex: 1 }} />
              <label className="inline" style={{ fontWeight: 'normal' }}>
                <input type="checkbox" checked={compare.includes(h.id)} onChange={() => toggleCompare(h.id)} />
                Compare
              </label>
            </div>
            <div className="preview" title={h.output}>
              {h.output || h.error || '(empty)'}
            </div>
            <div className="row">
              <button type="button" onClick={() => void onRestore(h.id)}>
                Restore
              </button>
              <button type="button" onClick={() => void remove(h.id)}>
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
      {!history.length && <p className="hint">Finished runs appear here.</p>}
    </section>
  );
}
