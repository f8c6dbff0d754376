import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.ts';
import { readHeldout } from '../train/heldout.ts';
import { auc } from './auc.ts';
import { BASE_LABELLERS } from './labellers.ts';
import {
  AUC_THRESHOLD,
  type LiveFeatureLabel,
  labelLatents,
  latentActivations,
  type SparseActivations,
} from './labels.ts';
import { defaultLabellers } from './word-labellers.ts';

const HELDOUT = readHeldout(process.cwd());

/** Per-position latents from a list of (latent, activation) per row, padded with id −1. */
function sparse(rows: [number, number][][], k: number): SparseActivations {
  const indices = new Int32Array(rows.length * k).fill(-1);
  const values = new Float32Array(rows.length * k);
  rows.forEach((row, r) => {
    if (row.length > k) throw new Error('too many');
    row.forEach(([id, v], j) => {
      indices[r * k + j] = id;
      values[r * k + j] = v;
    });
  });
  return { rows: rows.length, k, indices, values };
}

const live = (f: ReturnType<typeof labelLatents>[number]): LiveFeatureLabel => {
  if (f.dead) throw new Error(`latent ${f.latent} is dead`);
  return f;
};

describe('labelLatents on a synthetic activation matrix', () => {
  const text = HELDOUT.slice(0, 20_000);
  const rng = new Rng(7);
  const rows: [number, number][][] = [];
  for (let i = 0; i < text.length; i++) {
    const row: [number, number][] = [];
    const c = text[i] as string;
    if (c >= '0' && c <= '9') row.push([3, 1 + rng.next()]); // latent 3: exactly the digits
    if (c === '\n') row.push([0, 2]); // latent 0: the newlines, all tied
    if (rng.next() < 0.05) row.push([5, rng.next() * 3]); // latent 5: random positions
    if (rng.next() < 0.3) row.push([1, rng.next()]); // latent 1: dense noise
    // latent 2: capitals strongly, and 10% of everything else weakly (AUC high, precision low)
    if (c >= 'A' && c <= 'Z') row.push([2, 2 + rng.next()]);
    else if (rng.next() < 0.1) row.push([2, rng.next()]);
    if (c >= '0' && c <= '9' && rng.next() < 0.5) row.push([6, 1 + rng.next()]); // latent 6: half the digits
    rows.push(row); // latents 4 and 7 never fire
  }
  const acts = sparse(rows, 5);
  const labels = labelLatents(text, acts, 8);

  it('labels the digit latent "a digit" with AUC 1', () => {
    const f = live(labels[3] as LiveFeatureLabel);
    expect(f.label).toBe('a digit');
    expect(f.labelled).toBe(true);
    expect(f.best).toMatchObject({ id: 'digit', auc: 1, precision: 1, recall: 1 });
    const digits = (text.match(/[0-9]/g) ?? []).length;
    expect(digits).toBeGreaterThan(10);
    expect(f.count).toBe(digits);
    expect(f.density).toBeCloseTo(digits / text.length, 12);
  });

  it('labels the newline latent (all activations tied) "a newline"', () => {
    const f = live(labels[0] as LiveFeatureLabel);
    expect(f.best?.id).toBe('newline');
    expect(f.best?.auc).toBe(1);
    expect(f.label).toBe('a newline');
    expect(f.maxAct).toBe(2);
    expect(f.meanAct).toBe(2);
  });

  it('leaves a random latent unlabelled', () => {
    for (const j of [5, 1]) {
      const f = live(labels[j] as LiveFeatureLabel);
      expect(f.label).toBe('unlabelled');
      expect(f.labelled).toBe(false);
      expect(f.best?.auc).toBeLessThan(AUC_THRESHOLD);
      expect(f.best?.auc).toBeGreaterThan(0.5);
      expect(f.best?.auc).toBeLessThan(0.7); // the best of ~70 labellers by chance
    }
  });

  it('leaves a latent that fires on only half the digits unlabelled (AUC ≈ 0.75)', () => {
    const f = live(labels[6] as LiveFeatureLabel);
    expect(f.best?.id).toBe('digit');
    expect(f.best?.precision).toBe(1);
    expect(f.best?.auc).toBeCloseTo(0.5 + 0.5 * (f.best?.recall as number), 12);
    expect(f.best?.auc).toBeGreaterThan(0.6);
    expect(f.label).toBe('unlabelled');
  });

  it('labels a broad latent by AUC and reports its low precision beside it', () => {
    const f = live(labels[2] as LiveFeatureLabel);
    expect(f.label).toBe('a capital letter');
    expect(f.best?.auc).toBeGreaterThan(0.9);
    expect(f.best?.recall).toBe(1);
    expect(f.best?.precision).toBeLessThan(0.5);
  });

  it('marks never-active latents dead', () => {
    for (const j of [4, 7])
      expect(labels[j]).toEqual({ latent: j, dead: true, label: 'unlabelled', labelled: false, density: 0, count: 0 });
  });

  it("reports each candidate's AUC equal to the dense AUC of the latent's activations", () => {
    const byId = new Map(defaultLabellers(text).map((l) => [l.id, l.at(text)]));
    for (const f of labels) {
      if (f.dead) continue;
      const dense = latentActivations(acts, f.latent);
      expect(f.candidates.length).toBe(3);
      expect(f.candidates[0]).toEqual(f.best);
      for (const c of f.candidates) expect(c.auc).toBeCloseTo(auc(dense, byId.get(c.id) as Uint8Array) as number, 12);
      for (let i = 1; i < f.candidates.length; i++) {
        expect(f.candidates[i]?.auc).toBeLessThanOrEqual(f.candidates[i - 1]?.auc as number);
      }
    }
  });

  it('gives the top positions as contexts, strongest first, windows not overlapping', () => {
    for (const f of labels) {
      if (f.dead) continue;
      const dense = latentActivations(acts, f.latent);
      // the greedy reference on the dense activations: highest first (earlier position on a tie), skip overlaps
      const order = [...dense.keys()].filter((i) => (dense[i] as number) > 0);
      order.sort((a, b) => (dense[b] as number) - (dense[a] as number) || a - b);
      const want: number[] = [];
      for (const p of order) {
        if (want.length === 8) break;
        if (want.every((q) => Math.abs(p - q) > 32)) want.push(p);
      }
      expect(f.contexts.map((c) => c.pos)).toEqual(want);
      expect(f.contexts[0]?.act).toBe(f.maxAct);
      for (const c of f.contexts) {
        expect(c.act).toBe(dense[c.pos]);
        expect(c.char).toBe(text[c.pos]);
        expect(c.before).toBe(text.slice(Math.max(0, c.pos - 24), c.pos));
        expect(c.after).toBe(text.slice(c.pos + 1, c.pos + 9));
        for (const d of f.contexts) if (d !== c) expect(Math.abs(d.pos - c.pos)).toBeGreaterThan(32);
      }
    }
    const digitContexts = live(labels[3] as LiveFeatureLabel).contexts;
    expect(digitContexts.every((c) => /[0-9]/.test(c.char))).toBe(true);
  });

  it('takes its options: labellers, threshold, windows, counts', () => {
    const only = BASE_LABELLERS.filter((l) => l.id === 'capital' || l.id === 'space');
    const out = labelLatents(text, acts, 8, {
      labellers: only,
      threshold: 1.01,
      contexts: 2,
      before: 3,
      after: 1,
      candidates: 2,
    });
    const f = live(out[3] as LiveFeatureLabel);
    expect(f.label).toBe('unlabelled'); // no digit labeller to choose from
    expect(f.candidates.map((c) => c.id).sort()).toEqual(['capital', 'space']);
    expect(f.contexts).toHaveLength(2);
    for (const c of f.contexts) expect(c.before.length + c.after.length).toBeLessThanOrEqual(4);
    expect(live(out[2] as LiveFeatureLabel).best?.auc).toBe(1);
    expect(live(out[2] as LiveFeatureLabel).label).toBe('unlabelled'); // below the (unreachable) threshold
  });

  it('skips labellers with too few occurrences', () => {
    const out = labelLatents(text, acts, 8, { minOccurrences: 1_000_000 });
    const f = live(out[3] as LiveFeatureLabel);
    expect(f.best).toBeNull();
    expect(f.candidates).toEqual([]);
    expect(f.label).toBe('unlabelled');
  });

  it('checks that the text and the rows agree, and that a row lists a latent once', () => {
    expect(() => labelLatents(text.slice(1), acts, 8)).toThrow(/rows/);
    expect(() =>
      labelLatents(
        'ab',
        sparse(
          [
            [[1, 0.5]],
            [
              [2, 1],
              [2, 0.3],
            ],
          ],
          2,
        ),
        3,
      ),
    ).toThrow(/twice in row 1/);
  });
});

describe('labelLatents at full scale', () => {
  it('labels 2,048 latents over 50,000 positions × k = 32 (the real scale)', () => {
    const text = HELDOUT;
    const n = text.length;
    const k = 32;
    const nLatents = 2048;
    const rng = new Rng(11);
    const indices = new Int32Array(n * k);
    const values = new Float32Array(n * k);
    const digit = new Uint8Array(n);
    for (let i = 0; i < n; i++) digit[i] = /[0-9]/.test(text[i] as string) ? 1 : 0;
    const row = new Set<number>();
    for (let r = 0; r < n; r++) {
      row.clear();
      if (digit[r]) row.add(3);
      // distinct latents, a skewed choice (some rare, some common), never latent 0 (dead) nor 3 (the digit latent)
      while (row.size < k) row.add(4 + Math.floor((nLatents - 4) * rng.next() ** 2));
      let j = 0;
      for (const id of row) {
        indices[r * k + j] = id;
        values[r * k + j] = rng.next() + (id === 3 ? 1 : 0);
        j++;
      }
    }
    const labels = labelLatents(text, { rows: n, k, indices, values }, nLatents);
    expect(labels).toHaveLength(nLatents);
    expect(labels[0]?.dead).toBe(true);
    expect(labels[3]?.label).toBe('a digit');
    const labelled = labels.filter((f) => f.labelled).length;
    expect(labelled).toBe(1); // only the digit latent: the random ones stay unlabelled
    for (const f of labels) if (!f.dead) expect(f.density).toBeLessThanOrEqual(1);
  });
});
