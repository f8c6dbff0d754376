// Where a behavior drifted, as spans of token positions. The server marks a token `drift` from the DRIFT_RUN-th
// token in a row above the threshold on (it cannot know sooner), so a span starts DRIFT_RUN − 1 tokens before its
// first marked token: those tokens were above the threshold too.
import { DRIFT_RUN } from '../../../protocol/sae.ts';

export interface Span {
  readonly from: number;
  /** Exclusive. */
  readonly to: number;
}

export function driftSpans(drift: readonly boolean[]): Span[] {
  const spans: Span[] = [];
  let start = -1;
  for (let i = 0; i <= drift.length; i++) {
    const on = i < drift.length && drift[i] === true;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      const from = Math.max(0, start - (DRIFT_RUN - 1), spans.at(-1)?.to ?? 0);
      spans.push({ from, to: i });
      start = -1;
    }
  }
  return spans;
}
