// A binary min-heap of (key, value) pairs in growable typed arrays, for the Dijkstra-style passes over a grammar
// (fewest characters per nonterminal) and over an Earley set (fewest characters to finish the parse).

export class MinHeap {
  private keys = new Float64Array(64);
  private values = new Int32Array(64);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(key: number, value: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const values = new Int32Array(this.size * 2);
      values.set(this.values);
      this.values = values;
    }
    const keysArr = this.keys;
    const vals = this.values;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keysArr[parent] ?? 0;
      if (pk <= key) break;
      keysArr[i] = pk;
      vals[i] = vals[parent] ?? 0;
      i = parent;
    }
    keysArr[i] = key;
    vals[i] = value;
  }

  /** The smallest key (call only when size > 0); pop() then removes it and returns its value. */
  peekKey(): number {
    return this.keys[0] ?? 0;
  }

  pop(): number {
    const keysArr = this.keys;
    const vals = this.values;
    const top = vals[0] ?? 0;
    const n = --this.size;
    const key = keysArr[n] ?? 0;
    const value = vals[n] ?? 0;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (keysArr[right] ?? 0) < (keysArr[child] ?? 0)) child = right;
      const ck = keysArr[child] ?? 0;
      if (ck >= key) break;
      keysArr[i] = ck;
      vals[i] = vals[child] ?? 0;
      i = child;
    }
    keysArr[i] = key;
    vals[i] = value;
    return top;
  }
}
