import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.ts';
import {
  type CodeRows,
  probeFromJson,
  probeToJson,
  scoreRow,
  scoreRows,
  sigmoid,
  softplus,
  topLatents,
  trainProbe,
} from './behavior-probe.ts';
import { crossValidateProbe, groupedFolds } from './probe-cv.ts';

const N_LATENTS = 64;
const K = 8;
const PLANTED = 7;

/**
 * Synthetic SAE codes: `examples` examples of `perExample` rows; each row has up to K distinct active latents with
 * values in (0.2, 3), the last slots sometimes inactive (value 0, index left at 0). Latent PLANTED is active (with a
 * value in (1, 3): a feature that clearly fires) in about `pPlanted` of the rows.
 */
function syntheticCodes(seed: number, examples: number, perExample: number, pPlanted = 0.4) {
  const rng = new Rng(seed);
  const rows = examples * perExample;
  const indices = new Int32Array(rows * K);
  const values = new Float32Array(rows * K);
  const groups = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    groups[r] = Math.floor(r / perExample);
    const active = 3 + rng.int(K - 2); // 3..K active slots
    const chosen = new Set<number>();
    if (rng.next() < pPlanted) chosen.add(PLANTED);
    while (chosen.size < active) {
      const j = rng.int(N_LATENTS);
      if (j !== PLANTED) chosen.add(j);
    }
    let slot = 0;
    for (const j of chosen) {
      indices[r * K + slot] = j;
      values[r * K + slot] = j === PLANTED ? 1 + 2 * rng.next() : 0.2 + 2.8 * rng.next();
      slot++;
    }
  }
  const codes: CodeRows = { rows, k: K, indices, values };
  return { codes, groups, rng };
}

function plantedLabels(codes: CodeRows): Uint8Array {
  const labels = new Uint8Array(codes.rows);
  for (let r = 0; r < codes.rows; r++) {
    for (let j = 0; j < codes.k; j++) {
      if (codes.indices[r * codes.k + j] === PLANTED && (codes.values[r * codes.k + j] as number) > 0) labels[r] = 1;
    }
  }
  return labels;
}

function sqNorm(w: Float64Array): number {
  let s = 0;
  for (const x of w) s += x * x;
  return s;
}

describe('trainProbe', () => {
  it('learns a planted rule (latent 7 active ⇒ positive): CV AUC ≈ 1 and latent 7 is the top evidence', () => {
    const { codes, groups } = syntheticCodes(1, 60, 10);
    const labels = plantedLabels(codes);
    const fit = trainProbe(codes, labels, N_LATENTS);
    expect(fit.converged).toBe(true);
    expect(fit.gradMax).toBeLessThan(1e-5);
    const top = topLatents(fit.probe, 3);
    expect(top[0]?.latent).toBe(PLANTED);
    expect(top[0]?.weight).toBeGreaterThan(10 * Math.abs(top[1]?.weight ?? 0));
    const cv = crossValidateProbe(codes, labels, groups, N_LATENTS, { folds: 5, seed: 3 });
    expect(cv.folds).toBe(5);
    expect(cv.auc).toBeGreaterThan(0.99);
    expect(cv.meanFoldAuc).toBeGreaterThan(0.99);
  });

  it('gives CV AUC ≈ 0.5 on a random rule', () => {
    const { codes, groups, rng } = syntheticCodes(2, 80, 10);
    const labels = Uint8Array.from({ length: codes.rows }, () => (rng.next() < 0.5 ? 1 : 0));
    const cv = crossValidateProbe(codes, labels, groups, N_LATENTS, { folds: 5 });
    expect(cv.auc).not.toBeNull();
    expect(Math.abs((cv.auc as number) - 0.5)).toBeLessThan(0.08);
  });

  it('keeps weights finite on separable data: λ/2·‖w‖² ≤ ln 2, and a smaller λ allows larger weights', () => {
    const { codes } = syntheticCodes(3, 30, 10);
    const labels = plantedLabels(codes);
    const norms: number[] = [];
    for (const l2 of [1e-1, 1e-2, 1e-3]) {
      const { probe, loss } = trainProbe(codes, labels, N_LATENTS, { l2, maxIterations: 1000 });
      for (const w of probe.weights) expect(Number.isFinite(w)).toBe(true);
      expect(Number.isFinite(probe.bias)).toBe(true);
      expect(loss).toBeLessThanOrEqual(Math.LN2 + 1e-12);
      expect((l2 / 2) * sqNorm(probe.weights)).toBeLessThanOrEqual(Math.LN2);
      norms.push(sqNorm(probe.weights));
    }
    expect(norms[0]).toBeLessThan(norms[1] as number);
    expect(norms[1]).toBeLessThan(norms[2] as number);
  });

  it('restricting to a feature set zeroes every other weight', () => {
    const { codes, groups } = syntheticCodes(4, 40, 10);
    const labels = plantedLabels(codes);
    const features = [PLANTED, 3, 11];
    const { probe } = trainProbe(codes, labels, N_LATENTS, { features });
    expect(Array.from(probe.features ?? [])).toEqual([3, PLANTED, 11]);
    probe.weights.forEach((w, j) => {
      if (!features.includes(j)) expect(w).toBe(0);
    });
    expect(probe.weights[PLANTED]).toBeGreaterThan(0);
    expect(topLatents(probe, 10, 'both').every((e) => features.includes(e.latent))).toBe(true);
    // without the planted latent the rule cannot be read
    const blind = crossValidateProbe(codes, labels, groups, N_LATENTS, { features: [3, 11] });
    expect(blind.auc).toBeLessThan(0.7);
  });

  it('is deterministic and the optimum is stationary (objective does not drop under small perturbations)', () => {
    const { codes, rng } = syntheticCodes(5, 20, 10);
    const labels = Uint8Array.from({ length: codes.rows }, (_, r) => (rng.next() < 0.3 + 0.4 * (r % 2) ? 1 : 0));
    const a = trainProbe(codes, labels, N_LATENTS, { l2: 0.05 });
    const b = trainProbe(codes, labels, N_LATENTS, { l2: 0.05 });
    expect(Array.from(b.probe.weights)).toEqual(Array.from(a.probe.weights));
    expect(b.probe.bias).toBe(a.probe.bias);
    // recompute the objective independently and probe it along a few coordinates
    const objective = (weights: Float64Array, bias: number) => {
      let pos = 0;
      for (const y of labels) pos += y;
      const n = labels.length;
      const cPos = n / (2 * pos);
      const cNeg = n / (2 * (n - pos));
      let f = 0;
      for (let r = 0; r < codes.rows; r++) {
        const z = scoreRow({ ...a.probe, weights, bias }, codes.indices, codes.values, r * K, K);
        f += labels[r] ? cPos * softplus(-z) : cNeg * softplus(z);
      }
      return f / n + 0.025 * sqNorm(weights);
    };
    const f0 = objective(a.probe.weights, a.probe.bias);
    expect(f0).toBeCloseTo(a.loss, 10);
    for (const j of [PLANTED, 0, 13, 40]) {
      for (const h of [1e-3, -1e-3]) {
        const w = Float64Array.from(a.probe.weights);
        w[j] = (w[j] as number) + h;
        expect(objective(w, a.probe.bias)).toBeGreaterThanOrEqual(f0 - 1e-12);
      }
    }
    expect(objective(a.probe.weights, a.probe.bias + 1e-3)).toBeGreaterThanOrEqual(f0 - 1e-12);
  });

  it('balanced class weights put the bias at 0 when no latent is informative; unweighted gives the log prior odds', () => {
    const rows = 100;
    const codes: CodeRows = { rows, k: 2, indices: new Int32Array(rows * 2), values: new Float32Array(rows * 2) };
    const labels = Uint8Array.from({ length: rows }, (_, r) => (r < 10 ? 1 : 0));
    expect(trainProbe(codes, labels, 4).probe.bias).toBeCloseTo(0, 9);
    expect(trainProbe(codes, labels, 4, { classWeight: 'none' }).probe.bias).toBeCloseTo(Math.log(10 / 90), 9);
    expect(trainProbe(codes, labels, 4, { classWeight: { positive: 9, negative: 1 } }).probe.bias).toBeCloseTo(0, 9);
  });

  it('trains on a subset of rows only and rejects one-class data', () => {
    const { codes } = syntheticCodes(6, 10, 10);
    const labels = plantedLabels(codes);
    const subset = Array.from({ length: 50 }, (_, i) => i * 2);
    const part = trainProbe(codes, labels, N_LATENTS, { rows: subset });
    const copy: CodeRows = {
      rows: 50,
      k: K,
      indices: Int32Array.from(
        { length: 50 * K },
        (_, e) => codes.indices[(subset[Math.floor(e / K)] as number) * K + (e % K)] as number,
      ),
      values: Float32Array.from(
        { length: 50 * K },
        (_, e) => codes.values[(subset[Math.floor(e / K)] as number) * K + (e % K)] as number,
      ),
    };
    const direct = trainProbe(
      copy,
      subset.map((r) => labels[r] as number),
      N_LATENTS,
    );
    expect(Array.from(part.probe.weights)).toEqual(Array.from(direct.probe.weights));
    expect(() => trainProbe(codes, new Uint8Array(codes.rows), N_LATENTS)).toThrow(/both/);
  });
});

describe('scoreRow', () => {
  it('is b + Σ w·v over the active slots, ignoring inactive ones', () => {
    const weights = new Float64Array(10);
    weights[2] = 0.5;
    weights[5] = -2;
    weights[0] = 100; // only reachable through inactive slots below
    const probe = { nLatents: 10, weights, bias: 0.25, features: null };
    const indices = Int32Array.from([9, 9, 2, 5, 0, 0]);
    const values = Float32Array.from([1, 1, 4, 0.5, 0, 0]);
    expect(scoreRow(probe, indices, values, 2, 4)).toBeCloseTo(0.25 + 2 - 1, 12);
    const all = scoreRows(probe, { rows: 3, k: 2, indices, values });
    expect(Array.from(all)).toEqual([0.25, 0.25 + 2 - 1, 0.25]);
  });

  it('round-trips through the sparse JSON form', () => {
    const { codes } = syntheticCodes(7, 10, 10);
    const { probe } = trainProbe(codes, plantedLabels(codes), N_LATENTS, { features: [1, 2, PLANTED] });
    const back = probeFromJson(JSON.parse(JSON.stringify(probeToJson(probe))));
    expect(Array.from(back.weights)).toEqual(Array.from(probe.weights));
    expect(back.bias).toBe(probe.bias);
    expect(Array.from(back.features ?? [])).toEqual([1, 2, PLANTED]);
  });

  it('sigmoid and softplus stay finite at extreme arguments', () => {
    expect(sigmoid(1e4)).toBe(1);
    expect(sigmoid(-1e4)).toBe(0);
    expect(softplus(1e4)).toBe(1e4);
    expect(softplus(-1e4)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
  });
});

describe('groupedFolds', () => {
  it('never splits a group, uses min(folds, groups) folds, and spreads both classes', () => {
    const rng = new Rng(8);
    for (let trial = 0; trial < 20; trial++) {
      const n = 50 + rng.int(200);
      const nGroups = 2 + rng.int(30);
      const groups = Int32Array.from({ length: n }, () => rng.int(nGroups) * 7 - 30); // arbitrary ids
      const labels = Uint8Array.from(groups, (g) => (((g + 30) / 7) % 2 === 0 ? 1 : 0));
      const { fold, folds } = groupedFolds(groups, labels, 5, trial);
      const distinct = new Set(groups).size;
      expect(folds).toBe(Math.min(5, distinct));
      const foldOf = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const g = groups[i] as number;
        const f = fold[i] as number;
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThan(folds);
        if (foldOf.has(g)) expect(foldOf.get(g)).toBe(f);
        else foldOf.set(g, f);
      }
      expect(new Set(foldOf.values()).size).toBe(folds); // no empty fold
    }
  });

  it('gives every fold positive and negative groups when there are enough of each', () => {
    const groups = Int32Array.from({ length: 200 }, (_, i) => Math.floor(i / 5));
    const labels = Uint8Array.from(groups, (g) => (g < 8 ? 1 : 0)); // 8 positive groups, 32 negative
    const { fold } = groupedFolds(groups, labels, 4, 1);
    for (let f = 0; f < 4; f++) {
      const inFold = labels.filter((_, i) => fold[i] === f);
      expect(inFold.some((y) => y === 1)).toBe(true);
      expect(inFold.some((y) => y === 0)).toBe(true);
    }
  });

  it('crossValidateProbe reports per-row folds that keep groups together', () => {
    const { codes, groups } = syntheticCodes(9, 12, 8);
    const cv = crossValidateProbe(codes, plantedLabels(codes), groups, N_LATENTS, { folds: 3 });
    expect(cv.folds).toBe(3);
    expect(cv.foldAucs).toHaveLength(3);
    expect(cv.oofLogits).toHaveLength(codes.rows);
    for (let r = 1; r < codes.rows; r++) if (groups[r] === groups[r - 1]) expect(cv.fold[r]).toBe(cv.fold[r - 1]);
    expect(() => groupedFolds([1, 1, 1], [0, 1, 0], 5)).toThrow(/2 groups/);
  });
});
