import type { HistorySummary } from '../../store/history.ts';

/** Two runs side by side: their parameters that differ, then their outputs. */
export function CompareView({ a, b }: { a?: HistorySummary; b?: HistorySummary }) {
  if (!a || !b) return null;
  const keys = [...new Set([...Object.keys(a.request.body ?? {}), ...Object.keys(b.request.body ?? {})])];
  const diff = keys.filter((k) => JSON.stringify(a.request.body?.[k]) !== JSON.stringify(b.request.body?.[k]));
  return (
    <div data-testid="compare-view" style={{ margin: '8px 0' }}>
      <strong>Comparison</strong>
      {diff.length > 0 ? <p className="hint">Differs in: {diff.join(', ')}</p> : <p className="hint">Same request.</p>}
      <div className="compare">
        {[a, b].map((r) => (
          <div key={r.id}>
            <p className="hint">
              {new Date(r.createdAt).toLocaleTimeString()} · {r.finishReason ?? r.status}
              {r.stats.charsPerSecond ? ` · ${r.stats.charsPerSecond.toFixed(0)} chars/s` : ''}
            </p>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard */}
            <pre className="code" style={{ whiteSpace: 'pre-wrap' }} tabIndex={0}>
              {r.output}
            </pre>
          </div>
        ))}
      </div>
    </div>
  );
}
