// Sets of text positions 0..n for the naive check: a short list while small, a bitset once larger, so a rule that
// can end almost anywhere (`[a-z]+` over a long word) costs n bits, not n numbers.

const SMALL = 16;

export class PositionSet {
  private list: number[] = [];
  private bits: Uint32Array | undefined;
  size = 0;

  constructor(private readonly n: number) {}

  has(p: number): boolean {
    if (this.bits) return ((this.bits[p >>> 5] ?? 0) & (1 << (p & 31))) !== 0;
    return this.list.includes(p);
  }

  /** Adds p; true when it was not there. */
  add(p: number): boolean {
    if (this.has(p)) return false;
    this.size++;
    if (this.bits) {
      this.bits[p >>> 5] = (this.bits[p >>> 5] ?? 0) | (1 << (p & 31));
      return true;
    }
    this.list.push(p);
    if (this.list.length > SMALL) {
      const bits = new Uint32Array((this.n >>> 5) + 1);
      for (const q of this.list) bits[q >>> 5] = (bits[q >>> 5] ?? 0) | (1 << (q & 31));
      this.bits = bits;
      this.list = [];
    }
    return true;
  }

  /** Adds every member of `other`; true when this set grew. */
  addAll(other: PositionSet): boolean {
    if (other.size === 0) return false;
    const mine = this.bits;
    const theirs = other.bits;
    if (mine && theirs) {
      let grew = 0;
      for (let w = 0; w < theirs.length; w++) {
        const t = theirs[w] ?? 0;
        if (t === 0) continue;
        const m = mine[w] ?? 0;
        let fresh = t & ~m;
        if (fresh === 0) continue;
        mine[w] = m | t;
        while (fresh !== 0) {
          fresh &= fresh - 1;
          grew++;
        }
      }
      this.size += grew;
      return grew > 0;
    }
    let grew = false;
    other.forEach((p) => {
      if (this.add(p)) grew = true;
    });
    return grew;
  }

  equals(other: PositionSet): boolean {
    if (other.size !== this.size) return false;
    let same = true;
    other.forEach((p) => {
      if (same && !this.has(p)) same = false;
    });
    return same;
  }

  forEach(f: (p: number) => void): void {
    const bits = this.bits;
    if (!bits) {
      for (const p of this.list) f(p);
      return;
    }
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w] ?? 0;
      while (word !== 0) {
        const low = word & -word;
        f(w * 32 + 31 - Math.clz32(low));
        word ^= low;
      }
    }
  }
}
