// The streamed tokens in arrival order, cut into the stretches the heatmap draws: kept text, and the text a later
// attempt took back (where it arrived, before the attempt that replaced it), with the correction that cut it when a
// frame said so.
import { cutBy, type SaeCorrection, type TokenReading } from '../../api/sae-readings.ts';

export interface Segment {
  /** Positions in the run's token list: [from, to). */
  readonly from: number;
  readonly to: number;
  /** Dropped text. */
  readonly dropped?: boolean;
  /** The correction that cut it (its position in the list), when one did. */
  readonly correction?: number;
}

export function segments(
  tokens: readonly { readonly sae?: TokenReading }[],
  dropped: readonly boolean[],
  cs: readonly SaeCorrection[],
): Segment[] {
  const out: Segment[] = [];
  const keyOf = (i: number) => (dropped[i] ? cutBy(tokens[i]?.sae, cs) : -2);
  let from = 0;
  for (let i = 1; i <= tokens.length; i++) {
    if (i < tokens.length && keyOf(i) === keyOf(from)) continue;
    const k = keyOf(from);
    out.push(
      k === -2
        ? { from, to: i }
        : k === -1
          ? { from, to: i, dropped: true }
          : { from, to: i, dropped: true, correction: k },
    );
    from = i;
  }
  return out;
}
