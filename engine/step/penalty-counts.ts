// The token counts the repetition, presence and frequency penalties read, kept up to date as tokens are drawn
// and recomputed when the generation is rewound.
import type { PenaltyContext } from '../sampler.ts';

export class PenaltyCounts implements PenaltyContext {
  readonly seen = new Set<number>();
  readonly generated = new Map<number, number>();

  constructor(prompt: readonly number[]) {
    this.reset(prompt, []);
  }

  add(token: number): void {
    this.seen.add(token);
    this.generated.set(token, (this.generated.get(token) ?? 0) + 1);
  }

  /** Counts for `prompt` followed by the generated tokens `kept`. */
  reset(prompt: readonly number[], kept: readonly number[]): void {
    this.seen.clear();
    this.generated.clear();
    for (const t of prompt) this.seen.add(t);
    for (const t of kept) this.add(t);
  }
}
