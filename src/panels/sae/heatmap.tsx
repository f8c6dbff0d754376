// The "Behavior heatmap": the run's text as it streams, each token coloured by its score (one behavior, or the
// highest of any). Where a correction cut the text, a marker says so and the dropped text stays, struck through
// (each marker hides or shows its stretch), where it arrived: before the attempt that replaced it. Hover a token, or focus the
// text and use ←/→ (Home/End), to read its exact values.
import { type KeyboardEvent, type MouseEvent, useId, useMemo, useState } from 'react';
import type { SaeCorrection } from '../../api/sae-readings.ts';
import type { ColourBy } from './heat-scale.ts';
import { HeatSpans, type HeatToken } from './heat-spans.tsx';
import { segments } from './segments.ts';

export interface HeatmapProps {
  readonly tokens: readonly HeatToken[];
  /** Which tokens a later attempt took back (see droppedMask). */
  readonly dropped: readonly boolean[];
  readonly corrections: readonly SaeCorrection[];
  readonly by: ColourBy;
  readonly running: boolean;
  /** The picked token's position in `tokens` (-1: none). */
  readonly active: number;
  onPick(i: number): void;
}

function GiveUp({ c }: { c: SaeCorrection }) {
  return (
    <span className="correction-marker give-up" title={c.message}>
      Gave up after attempt {c.attempt}: {c.behavior} still drifted ({c.score.toFixed(3)}); this attempt is kept
    </span>
  );
}

function Marker(p: { c?: SaeCorrection; k?: number; hidden: boolean; onToggle(): void }) {
  return (
    <button
      type="button"
      className="correction-marker"
      aria-expanded={!p.hidden}
      title={p.c?.message}
      onClick={p.onToggle}
    >
      {p.c && p.k !== undefined
        ? `Correction ${p.k + 1}: ${p.c.behavior} ${p.c.score.toFixed(3)} > ${p.c.threshold.toFixed(3)}, cut at token ${p.c.index}`
        : 'Taken back by a new attempt'}
    </button>
  );
}

export function Heatmap({ tokens, dropped, corrections, by, running, active, onPick }: HeatmapProps) {
  const id = useId();
  const [hidden, setHidden] = useState<ReadonlySet<number>>(new Set());
  const segs = useMemo(() => segments(tokens, dropped, corrections), [tokens, dropped, corrections]);
  const toggle = (k: number) =>
    setHidden((h) => {
      const n = new Set(h);
      if (n.has(k)) n.delete(k);
      else n.add(k);
      return n;
    });
  const onOver = (e: MouseEvent<HTMLDivElement>) => {
    const i = (e.target as HTMLElement).dataset.i;
    if (i !== undefined) onPick(Number(i));
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const n = tokens.length;
    if (!n) return;
    const to =
      e.key === 'ArrowRight'
        ? Math.min(n - 1, active + 1)
        : e.key === 'ArrowLeft'
          ? Math.max(0, active < 0 ? n - 1 : active - 1)
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : undefined;
    if (to === undefined) return;
    e.preventDefault();
    onPick(to);
  };
  // give-up corrections cut nothing: their marker goes at the end
  const giveUps = corrections.flatMap((c, k) => (c.action === 'give_up' ? [k] : []));
  return (
    <section className="heatmap" aria-label="Behavior heatmap">
      {/* biome-ignore lint/a11y/useSemanticElements: a read-only text box whose tokens are spans; a textarea cannot hold them */}
      <div
        className="token-text heat-text"
        data-testid="heatmap-text"
        role="textbox"
        aria-readonly="true"
        aria-multiline="true"
        aria-label="Heatmap text"
        aria-describedby={`${id}-hint`}
        tabIndex={0}
        onMouseOver={onOver}
        onFocus={() => {
          if (active < 0 && tokens.length) onPick(0);
        }}
        onKeyDown={onKey}
      >
        {segs.map((s) => {
          if (!s.dropped)
            return <HeatSpans key={s.from} tokens={tokens} from={s.from} to={s.to} active={active} by={by} />;
          const k = s.correction;
          const c = k === undefined ? undefined : corrections[k];
          const off = hidden.has(s.from);
          return (
            <span key={s.from} className="dropped-stretch">
              <Marker c={c} k={k} hidden={off} onToggle={() => toggle(s.from)} />
              {!off && (
                <del className="dropped">
                  <HeatSpans tokens={tokens} from={s.from} to={s.to} active={active} by={by} />
                </del>
              )}
            </span>
          );
        })}
        {giveUps.map((k) => {
          const c = corrections[k];
          return c ? <GiveUp key={`g${k}`} c={c} /> : null;
        })}
        {running && <span className="caret" aria-hidden="true" />}
      </div>
      <p id={`${id}-hint`} className="sr-only">
        Left and right arrow keys, Home and End move through the tokens and read each one's scores.
      </p>
    </section>
  );
}
