// The SAE monitor's per-token side data (engine/sae/monitor.ts) on the wire, and the per-behavior summary of a run.
// Scores are rounded to 4 decimals, latent values to 3; a latent's automatic label comes from features.json.
import type { SaeSide } from '../../engine/sae/monitor.ts';
import { MAX_ATTEMPTS } from '../../protocol/sae.ts';
import type { TokenRecord } from '../worker/job.ts';
import { SAE_MONITOR } from './monitoring.ts';

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const r3 = (x: number) => Math.round(x * 1e3) / 1e3;

export interface WireReading {
  score: number;
  drift: boolean;
  forced?: true;
}

export interface WireFeature {
  sae: string;
  index: number;
  value: number;
  label: string | null;
}

export const saeSide = (t: { side?: Readonly<Record<string, unknown>> }): SaeSide | undefined =>
  t.side?.[SAE_MONITOR] as SaeSide | undefined;

export function wireReadings(side: SaeSide | undefined, forced: ReadonlySet<string>): Record<string, WireReading> {
  const out: Record<string, WireReading> = Object.create(null);
  for (const [name, r] of Object.entries(side?.behaviors ?? {}))
    out[name] = forced.has(name)
      ? { score: r4(r.score), drift: r.drift, forced: true }
      : { score: r4(r.score), drift: r.drift };
  return out;
}

export function wireFeatures(
  side: SaeSide | undefined,
  hook: string,
  labels: ReadonlyMap<number, string> | undefined,
): WireFeature[] {
  return (side?.features ?? []).map(([index, value]) => ({
    sae: hook,
    index,
    value: r3(value),
    label: labels?.get(index) ?? null,
  }));
}

export interface BehaviorSummary {
  name: string;
  mode: 'monitor' | 'forced';
  threshold?: number;
  max_score?: number;
  drift_detected?: boolean;
  corrected?: boolean;
  correction_index?: number | null;
  applied?: boolean;
  note?: string | null;
}

/**
 * Follows a run's readings: the scores of the text as it stands (a regenerate drops the tail's), every drift and
 * correction. The summary describes the final text: max score over its tokens, whether drift was detected in any
 * attempt, whether a correction regenerated, where the first one cut, and a note when no attempts were left.
 */
export class BehaviorTracker {
  private readonly scores = new Map<string, number[]>();
  private readonly drifted = new Set<string>();
  private readonly firstCut = new Map<string, number>();
  private readonly gaveUp = new Set<string>();
  private anyCorrection = false;

  constructor(
    private readonly monitored: readonly { name: string; threshold: number }[],
    private readonly forced: readonly string[],
    /** false: report only (an OpenAI stream cannot take back text). */
    private readonly corrects: boolean,
  ) {
    for (const b of monitored) this.scores.set(b.name, []);
    for (const n of forced) this.scores.set(n, []);
  }

  tokens(records: readonly TokenRecord[]): void {
    for (const t of records) {
      const side = saeSide(t);
      if (!side) continue;
      for (const [name, r] of Object.entries(side.behaviors)) {
        const list = this.scores.get(name);
        if (!list) continue;
        list.length = Math.min(list.length, t.index);
        list[t.index] = r.score;
        if (r.drift) this.drifted.add(name);
      }
    }
  }

  correction(e: { behavior: string; index: number; action: 'regenerate' | 'give_up' }): void {
    this.drifted.add(e.behavior);
    if (e.action === 'give_up') {
      this.gaveUp.add(e.behavior);
      return;
    }
    this.anyCorrection = true;
    if (!this.firstCut.has(e.behavior)) this.firstCut.set(e.behavior, e.index);
    for (const list of this.scores.values()) list.length = Math.min(list.length, e.index);
  }

  get corrected(): boolean {
    return this.anyCorrection;
  }

  summary(): BehaviorSummary[] {
    const max = (name: string) => {
      const list = this.scores.get(name) ?? [];
      return list.length ? r4(Math.max(...list.map((x) => x ?? 0))) : 0;
    };
    const monitored = this.monitored.map((b): BehaviorSummary => {
      const cut = this.firstCut.get(b.name);
      const note = this.gaveUp.has(b.name)
        ? `drift again in the last attempt (${MAX_ATTEMPTS}): no attempts were left, so that attempt is kept as it is, with every correction applied so far`
        : !this.corrects && this.drifted.has(b.name)
          ? 'report only: drift is reported, not corrected (an OpenAI stream cannot take back text it has sent; on /sae/generate, auto_correct: false asks for this)'
          : null;
      return {
        name: b.name,
        mode: 'monitor',
        threshold: r4(b.threshold),
        max_score: max(b.name),
        drift_detected: this.drifted.has(b.name),
        corrected: cut !== undefined,
        correction_index: cut ?? null,
        note,
      };
    });
    const forced = this.forced.map(
      (name): BehaviorSummary => ({ name, mode: 'forced', applied: true, max_score: max(name) }),
    );
    return [...monitored, ...forced];
  }
}
