import { lazy, memo, Suspense, useId, useState } from 'react';
import { maskHeaders } from '../../api/build-request.ts';
import type { NextRequest } from '../../api/next-request.ts';
import { browserRouteForPath } from '../../api/routes/registry.ts';
import { type Frame, selectActiveRun } from '../../store/runs-slice.ts';
import { useStore } from '../../store/store.ts';
import { ResponseSummary } from './response-summary.tsx';

/** One response frame: memoised, so a streamed batch renders only its new rows. */
const FrameRow = memo(function FrameRow({ frame: f }: { frame: Frame }) {
  return (
    <li className={f.problem ? 'frame frame-problem' : 'frame'}>
      <span className="frame-at">{f.at.toFixed(0)} ms</span>
      <span className="frame-data">
        {f.data}
        {f.problem && <span className="error-text"> — could not be read: {f.problem}</span>}
      </span>
    </li>
  );
});

/** Frames the list shows at most (the newest); Download frames gives all of them. */
const SHOWN_FRAMES = 300;

/** Every frame of a run as a JSON Lines file: arrival time (ms), the data, and a problem where there was one. */
function downloadFrames(runId: string, frames: readonly Frame[]): void {
  const text = frames
    .map((f) => JSON.stringify({ at_ms: Math.round(f.at), data: f.data, problem: f.problem }))
    .join('\n');
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([`${text}\n`], { type: 'application/jsonl' }));
  a.download = `axplay-frames-${runId.slice(0, 8)}.jsonl`;
  a.click();
  URL.revokeObjectURL(a.href);
}

const JsonBodyEditor = lazy(() => import('../../lib/monaco/json-body-editor.tsx'));

/** The exact request (logical and transport URL, masked headers, body) and the raw frames with arrival times. */
export function InspectorPanel({ next }: { next: NextRequest }) {
  const id = useId();
  const run = useStore(selectActiveRun);
  const theme = useStore((s) => s.theme);
  const rawBody = useStore((s) => s.draft.rawBody);
  const patchDraft = useStore((s) => s.patchDraft);
  const [view, setView] = useState<'last' | 'next'>('last');
  const showRun = view === 'last' && run !== undefined && run.request.url !== '';
  const req = showRun ? run.request : next.request;
  const transportUrl = showRun ? run.transportUrl : next.transportUrl;
  const editing = rawBody !== undefined;
  const editorRoute = next.request ? browserRouteForPath(next.request.meta.path) : undefined;
  const problems = showRun ? run.frames.filter((f) => f.problem).length : 0;

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Inspector</h2>
      <div className="row">
        <label className="inline">
          <input type="radio" name={`${id}-v`} checked={view === 'last'} onChange={() => setView('last')} />
          Last run
        </label>
        <label className="inline">
          <input type="radio" name={`${id}-v`} checked={view === 'next'} onChange={() => setView('next')} />
          Next request
        </label>
        <span style={{ flex: 1 }} />
        {!editing ? (
          <button
            type="button"
            onClick={() => patchDraft({ rawBody: JSON.stringify(next.request?.body ?? {}, null, 2) })}
          >
            Edit as JSON
          </button>
        ) : (
          <button type="button" onClick={() => patchDraft({ rawBody: undefined })}>
            Back to the form
          </button>
        )}
      </div>
      {editing && (
        <Suspense fallback={<p className="hint">Loading the editor…</p>}>
          <JsonBodyEditor
            value={rawBody ?? ''}
            onChange={(v) => patchDraft({ rawBody: v })}
            fileName={`body.${editorRoute?.key ?? 'request'}.json`}
            schema={editorRoute?.requestSchema}
            theme={theme}
          />
        </Suspense>
      )}
      {next.error && !showRun && <p className="error-box">{next.error}</p>}
      {req && (
        <>
          <p style={{ margin: '8px 0 2px' }}>
            <b>{req.method}</b> <code data-testid="logical-url">{req.url}</code>
          </p>
          {transportUrl && transportUrl !== req.url && (
            <p className="hint">
              sent by the browser to <code>{transportUrl}</code>
            </p>
          )}
          <pre className="code" data-testid="request-headers">
            {Object.entries({
              ...maskHeaders(req.headers),
              // the relay's own header is named, never shown (masking would turn the words into dots)
              ...(req.meta.target === 'hosted' ? { 'x-axplay-key': "(this server's local key)" } : {}),
            })
              .map(([k, v]) => `${k}: ${v}`)
              .join('\n')}
          </pre>
          {!editing && (
            <pre className="code" data-testid="request-body">
              {JSON.stringify(req.body, null, 2)}
            </pre>
          )}
        </>
      )}
      {view === 'last' && !showRun && (
        <p className="hint" data-testid="no-run">
          No run yet in this page: Run sends the request shown under “Next request”.
        </p>
      )}
      {showRun && (
        <>
          <ResponseSummary run={run} />
          <div className="row">
            <h3 className="subhead" style={{ margin: '8px 0 4px' }}>
              Response frames
            </h3>
            <span className="hint" data-testid="frames-count">
              {run.frames.length > SHOWN_FRAMES
                ? `showing the last ${SHOWN_FRAMES} of ${run.frames.length}`
                : `${run.frames.length} frame${run.frames.length === 1 ? '' : 's'}`}
            </span>
            <span style={{ flex: 1 }} />
            <button type="button" disabled={!run.frames.length} onClick={() => downloadFrames(run.id, run.frames)}>
              Download frames
            </button>
          </div>
          {problems > 0 && (
            <p className="warning" data-testid="frame-problems">
              {problems === 1 ? '1 frame' : `${problems} frames`} could not be read as this route's frames (marked
              below).
            </p>
          )}
          <ol className="frames" aria-label="Response frames">
            {run.frames.slice(-SHOWN_FRAMES).map((f) => (
              <FrameRow key={f.n} frame={f} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
