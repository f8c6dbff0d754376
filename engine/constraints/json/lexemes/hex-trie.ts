// The `\uXXXX` part of a string lexeme: for a decoded state, which code points may be spelt as four hex digits and
// which decoded state each leads to, as a minimal digit automaton. A state after k digits is the function from
// the remaining 4 − k digits to targets (the "residual"); equal residuals are one state, shared across decoded
// states, so a range of code points costs a handful of states per digit level however wide it is.
//
// Built in two steps so that wide partitions (Unicode classes) are walked once: the partition's *shape* (targets
// renamed to labels 0, 1, … in order of first appearance) is built once per distinct shape, then instantiated for
// each decoded state's targets, sharing every sub-automaton whose labels map to the same targets.

export const HEX_LEVELS = 4;

interface ShapeTrie {
  readonly level: number[];
  /** child[n * 16 + v]: the shape node after digit v, or at level 3 the label; -1 for none. */
  readonly child: number[];
  /** The distinct labels under each node: labels[labelStart[n] .. labelStart[n + 1]). */
  readonly labelStart: number[];
  readonly labels: number[];
}

export class HexTrie {
  /** Digits read before this state (0..3). */
  readonly level: number[] = [];
  /** child[h * 16 + v]: the hex state after digit v, or at level 3 the decoded target; -1 for none. */
  readonly child: number[] = [];
  /** The distinct decoded targets reachable from each state: targets[targetStart[h] .. targetStart[h + 1]). */
  readonly targetStart: number[] = [0];
  readonly targets: number[] = [];
  private readonly instances = new Map<string, number>();
  private readonly shape: ShapeTrie = { level: [], child: [], labelStart: [0], labels: [] };
  private readonly shapeMemo = new Map<string, number>();
  /** Shape roots by a hash of the labelled pieces (collisions resolved by comparing the pieces). */
  private readonly shapeRoots = new Map<number, { pieces: Int32Array; root: number }[]>();

  constructor(private readonly maxStates: number) {}

  get size(): number {
    return this.level.length;
  }

  /**
   * The root state for `pieces` (flat triples [lo, hi, target] of code points in 0..0xFFFF, ascending and
   * disjoint), or -1 when there are none. Returns undefined when the states would exceed the cap.
   */
  root(pieces: readonly number[]): number | undefined {
    if (pieces.length === 0) return -1;
    const labelOf = new Map<number, number>();
    const targetOf: number[] = [];
    const shaped = new Int32Array(pieces.length);
    let hash = 0x811c9dc5;
    for (let i = 0; i < pieces.length; i += 3) {
      const t = pieces[i + 2] ?? 0;
      let label = labelOf.get(t);
      if (label === undefined) {
        label = targetOf.length;
        labelOf.set(t, label);
        targetOf.push(t);
      }
      shaped[i] = pieces[i] ?? 0;
      shaped[i + 1] = pieces[i + 1] ?? 0;
      shaped[i + 2] = label;
      for (let j = i; j < i + 3; j++) hash = Math.imul(hash ^ (shaped[j] ?? 0), 0x01000193);
    }
    const bucket = this.shapeRoots.get(hash) ?? [];
    let shapeRoot = bucket.find((b) => equal(b.pieces, shaped))?.root;
    if (shapeRoot === undefined) {
      shapeRoot = this.buildShape(0, 0, shaped);
      if (shapeRoot === undefined) return undefined;
      bucket.push({ pieces: shaped, root: shapeRoot });
      this.shapeRoots.set(hash, bucket);
    }
    return this.instantiate(shapeRoot, targetOf);
  }

  private buildShape(level: number, base: number, pieces: Int32Array): number | undefined {
    const parts: number[] = [level];
    for (let i = 0; i < pieces.length; i += 3)
      parts.push((pieces[i] ?? 0) - base, (pieces[i + 1] ?? 0) - base, pieces[i + 2] ?? 0);
    const key = parts.join(',');
    const known = this.shapeMemo.get(key);
    if (known !== undefined) return known;
    const size = 16 ** (HEX_LEVELS - 1 - level); // code points under each child
    const children = new Array<number>(16).fill(-1);
    const found = new Set<number>();
    const sh = this.shape;
    if (level === HEX_LEVELS - 1) {
      for (let i = 0; i < pieces.length; i += 3) {
        const label = pieces[i + 2] ?? 0;
        for (let cp = pieces[i] ?? 0; cp <= (pieces[i + 1] ?? 0); cp++) children[cp - base] = label;
        found.add(label);
      }
    } else {
      const sub: number[][] = Array.from({ length: 16 }, () => []);
      for (let i = 0; i < pieces.length; i += 3) {
        const lo = pieces[i] ?? 0;
        const hi = pieces[i + 1] ?? 0;
        const label = pieces[i + 2] ?? 0;
        for (let v = Math.floor((lo - base) / size); v <= Math.floor((hi - base) / size); v++) {
          const from = base + v * size;
          sub[v]?.push(Math.max(lo, from), Math.min(hi, from + size - 1), label);
        }
      }
      for (let v = 0; v < 16; v++) {
        const p = sub[v] ?? [];
        if (p.length === 0) continue;
        const n = this.buildShape(level + 1, base + v * size, Int32Array.from(p));
        if (n === undefined) return undefined;
        children[v] = n;
        for (let i = sh.labelStart[n] ?? 0; i < (sh.labelStart[n + 1] ?? 0); i++) found.add(sh.labels[i] ?? 0);
      }
    }
    if (sh.level.length >= this.maxStates) return undefined;
    const id = sh.level.length;
    sh.level.push(level);
    sh.child.push(...children);
    sh.labels.push(...[...found].sort((a, b) => a - b));
    sh.labelStart.push(sh.labels.length);
    this.shapeMemo.set(key, id);
    return id;
  }

  /** The hex state of shape node `n` with labels standing for `targetOf[label]`. */
  private instantiate(n: number, targetOf: readonly number[]): number | undefined {
    const sh = this.shape;
    const mine: number[] = [];
    for (let i = sh.labelStart[n] ?? 0; i < (sh.labelStart[n + 1] ?? 0); i++)
      mine.push(targetOf[sh.labels[i] ?? 0] ?? 0);
    const key = `${n}:${mine.join(',')}`;
    const known = this.instances.get(key);
    if (known !== undefined) return known;
    const level = sh.level[n] ?? 0;
    const children = new Array<number>(16).fill(-1);
    for (let v = 0; v < 16; v++) {
      const c = sh.child[n * 16 + v] ?? -1;
      if (c < 0) continue;
      if (level === HEX_LEVELS - 1) children[v] = targetOf[c] ?? -1;
      else {
        const h = this.instantiate(c, targetOf);
        if (h === undefined) return undefined;
        children[v] = h;
      }
    }
    if (this.level.length >= this.maxStates) return undefined;
    const id = this.level.length;
    this.level.push(level);
    this.child.push(...children);
    this.targets.push(...[...new Set(mine)].sort((a, b) => a - b));
    this.targetStart.push(this.targets.length);
    this.instances.set(key, id);
    return id;
  }
}

function equal(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
