// The SAE view (a tab of the centre): the active run's text as a live per-token heatmap, the picked token's exact
// values and top features, a sparkline per behavior with its threshold and drift spans, correction markers, and the
// summary once the run ends. It renders whatever per-token fields arrive and says what is missing.
import { useEffect, useId, useMemo, useState } from 'react';
import { behaviorNames, droppedMask, takeBackOf } from '../../api/sae-readings.ts';
import { selectActiveRun } from '../../store/runs-slice.ts';
import { useStore } from '../../store/store.ts';
import { FeatureDetails } from './feature-details.tsx';
import { type ColourBy, HEAT_COLOURS } from './heat-scale.ts';
import { Heatmap } from './heatmap.tsx';
import './sae.css';
import { featuresMissing, readingsMissing } from './sae-notes.ts';
import { cutsOf, seriesOf } from './sae-series.ts';
import { SaeSummary } from './sae-summary.tsx';
import { Sparkline } from './sparkline.tsx';
import { TokenReadout } from './token-readout.tsx';
import { useThrottled } from './use-throttled.ts';

/** How often the sparklines redraw while a run streams (ms). */
const SPARK_MS = 250;

function Legend() {
  return (
    <span className="heat-legend" role="img" aria-label="Colour scale: score 0 uncoloured, rising to 1 deep purple">
      <span aria-hidden="true">0</span>
      {HEAT_COLOURS.map((c) => (
        <span key={c} className="heat-swatch" style={{ background: c }} aria-hidden="true" />
      ))}
      <span aria-hidden="true">1</span>
    </span>
  );
}

export function SaeView() {
  const id = useId();
  const run = useStore(selectActiveRun);
  const [by, setBy] = useState<ColourBy | undefined>(undefined);
  const [active, setActive] = useState(-1);
  const runId = run?.id;
  // a new run starts with nothing picked
  useEffect(() => {
    if (runId !== undefined) setActive(-1);
  }, [runId]);
  const tokens = run?.tokens ?? [];
  const sae = run?.sae;
  const names = useMemo(() => behaviorNames(sae, tokens), [sae, tokens]);
  const request = run?.request;
  const takeBack = useMemo(() => (request ? takeBackOf({ request, sae }) : undefined), [request, sae]);
  const dropped = useMemo(() => droppedMask(tokens, takeBack), [tokens, takeBack]);
  const kept = useMemo(() => tokens.filter((_, i) => !dropped[i]), [tokens, dropped]);
  // the sparklines read every token so far: a few times a second while streaming, at once when the run ends
  const streaming = run?.status === 'running';
  const plotted = useThrottled(kept, streaming ? SPARK_MS : 0, runId);
  const series = useMemo(() => seriesOf(names, plotted, sae), [names, plotted, sae]);
  const cuts = useMemo(() => cutsOf(sae), [sae]);
  if (!run)
    return (
      <p className="hint sae-empty">
        Pick a behavior in the Behaviors panel (for example “dialogue”) and run a prompt: the per-token scores light up
        the text here as it streams.
      </p>
    );
  const first = names[0];
  const colourBy: ColourBy =
    by && (by.kind === 'max' || names.includes(by.name))
      ? by
      : first
        ? { kind: 'behavior', name: first }
        : { kind: 'max' };
  const missing = readingsMissing(run);
  const picked = active >= 0 ? tokens[active] : undefined;
  const corrections = sae?.corrections ?? [];
  const differs = sae?.finalText !== undefined && !streaming && sae.finalText !== kept.map((t) => t.text).join('');
  return (
    <section className="panel sae-view" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="sr-only">
        SAE view
      </h2>
      <div className="row sae-toolbar">
        <div className="field inline">
          <label htmlFor={`${id}-by`}>Colour by</label>
          <select
            id={`${id}-by`}
            value={colourBy.kind === 'max' ? '' : colourBy.name}
            onChange={(e) =>
              setBy(e.target.value === '' ? { kind: 'max' } : { kind: 'behavior', name: e.target.value })
            }
          >
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
            <option value="">Highest score</option>
          </select>
        </div>
        <Legend />
        <span className="hint">
          {kept.length} tokens
          {cuts.length ? ` · ${cuts.length} correction${cuts.length > 1 ? 's' : ''}` : ''}
          {corrections.length > cuts.length ? ' · gave up' : ''}
        </span>
        {/* announced when the run starts and ends, not on every batch of tokens */}
        <span className="hint" role="status">
          {run.status === 'running' ? 'Streaming…' : run.status}
        </span>
      </div>
      {missing && <p className="hint sae-missing">{missing}</p>}
      {differs && (
        <p className="warning">
          The server’s final text differs from the tokens shown here: the stream and the result disagree (the result is
          in the Inspector).
        </p>
      )}
      {run.error && <p className="error">{run.error}</p>}
      <Heatmap
        key={run.id}
        tokens={tokens}
        dropped={dropped}
        corrections={corrections}
        by={colourBy}
        running={run.status === 'running'}
        active={active}
        onPick={setActive}
      />
      <TokenReadout
        token={picked ? { text: picked.text, sae: picked.sae, dropped: dropped[active] === true } : undefined}
        behaviors={sae?.behaviors ?? []}
        featuresMissing={featuresMissing(run)}
        feature={(f) => <FeatureDetails index={f.index} />}
      />
      <section className="sparklines" aria-label="Behavior scores">
        <h3 className="subhead">Behavior scores</h3>
        {series.length ? (
          <ul className="sparkline-list">
            {series.map((s) => (
              <Sparkline
                key={s.name}
                name={s.name}
                mode={s.mode}
                threshold={s.threshold}
                scores={s.scores}
                spans={s.spans}
                cuts={cuts}
              />
            ))}
          </ul>
        ) : (
          <p className="hint">No behavior has reported a score yet.</p>
        )}
      </section>
      {sae?.summary && <SaeSummary sae={sae} />}
    </section>
  );
}
