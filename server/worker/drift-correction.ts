// Drift correction during one generation (a CorrectionSpec): reads each released token's SAE readings and decides
// when to go back. The first monitored behavior whose reading says drift (a run of DRIFT_RUN scores above its
// threshold, beginning at `start`) triggers, once per attempt:
// - attempts left → 'regenerate': keep tokens 0…start−1, drop the rest, and go on from `start` with the behavior's
//   correction steering added to what was applied before (corrections accumulate over attempts);
// - none left → 'give_up': the drift is reported and the attempt runs to its end.
// Tokens of the drifted attempt released after the trigger (a stop sequence's hold-back can release several at
// once) belong to the dropped tail: `keep` says not to send them.
import type { Hooks, SteeringHook } from '../../engine/hooks.ts';
import type { SaeSide } from '../../engine/sae/monitor.ts';
import type { CorrectionSpec } from './job.ts';

export interface CorrectionAction {
  readonly index: number;
  readonly behavior: string;
  readonly score: number;
  readonly action: 'regenerate' | 'give_up';
  /** With 'regenerate': the hooks of the next attempt. */
  readonly hooks?: Hooks;
}

interface Record {
  readonly index: number;
  readonly attempt: number;
  readonly side?: Readonly<{ [name: string]: unknown }>;
}

export class DriftCorrection {
  private readonly added: SteeringHook[] = [];
  private readonly corrected = new Set<string>();
  /** The attempt that triggered a regenerate (its later tokens are dropped). */
  private dropping = 0;
  /** Behaviors already reported in the current attempt. */
  private reported = new Set<string>();
  private attempt = 1;

  constructor(
    private readonly spec: CorrectionSpec,
    private readonly base: Hooks,
  ) {}

  /** Whether to send this record (false: it belongs to a tail being dropped). */
  keep(r: Record): boolean {
    return r.attempt !== this.dropping;
  }

  /** What to do after this (kept) record, if anything. */
  check(r: Record): CorrectionAction | undefined {
    if (r.attempt !== this.attempt) {
      this.attempt = r.attempt;
      this.reported = new Set();
    }
    const side = r.side?.[this.spec.monitor] as SaeSide | undefined;
    if (!side) return undefined;
    for (const b of this.spec.behaviors) {
      const reading = side.behaviors[b.name];
      if (!reading?.drift || reading.start === undefined || this.reported.has(b.name)) continue;
      this.reported.add(b.name);
      if (r.attempt >= this.spec.maxAttempts)
        return { index: reading.start, behavior: b.name, score: reading.score, action: 'give_up' };
      if (!this.corrected.has(b.name)) {
        this.corrected.add(b.name);
        for (const s of b.steering)
          this.added.push({ hook: s.hook, vector: Float32Array.from(s.vector), strength: s.strength });
      }
      this.dropping = r.attempt;
      const hooks: Hooks = { ...this.base, steering: [...(this.base.steering ?? []), ...this.added] };
      return { index: reading.start, behavior: b.name, score: reading.score, action: 'regenerate', hooks };
    }
    return undefined;
  }
}
