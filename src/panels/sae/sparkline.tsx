// One behavior's score over the text's tokens: the line, its threshold (dashed), the drift spans shaded, the
// corrections' cut points marked. Drawn in token units (the SVG stretches to the width), so a streamed batch only
// lengthens one path. Its text alternative states the numbers.
import { memo } from 'react';
import type { Span } from './drift-spans.ts';

export interface SparklineProps {
  readonly name: string;
  readonly scores: readonly (number | undefined)[];
  readonly threshold?: number;
  readonly spans: readonly Span[];
  /** Token positions where a correction cut the text. */
  readonly cuts: readonly number[];
  readonly mode: 'monitor' | 'forced';
}

const H = 1;

/** Points a line draws at most: beyond it, each point is the highest score of its stretch (peaks stay visible, and a
 * long run costs the same to draw as a short one). */
const MAX_POINTS = 600;

function pathOf(scores: readonly (number | undefined)[]): string {
  const step = Math.max(1, Math.ceil(scores.length / MAX_POINTS));
  let d = '';
  let pen = false;
  for (let i = 0; i < scores.length; i += step) {
    let s: number | undefined;
    for (let j = i; j < Math.min(scores.length, i + step); j++) {
      const v = scores[j];
      if (v !== undefined) s = s === undefined ? v : Math.max(s, v);
    }
    if (s === undefined) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${i + step / 2} ${(H - s).toFixed(3)}`;
    pen = true;
  }
  return d;
}

function textOf(p: SparklineProps): string {
  const known = p.scores.filter((s): s is number => s !== undefined);
  if (!known.length) return `${p.name}: no scores yet`;
  let max = 0;
  let at = 0;
  p.scores.forEach((s, i) => {
    if (s !== undefined && s > max) {
      max = s;
      at = i;
    }
  });
  const last = known[known.length - 1] ?? 0;
  const th = p.threshold === undefined ? '' : `, threshold ${p.threshold.toFixed(3)}`;
  const drift = p.spans.length
    ? `, drift at tokens ${p.spans.map((s) => `${s.from}–${s.to - 1}`).join(', ')}`
    : ', no drift';
  return `${p.name} (${p.mode}): ${p.scores.length} tokens, last ${last.toFixed(3)}, highest ${max.toFixed(3)} at token ${at}${th}${drift}`;
}

export const Sparkline = memo(function Sparkline(p: SparklineProps) {
  const n = Math.max(1, p.scores.length);
  const last = [...p.scores].reverse().find((s) => s !== undefined);
  return (
    <li className="sparkline">
      <span className="spark-name">
        {p.name}
        {p.mode === 'forced' && <span className="badge">forced</span>}
      </span>
      <svg
        className="spark"
        viewBox={`0 -0.05 ${n} ${H + 0.1}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={textOf(p)}
      >
        {p.spans.map((s) => (
          <rect key={s.from} className="spark-drift" x={s.from} y={-0.05} width={s.to - s.from} height={H + 0.1} />
        ))}
        {p.threshold !== undefined && (
          <line
            className="spark-threshold"
            x1={0}
            x2={n}
            y1={H - p.threshold}
            y2={H - p.threshold}
            vectorEffect="non-scaling-stroke"
          />
        )}
        {p.cuts.map((c, i) => (
          <line
            // biome-ignore lint/suspicious/noArrayIndexKey: two cuts may share a position; the list only grows
            key={i}
            className="spark-cut"
            x1={c}
            x2={c}
            y1={-0.05}
            y2={H + 0.05}
            vectorEffect="non-scaling-stroke"
          />
        ))}
        <path className="spark-line" d={pathOf(p.scores)} vectorEffect="non-scaling-stroke" />
      </svg>
      <span className="spark-value">{last === undefined ? '—' : last.toFixed(3)}</span>
    </li>
  );
});
