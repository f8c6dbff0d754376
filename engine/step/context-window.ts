// The model's context window during generation: feeding each drawn token, and rebuilding the cache from a token
// history. A prompt longer than the context keeps its most recent ctx tokens; when the cache is full, the oldest
// half is dropped and the newest half is prefilled again with the new token (positions are learned, so the kept
// tokens move to positions 0..ctx/2-1).
import type { Session } from '../model.ts';

export class ContextWindow {
  private readonly one = [0];

  constructor(
    private readonly session: Session,
    private readonly ctx: number,
  ) {}

  /** Feeds one token at the next position (re-prefilling the newest half first when full); returns its logits. */
  feed(token: number): Float32Array {
    const s = this.session;
    if (s.length >= this.ctx) {
      const keep = s.tokens.slice(s.length - Math.floor(this.ctx / 2));
      keep.push(token);
      s.reset();
      return s.feed(keep);
    }
    this.one[0] = token;
    return s.feed(this.one);
  }

  /** Resets the cache to the most recent ≤ ctx tokens of `history` (one prefill); returns the last logits. */
  refill(history: readonly number[]): Float32Array {
    this.session.reset();
    return this.session.feed(history.length > this.ctx ? history.slice(history.length - this.ctx) : history);
  }
}
