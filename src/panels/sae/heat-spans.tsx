// A stretch of the heatmap's tokens as coloured spans (text, never HTML), in memoised blocks: a streamed batch
// re-renders only the last block (and the one holding the active token). Tokens only ever grow, so a block whose
// first and last token are the same objects, coloured by the same thing, is unchanged.
import { memo } from 'react';
import type { TokenReading } from '../../api/sae-readings.ts';
import { type ColourBy, colourByKey, heatBucket, shownScore } from './heat-scale.ts';

export interface HeatToken {
  readonly n: number;
  readonly text: string;
  readonly sae?: TokenReading;
}

const BLOCK = 64;

interface BlockProps {
  tokens: readonly HeatToken[];
  start: number;
  count: number;
  active: number;
  by: ColourBy;
}

const activeIn = (p: BlockProps) => (p.active >= p.start && p.active < p.start + p.count ? p.active : -1);

const sameBlock = (a: BlockProps, b: BlockProps) =>
  a.start === b.start &&
  a.count === b.count &&
  a.tokens[a.start] === b.tokens[b.start] &&
  a.tokens[a.start + a.count - 1] === b.tokens[b.start + b.count - 1] &&
  activeIn(a) === activeIn(b) &&
  colourByKey(a.by) === colourByKey(b.by);

const HeatBlock = memo(function HeatBlock({ tokens, start, count, active, by }: BlockProps) {
  const spans = [];
  for (let i = start; i < start + count; i++) {
    const t = tokens[i];
    if (!t) break;
    const s = shownScore(t.sae, by);
    const cls = `tok heat-${heatBucket(s)}${i === active ? ' active' : ''}`;
    spans.push(
      <span key={t.n} data-i={i} className={cls} title={s === undefined ? 'no reading' : s.toFixed(4)}>
        {t.text}
      </span>,
    );
  }
  return <>{spans}</>;
}, sameBlock);

/** Tokens [from, to) of the run as spans. */
export function HeatSpans(p: { tokens: readonly HeatToken[]; from: number; to: number; active: number; by: ColourBy }) {
  const blocks = [];
  for (let b = p.from; b < p.to; b += BLOCK)
    blocks.push(
      <HeatBlock
        key={p.tokens[b]?.n ?? b}
        tokens={p.tokens}
        start={b}
        count={Math.min(BLOCK, p.to - b)}
        active={p.active}
        by={p.by}
      />,
    );
  return <>{blocks}</>;
}
