// The last run's response as a developer reads it: the status line ("422 Unprocessable Entity"), the timing (time
// to the response's headers, to the first token, in all), the response headers (keys masked) and, for an error, the
// body as it came (JSON pretty-printed).
import { maskHeaders } from '../../api/build-request.ts';
import { statusLine } from '../../api/http-status.ts';
import type { RunState } from '../../store/runs-slice.ts';

const ms = (x: number | undefined) => (x === undefined ? '—' : `${Math.round(x)} ms`);

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export function ResponseSummary({ run }: { run: RunState }) {
  const r = run.response;
  const since = (t: number | undefined) => (t === undefined ? undefined : t - run.startedAt);
  return (
    <div className="response-summary">
      <h3 className="subhead">Response</h3>
      {r ? (
        <p data-testid="response-status" className={r.status >= 400 ? 'error-text' : undefined}>
          <b>{statusLine(r.status, r.statusText)}</b>
        </p>
      ) : (
        <p data-testid="response-status" className="hint">
          {run.status === 'running' ? 'Waiting for the response…' : `No response${run.error ? `: ${run.error}` : ''}`}
        </p>
      )}
      <dl className="facts" data-testid="response-timing">
        <dt>Response headers after</dt>
        <dd>{ms(since(r?.at))}</dd>
        <dt>First token after</dt>
        <dd>{ms(since(run.firstTokenAt))}</dd>
        <dt>In all</dt>
        <dd>{run.status === 'running' ? 'running…' : ms(since(run.endedAt))}</dd>
      </dl>
      {r && <h4 className="subhead">Response headers</h4>}
      {r && (
        <pre className="code" data-testid="response-headers">
          {Object.entries(maskHeaders({ ...r.headers }))
            .map(([k, v]) => `${k}: ${v}`)
            .join('\n')}
        </pre>
      )}
      {r?.body !== undefined && <h4 className="subhead">Response body</h4>}
      {r?.body !== undefined && (
        <pre className="code" data-testid="response-body">
          {pretty(r.body) || '(empty body)'}
        </pre>
      )}
    </div>
  );
}
