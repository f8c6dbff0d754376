// Batches a worker's token records into messages: the first token of a job goes at once (time to first token),
// then one message per `intervalMs` or per `maxBatch` tokens, whichever comes first, and everything left at the
// end. A change of attempt (a rewind) flushes what came before and announces the restart first, so the receiver
// sees the events in order.
import type { TokenRecord } from './job.ts';

export interface BatchSink {
  tokens(batch: TokenRecord[]): void;
  restart(choice: number, fromIndex: number, attempt: number): void;
}

export class TokenBatcher {
  private pending: TokenRecord[] = [];
  private lastFlush = Number.NEGATIVE_INFINITY;
  private readonly attempts = new Map<number, number>();
  private sent = 0;

  constructor(
    private readonly sink: BatchSink,
    private readonly intervalMs = 8,
    private readonly maxBatch = 64,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(t: TokenRecord): void {
    const attempt = this.attempts.get(t.choice) ?? 1;
    if (t.attempt !== attempt) {
      this.flush();
      this.attempts.set(t.choice, t.attempt);
      this.sink.restart(t.choice, t.index, t.attempt);
    }
    this.pending.push(t);
    if (this.sent === 0 || this.pending.length >= this.maxBatch || this.now() - this.lastFlush >= this.intervalMs)
      this.flush();
  }

  flush(): void {
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    this.lastFlush = this.now();
    this.sent += batch.length;
    this.sink.tokens(batch);
  }
}
