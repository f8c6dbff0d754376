import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.ts';
import { auc, sparseAuc, sparseAucSorted } from './auc.ts';

/** The definition: over all (positive, negative) pairs, 1 when the positive scores higher, ½ on a tie. */
function bruteAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  let num = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!labels[i]) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j]) continue;
      pairs++;
      const a = scores[i] as number;
      const b = scores[j] as number;
      num += a > b ? 1 : a === b ? 0.5 : 0;
    }
  }
  return pairs ? num / pairs : null;
}

function randomCase(rng: Rng, n: number, levels: number, pPos: number) {
  const scores = Float32Array.from({ length: n }, () => rng.int(levels) - Math.floor(levels / 3));
  const labels = Uint8Array.from({ length: n }, (_, i) => (rng.next() < pPos + 0.1 * (scores[i] as number) ? 1 : 0));
  return { scores, labels };
}

describe('auc', () => {
  it('equals the brute-force pair count on random data with many ties', () => {
    const rng = new Rng(17);
    for (let t = 0; t < 300; t++) {
      const n = 1 + rng.int(80);
      const { scores, labels } = randomCase(rng, n, 1 + rng.int(8), rng.next());
      const want = bruteAuc(scores, labels);
      const got = auc(scores, labels);
      if (want === null) expect(got).toBeNull();
      else expect(got).toBeCloseTo(want, 12);
    }
  });

  it('equals the brute-force pair count on continuous scores', () => {
    const rng = new Rng(3);
    const scores = Array.from({ length: 400 }, () => rng.next());
    const labels = scores.map((s) => (rng.next() < s ? 1 : 0));
    expect(auc(scores, labels)).toBeCloseTo(bruteAuc(scores, labels) as number, 12);
  });

  it('handles the edge cases', () => {
    expect(auc([], [])).toBeNull();
    expect(auc([1, 2, 3], [1, 1, 1])).toBeNull(); // one class only: undefined
    expect(auc([1, 2, 3], [0, 0, 0])).toBeNull();
    expect(auc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(auc([1, 2, 3, 4], [1, 1, 0, 0])).toBe(0);
    expect(auc([5, 5, 5, 5], [1, 0, 1, 0])).toBe(0.5); // all tied
    expect(auc([0, 1], [1, 0])).toBe(0);
    expect(auc([-1, 0, 1], [0, 1, 0])).toBe(0.5);
    expect(() => auc([1, 2], [1])).toThrow();
  });
});

describe('sparseAuc', () => {
  it('equals the dense AUC of the densified vector (random, ties, negative values, explicit zeros)', () => {
    const rng = new Rng(99);
    for (let t = 0; t < 400; t++) {
      const n = 1 + rng.int(120);
      const density = rng.next();
      const levels = 1 + rng.int(6);
      const positions: number[] = [];
      const values: number[] = [];
      const dense = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        if (rng.next() >= density) continue;
        const v = rng.int(levels) - (t % 3 === 0 ? 2 : 0); // some runs have negative and exactly-zero entries
        positions.push(i);
        values.push(v);
        dense[i] = v;
      }
      // entries need not come in position order
      const perm = positions.map((_, i) => i).sort(() => rng.next() - 0.5);
      const pos = perm.map((i) => positions[i] as number);
      const val = perm.map((i) => values[i] as number);
      const labels = Uint8Array.from({ length: n }, (_, i) => (rng.next() < 0.2 + 0.15 * (dense[i] as number) ? 1 : 0));
      const want = auc(dense, labels);
      const got = sparseAuc(n, pos, val, labels);
      if (want === null) expect(got).toBeNull();
      else {
        expect(got).toBeCloseTo(want, 12);
        expect(got).toBeCloseTo(bruteAuc(dense, labels) as number, 12);
      }
    }
  });

  it('treats the unlisted positions as one tied group at 0', () => {
    const labels = Uint8Array.from([1, 0, 1, 0, 0, 1]);
    // nothing listed: everything tied
    expect(sparseAuc(6, [], [], labels)).toBe(0.5);
    // one positive listed above the zeros: it beats all 3 negatives, the other two positives tie with them
    expect(sparseAuc(6, [0], [2], labels)).toBeCloseTo((3 + 0.5 * 3 * 2) / 9, 12);
    // a negative listed below zero
    expect(sparseAuc(6, [1], [-1], labels)).toBeCloseTo((3 * 1 + 0.5 * 3 * 2) / 9, 12);
    expect(sparseAuc(3, [0], [1], [1, 1, 1])).toBeNull();
    expect(sparseAuc(3, [0], [1], [0, 0, 0])).toBeNull();
  });

  it('sparseAucSorted scores many label vectors against one sort', () => {
    const rng = new Rng(5);
    const n = 500;
    const pos = Int32Array.from({ length: 60 }, (_, i) => i * 7 + (i % 3));
    const val = Float32Array.from({ length: 60 }, () => rng.int(5) + 1);
    const order = Int32Array.from({ length: 60 }, (_, i) => i).sort((a, b) => (val[a] as number) - (val[b] as number));
    for (let t = 0; t < 20; t++) {
      const labels = Uint8Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
      let p = 0;
      for (const x of labels) p += x;
      expect(sparseAucSorted(n, p, pos, val, order, labels)).toBeCloseTo(sparseAuc(n, pos, val, labels) as number, 12);
    }
  });

  it('checks its arguments', () => {
    expect(() => sparseAuc(3, [0, 1], [1], [0, 1, 0])).toThrow();
    expect(() => sparseAuc(4, [0], [1], [0, 1, 0])).toThrow();
  });
});
