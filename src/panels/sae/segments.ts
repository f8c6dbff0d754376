// The streamed tokens in arrival order, cut into the stretches the heatmap draws: kept text, and the text a
// correction took back (right before the attempt that replaced it, as it arrived).
import type { SaeCorrection, TokenReading } from '../../api/sae-readings.ts';

export interface Segment {
  /** Positions in the run's token list: [from, to). */
  readonly from: number;
  readonly to: number;
  /** The correction that dropped this stretch (absent: kept text). */
  readonly correction?: number;
}

/** Which correction (its position in the list) dropped a token, or -1. */
function droppedBy(r: TokenReading | undefined, cs: readonly SaeCorrection[]): number {
  if (!r) return -1;
  return cs.findIndex((c) => c.action === 'regenerate' && c.attempt === r.attempt && r.index >= c.index);
}

export function segments(tokens: readonly { readonly sae?: TokenReading }[], cs: readonly SaeCorrection[]): Segment[] {
  const out: Segment[] = [];
  let from = 0;
  let cur = -2;
  for (let i = 0; i <= tokens.length; i++) {
    const by = i < tokens.length ? droppedBy(tokens[i]?.sae, cs) : -3;
    if (i > 0 && by !== cur) {
      out.push(cur >= 0 ? { from, to: i, correction: cur } : { from, to: i });
      from = i;
    }
    cur = by;
  }
  return out;
}
