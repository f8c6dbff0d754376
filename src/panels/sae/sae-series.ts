// What the sparklines draw, from a run's kept tokens: each behavior's score per token, where it drifted, and where
// corrections cut the text.
import type { RunSae, TokenReading } from '../../api/sae-readings.ts';
import { driftSpans, type Span } from './drift-spans.ts';

export interface Series {
  readonly name: string;
  readonly mode: 'monitor' | 'forced';
  readonly threshold?: number;
  readonly scores: (number | undefined)[];
  readonly spans: Span[];
}

export function seriesOf(
  names: readonly string[],
  kept: readonly { readonly sae?: TokenReading }[],
  sae: RunSae | undefined,
): Series[] {
  return names.map((name) => {
    const info = sae?.behaviors.find((b) => b.name === name);
    const scores: (number | undefined)[] = [];
    const drift: boolean[] = [];
    let forced = false;
    for (const t of kept) {
      const b = t.sae?.behaviors[name];
      scores.push(b?.score);
      drift.push(b?.drift === true);
      forced ||= b?.forced === true;
    }
    return {
      name,
      mode: info?.mode ?? (forced ? 'forced' : 'monitor'),
      threshold: info?.threshold,
      scores,
      spans: driftSpans(drift),
    };
  });
}

/** Where corrections cut the kept text (positions in it). */
export function cutsOf(sae: RunSae | undefined): number[] {
  return (sae?.corrections ?? []).filter((c) => c.action === 'regenerate').map((c) => c.index);
}
