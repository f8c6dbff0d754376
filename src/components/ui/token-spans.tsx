import { memo } from 'react';

/** A token to show: its text and its position in its run (its identity in lists). */
export interface ShownToken {
  readonly n: number;
  readonly text: string;
}

/** Tokens per block: a streamed batch re-renders only the last block (and the one with the active token). */
const BLOCK = 64;

interface BlockProps {
  tokens: readonly ShownToken[];
  start: number;
  count: number;
  active?: number;
}

const activeIn = (p: BlockProps) =>
  p.active !== undefined && p.active >= p.start && p.active < p.start + p.count ? p.active : -1;

// tokens only ever grow (append-only), so a block whose first and last token are the same objects is unchanged
const sameBlock = (a: BlockProps, b: BlockProps) =>
  a.start === b.start &&
  a.count === b.count &&
  a.tokens[a.start] === b.tokens[b.start] &&
  a.tokens[a.start + a.count - 1] === b.tokens[b.start + b.count - 1] &&
  activeIn(a) === activeIn(b);

const TokenBlock = memo(function TokenBlock({ tokens, start, count, active }: BlockProps) {
  const spans = [];
  for (let i = start; i < start + count; i++) {
    const t = tokens[i];
    if (!t) break;
    spans.push(
      <span key={t.n} data-i={i} className={i === active ? 'tok active' : 'tok'}>
        {t.text}
      </span>,
    );
  }
  return <>{spans}</>;
}, sameBlock);

/** The output's tokens as spans (text, never HTML), rendered in memoised blocks so streaming stays cheap. */
export function TokenSpans({ tokens, active }: { tokens: readonly ShownToken[]; active?: number }) {
  const blocks = [];
  for (let b = 0; b < tokens.length; b += BLOCK) {
    blocks.push(
      <TokenBlock
        key={tokens[b]?.n ?? b}
        tokens={tokens}
        start={b}
        count={Math.min(BLOCK, tokens.length - b)}
        active={active}
      />,
    );
  }
  return <>{blocks}</>;
}
