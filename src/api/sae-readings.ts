// What SAE monitoring tells the page, whatever route it came by: each token's reading (its index and attempt, per
// behavior {score, drift}, its top latents) rides the token; the run's own events — which behaviors and their
// thresholds (`started`), where a drift cut the text (`correction`), the summary at the end — are folded into the
// run's SAE record. A correction at index i drops every token at position i or after: the text is the kept tokens,
// and the dropped ones stay on record so the view can show them struck through.
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
      /** The server's final text (/sae/generate's result.text), to check the streamed tokens against. */
      readonly text?: string;
    };

/** A run's SAE record (absent on runs without behaviors). */
export interface RunSae {
  readonly hook?: string;
  readonly behaviors: readonly SaeBehaviorInfo[];
  readonly corrections: readonly SaeCorrection[];
  readonly summary?: readonly BehaviorSummary[];
  readonly corrected?: boolean;
  readonly attempts?: number;
  readonly finalText?: string;
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
      return {
        ...run,
        behaviors,
        summary: e.behaviors,
        corrected: e.corrected,
        attempts: e.attempts,
        ...(e.text !== undefined ? { finalText: e.text } : {}),
      };
    }
  }
}

/** What a run's text can lose: on /sae/generate a later attempt takes back text (replayed from the positions, and
 * from the correction frames for a cut no token followed); an OpenAI-style stream cannot take anything back. */
export interface TakeBack {
  readonly replay: boolean;
  readonly corrections?: readonly SaeCorrection[];
}

/** The take-back of a run: only /sae/generate replays positions. */
export const takeBackOf = (r: {
  readonly request: { readonly meta: { readonly path: string } };
  readonly sae?: Pick<RunSae, 'corrections'>;
}): TakeBack => ({ replay: r.request.meta.path === '/sae/generate', corrections: r.sae?.corrections ?? [] });

/**
 * Which tokens a later attempt took back, replaying positions as they arrived: a token whose reading starts a new
 * attempt, or goes back to an earlier position, cuts the text there (everything at its position or after is
 * dropped, whichever attempt wrote it — the server's rule: a correction at index i keeps tokens 0…i−1). This needs
 * no correction frame, so an attempt that restarts from 0 (the contract's example) is read right too; and a
 * correction no token followed yet (the next attempt ended at once, or the run was stopped) cuts the tail too.
 */
export function droppedMask(tokens: readonly { readonly sae?: TokenReading }[], t?: TakeBack): boolean[] {
  const dropped = tokens.map(() => false);
  if (!t?.replay) return dropped;
  const kept: number[] = [];
  const cutFrom = (index: number) => {
    for (let k = kept.at(-1); k !== undefined; k = kept.at(-1)) {
      const at = tokens[k]?.sae?.index;
      if (at !== undefined && at < index) break;
      dropped[k] = true;
      kept.pop();
    }
  };
  let last: TokenReading | undefined;
  tokens.forEach((tok, i) => {
    const r = tok.sae;
    if (r && last && (r.attempt !== last.attempt || r.index <= last.index)) cutFrom(r.index);
    if (r) last = r;
    kept.push(i);
  });
  for (const c of t.corrections ?? [])
    if (c.action === 'regenerate' && last && c.attempt >= last.attempt) cutFrom(c.index);
  return dropped;
}

/** The tokens that make the text (every token when nothing was taken back). */
export function keptTokens<T extends { readonly sae?: TokenReading }>(
  tokens: readonly T[],
  t?: TakeBack,
): readonly T[] {
  const dropped = droppedMask(tokens, t);
  return dropped.includes(true) ? tokens.filter((_, i) => !dropped[i]) : tokens;
}

/** The correction that cut a dropped token (its position in the list), or -1 when no frame said so. */
export function cutBy(r: TokenReading | undefined, cs: readonly SaeCorrection[]): number {
  if (!r) return -1;
  return cs.findIndex((c) => c.action === 'regenerate' && c.attempt >= r.attempt && r.index >= c.index);
}

/** Behavior names in the order the view lists them: the run's own, then any the first or the latest reading carries
 * that it does not (a stream without a `started` frame) — not a scan of every token, which a long run would pay on
 * every batch. */
export function behaviorNames(
  sae: Pick<RunSae, 'behaviors'> | undefined,
  tokens: readonly { readonly sae?: TokenReading }[],
): string[] {
  const names = new Set((sae?.behaviors ?? []).map((b) => b.name));
  const latest = tokens.findLast((t) => t.sae !== undefined);
  for (const t of [tokens.find((x) => x.sae !== undefined), latest])
    for (const n of Object.keys(t?.sae?.behaviors ?? {})) names.add(n);
  return [...names];
}
