// What SAE monitoring tells the page, whatever route it came by: each token's reading (its index and attempt, per
// behavior {score, drift}, its top latents) rides the token; the run's own events — which behaviors and their
// thresholds (`started`), where a drift cut the text (`correction`), the summary at the end — are folded into the
// run's SAE record. A correction at index i of attempt a drops that attempt's tokens from i on: the text is the
// kept tokens, and the dropped ones stay on record so the view can show them struck through.
import type { z } from 'zod';
import type { behaviorSummarySchema, saeCorrectionFrameSchema } from '../../protocol/sae.ts';

export interface BehaviorReading {
  readonly score: number;
  readonly drift: boolean;
  readonly forced?: boolean;
}

export interface TokenFeature {
  readonly index: number;
  readonly value: number;
  readonly label?: string | null;
}

export interface TokenReading {
  /** Position in the generated text (a new attempt restarts from its correction's index). */
  readonly index: number;
  /** 1-based. */
  readonly attempt: number;
  readonly behaviors: Readonly<Record<string, BehaviorReading>>;
  readonly features?: readonly TokenFeature[];
}

export interface SaeBehaviorInfo {
  readonly name: string;
  readonly mode: 'monitor' | 'forced';
  readonly threshold?: number;
  readonly steeringVectorId?: string | null;
}

export type SaeCorrection = z.infer<typeof saeCorrectionFrameSchema>;
export type BehaviorSummary = z.infer<typeof behaviorSummarySchema>;

export type SaeEvent =
  | { readonly kind: 'started'; readonly hook?: string; readonly behaviors: readonly SaeBehaviorInfo[] }
  | { readonly kind: 'correction'; readonly correction: SaeCorrection }
  | {
      readonly kind: 'summary';
      readonly behaviors: readonly BehaviorSummary[];
      readonly corrected: boolean;
      readonly attempts?: number;
    };

/** A run's SAE record (absent on runs without behaviors). */
export interface RunSae {
  readonly hook?: string;
  readonly behaviors: readonly SaeBehaviorInfo[];
  readonly corrections: readonly SaeCorrection[];
  readonly summary?: readonly BehaviorSummary[];
  readonly corrected?: boolean;
  readonly attempts?: number;
}

const EMPTY: RunSae = { behaviors: [], corrections: [] };

/** The record after one event. The summary's thresholds fill in those a stream's start did not carry (/v1). */
export function applySaeEvent(r: RunSae | undefined, e: SaeEvent): RunSae {
  const run = r ?? EMPTY;
  switch (e.kind) {
    case 'started':
      return { ...run, hook: e.hook ?? run.hook, behaviors: e.behaviors };
    case 'correction':
      return { ...run, corrections: [...run.corrections, e.correction] };
    case 'summary': {
      const known = new Map(run.behaviors.map((b) => [b.name, b]));
      const behaviors = e.behaviors.map(
        (s): SaeBehaviorInfo => ({
          ...known.get(s.name),
          name: s.name,
          mode: s.mode,
          threshold: s.threshold ?? known.get(s.name)?.threshold,
        }),
      );
      return { ...run, behaviors, summary: e.behaviors, corrected: e.corrected, attempts: e.attempts };
    }
  }
}

/** Whether a token was taken back by a correction (its attempt drifted at or before it). */
export function isDropped(t: { readonly sae?: TokenReading }, corrections: readonly SaeCorrection[]): boolean {
  const s = t.sae;
  if (!s || !corrections.length) return false;
  return corrections.some((c) => c.action === 'regenerate' && c.attempt === s.attempt && s.index >= c.index);
}

/** The tokens that make the text (every token when nothing was corrected). */
export function keptTokens<T extends { readonly sae?: TokenReading }>(
  tokens: readonly T[],
  sae: Pick<RunSae, 'corrections'> | undefined,
): readonly T[] {
  const cs = sae?.corrections ?? [];
  return cs.length ? tokens.filter((t) => !isDropped(t, cs)) : tokens;
}

/** Behavior names in the order the view lists them: the run's own, then any a token carries that it does not. */
export function behaviorNames(
  sae: Pick<RunSae, 'behaviors'> | undefined,
  tokens: readonly { readonly sae?: TokenReading }[],
): string[] {
  const names = new Set((sae?.behaviors ?? []).map((b) => b.name));
  for (const t of tokens) for (const n of Object.keys(t.sae?.behaviors ?? {})) names.add(n);
  return [...names];
}
