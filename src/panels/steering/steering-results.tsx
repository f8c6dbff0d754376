// The steering comparison, live: one cell per strength, streaming together. Side by side marks where the steered
// text leaves the unsteered one; every cell shows the vector's own measure (built-ins) and, once it ends, its
// coherence — the mean log-probability of its text under the unsteered model — against the unsteered cell's, so a
// user sees where the effect starts and where the text breaks down.
import { measureUnit, measureValue } from '../../../protocol/steering-measure.ts';
import { runTextOf } from '../../store/runs-slice.ts';
import type { Coherence, SteeringCell, SteeringView } from '../../store/steering-view.ts';
import { useStore } from '../../store/store.ts';

/** Below the unsteered cell's coherence by more than this (nats per character), the text is called broken. */
export const BREAKDOWN_NATS = 1;

const fmtMeasure = (v: number, kind: 'char_fraction' | 'per_thousand') =>
  kind === 'char_fraction' ? v.toFixed(3) : v.toFixed(1);

/** Where two texts part: the length of their common prefix. */
export function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function CoherenceLine({ c, base }: { c?: Coherence; base?: Coherence }) {
  if (!c) return null;
  if (c.state === 'pending') return <span className="hint">coherence: scoring…</span>;
  if (c.state === 'unavailable') return <span className="hint">coherence: not available ({c.why})</span>;
  const delta = base?.state === 'done' ? c.meanLogprob - base.meanLogprob : undefined;
  const broken = delta !== undefined && delta < -BREAKDOWN_NATS;
  return (
    <span className={broken ? 'coherence broken' : 'coherence'} data-testid="coherence">
      coherence {c.meanLogprob.toFixed(2)} nats/char
      {delta !== undefined && delta !== 0 ? ` (${delta > 0 ? '+' : ''}${delta.toFixed(2)} vs unsteered)` : ''}
      {broken ? ' — breaks down' : ''}
    </span>
  );
}

function Cell({
  view,
  cell,
  base,
  other,
}: {
  view: SteeringView;
  cell: SteeringCell;
  base?: SteeringCell;
  other?: string;
}) {
  const run = useStore((s) => s.runs[cell.runId]);
  const text = runTextOf(run);
  const status = !run ? 'gone' : run.status === 'running' ? (run.tokens.length ? 'streaming' : 'waiting') : run.status;
  const cut = other !== undefined && cell.factor !== 0 ? commonPrefix(text, other) : text.length;
  const m = view.measure;
  return (
    <article className="steer-cell" aria-labelledby={`${cell.runId}-l`} data-status={status} data-testid="steer-cell">
      <h4>
        <span id={`${cell.runId}-l`}>{cell.label}</span>
        {cell.factor === 0 && <span className="hint"> (unsteered)</span>}{' '}
        <span className="hint">{status === 'done' ? '' : status}</span>
      </h4>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard */}
      <pre className="sample-text" tabIndex={0}>
        {text.slice(0, cut)}
        {cut < text.length && (
          <>
            <span className="sr-only">(differs from the unsteered text from here:) </span>
            <mark title="differs from the unsteered text from here">{text.slice(cut)}</mark>
          </>
        )}
      </pre>
      {run?.error && <p className="error-box">{run.error}</p>}
      <p className="cell-scores">
        {m && (
          <span data-testid="measure" data-value={measureValue(m.spec, text)}>
            {fmtMeasure(measureValue(m.spec, text), m.spec.kind)} {measureUnit(m.spec)}
          </span>
        )}
        <CoherenceLine c={cell.coherence} base={cell === base ? undefined : base?.coherence} />
      </p>
    </article>
  );
}

export function SteeringResults({ onStop }: { onStop(viewId: string, runIds: readonly string[]): void }) {
  const view = useStore((s) => s.steeringView);
  const running = useStore((s) => view?.cells.some((c) => s.runs[c.runId]?.status === 'running') ?? false);
  const baseText = useStore((s) => {
    const base = view?.cells.find((c) => c.factor === 0);
    return base ? runTextOf(s.runs[base.runId]) : undefined;
  });
  if (!view) return null;
  const stop = () =>
    onStop(
      view.id,
      view.cells.map((c) => c.runId),
    );
  // closing ends what is still running: nothing goes on out of sight
  const close = () => {
    stop();
    useStore.getState().setSteeringView(undefined);
  };
  const base = view.cells.find((c) => c.factor === 0);
  const title = view.kind === 'side' ? 'Side by side' : 'Strength sweep';
  return (
    <section className="panel steering-results" aria-labelledby={`${view.id}-h`} data-kind={view.kind}>
      <div className="row">
        <h3 id={`${view.id}-h`}>
          {title}: {view.vectorName}
        </h3>
        <span className="spacer" />
        {running && (
          <button type="button" onClick={stop}>
            Stop
          </button>
        )}
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
      {view.error ? (
        <p className="error-box" role="alert">
          {view.error}
        </p>
      ) : (
        <>
          <p className="hint">
            Same prompt, seed {view.seed}. {view.measure ? `Measure: ${view.measure.doc}. ` : ''}Coherence: mean
            log-probability of each text under the unsteered model (higher reads more like the model’s own prose).
          </p>
          <div className={`steer-cells steer-${view.kind}`}>
            {view.cells.map((c) => (
              <Cell
                key={c.runId}
                view={view}
                cell={c}
                base={base}
                other={view.kind === 'side' ? baseText : undefined}
              />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
