// Stop sequences over a stream of step records: a record is held back while its text might start a stop sequence,
// released (with all its side data) once it cannot, and dropped with its text when a stop sequence completes.

export interface TextRecord {
  readonly index: number;
  readonly text: string;
}

const record0 = (rs: readonly TextRecord[]) => rs[0]?.index ?? 0;

export class StopHoldBack<R extends TextRecord> {
  private readonly stops: readonly string[];
  private readonly maxStop: number;
  private pending: R[] = [];
  private tail = ''; // the text of the pending records
  readonly active: boolean;

  constructor(stops: readonly string[] = []) {
    this.stops = stops.filter((s) => s.length > 0);
    this.maxStop = this.stops.reduce((m, s) => Math.max(m, s.length), 0);
    this.active = this.stops.length > 0;
  }

  /**
   * Takes the next record. When a stop sequence completes with it and `canStop(outputLength)` agrees — the output
   * would end after `outputLength` tokens, the index of the first record the stop drops — the records before the
   * stop are released and the rest dropped (`stopped`); otherwise the records that can no longer start a stop are
   * released (a refused stop is ordinary text). Without stop sequences a record is released at once.
   */
  offer(record: R, canStop: (outputLength: number) => boolean): { readonly released: R[]; readonly stopped: boolean } {
    if (!this.active) return { released: [record], stopped: false };
    this.pending.push(record);
    this.tail += record.text;
    const at = this.completedStop();
    if (at >= 0 && canStop(this.firstDropped(at))) return { released: this.cut(at), stopped: true };
    return { released: this.release(this.releasable()), stopped: false };
  }

  /** Releases everything held (the generation ended without a stop sequence). */
  flush(): R[] {
    return this.release(this.pending.length);
  }

  /**
   * Where a stop sequence that ends with the last record starts in the held text (the earliest start when several
   * end there), or -1. Earlier occurrences were dealt with when they completed.
   */
  private completedStop(): number {
    let at = -1;
    for (const s of this.stops) {
      if (!this.tail.endsWith(s)) continue;
      const start = this.tail.length - s.length;
      if (at < 0 || start < at) at = start;
    }
    return at;
  }

  /** The index of the first record a stop at held-text offset `at` drops (the records wholly before it stay). */
  private firstDropped(at: number): number {
    let end = 0;
    for (const r of this.pending) {
      end += r.text.length;
      if (end > at) return r.index;
    }
    return record0(this.pending) + this.pending.length;
  }

  /** The records whose text lies wholly before held-text offset `at`; the rest are dropped. */
  private cut(at: number): R[] {
    const out: R[] = [];
    let end = 0;
    for (const r of this.pending) {
      end += r.text.length;
      if (end > at) break;
      out.push(r);
    }
    this.pending = [];
    this.tail = '';
    return out;
  }

  /** How many held records can be released: those before the longest held suffix that could start a stop. */
  private releasable(): number {
    let hold = 0;
    for (let k = Math.min(this.maxStop - 1, this.tail.length); k > 0; k--) {
      const suf = this.tail.slice(this.tail.length - k);
      if (this.stops.some((s) => s.startsWith(suf))) {
        hold = k;
        break;
      }
    }
    let n = 0;
    let end = 0;
    const limit = this.tail.length - hold;
    for (const r of this.pending) {
      end += r.text.length;
      if (end > limit) break;
      n++;
    }
    return n;
  }

  private release(n: number): R[] {
    const out = this.pending.splice(0, n);
    for (const r of out) this.tail = this.tail.slice(r.text.length);
    return out;
  }

  /** Drops the held records with index ≥ `index` (a rewind). */
  dropFrom(index: number): void {
    this.pending = this.pending.filter((r) => r.index < index);
    this.tail = this.pending.map((r) => r.text).join('');
  }
}
