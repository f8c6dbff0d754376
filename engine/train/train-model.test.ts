import { describe, expect, it } from 'vitest';
import { initParams, type ModelConfig, paramSpecs } from '../config.ts';
import { Rng } from '../rng.ts';
import { TrainModel } from './train-model.ts';

// Finite-difference checks of the hand-written backward pass on a toy configuration.
const cfg: ModelConfig = { vocabSize: 97, ctx: 8, nLayer: 2, nHead: 2, dModel: 16 };
const B = 2;
const T = 8;

function setup() {
  const rng = new Rng(7);
  // larger init than training uses, so every path carries a measurable gradient
  const params = initParams(cfg, () => rng.normal() * 10);
  const tokens = Int32Array.from({ length: B * T }, () => rng.int(97));
  const targets = Int32Array.from({ length: B * T }, (_, i) => (i % 5 === 3 ? -1 : rng.int(97)));
  const model = new TrainModel(cfg, B, T);
  return { rng, params, tokens, targets, model };
}

function lossAt(model: TrainModel, p: Float32Array, tokens: Int32Array, targets: Int32Array): number {
  model.setParams(p);
  return model.forward(tokens, targets, false);
}

describe('TrainModel backward', () => {
  it('matches central finite differences along a random direction, per tensor', () => {
    const { rng, params, tokens, targets, model } = setup();
    model.setParams(params);
    model.forward(tokens, targets, true);
    model.backward();
    const grad = Float32Array.from(model.gradView());
    for (const spec of paramSpecs(cfg)) {
      const dir = new Float32Array(params.length);
      for (let i = spec.offset; i < spec.offset + spec.size; i++) dir[i] = rng.normal();
      let analytic = 0;
      for (let i = spec.offset; i < spec.offset + spec.size; i++) analytic += (grad[i] ?? 0) * (dir[i] ?? 0);
      const eps = 1e-3;
      const plus = Float32Array.from(params, (v, i) => v + eps * (dir[i] ?? 0));
      const minus = Float32Array.from(params, (v, i) => v - eps * (dir[i] ?? 0));
      const numeric = (lossAt(model, plus, tokens, targets) - lossAt(model, minus, tokens, targets)) / (2 * eps);
      const tol = 5e-3 * Math.max(Math.abs(analytic), Math.abs(numeric)) + 5e-4;
      expect(Math.abs(analytic - numeric), `${spec.name}: analytic ${analytic} numeric ${numeric}`).toBeLessThan(tol);
    }
  });

  it('matches finite differences on the largest single entries', () => {
    const { params, tokens, targets, model } = setup();
    model.setParams(params);
    model.forward(tokens, targets, true);
    model.backward();
    const grad = Float32Array.from(model.gradView());
    const order = Array.from(grad.keys()).sort((a, b) => Math.abs(grad[b] ?? 0) - Math.abs(grad[a] ?? 0));
    for (const i of order.slice(0, 12)) {
      const eps = 1e-2;
      const plus = Float32Array.from(params);
      const minus = Float32Array.from(params);
      plus[i] = (plus[i] ?? 0) + eps;
      minus[i] = (minus[i] ?? 0) - eps;
      const numeric = (lossAt(model, plus, tokens, targets) - lossAt(model, minus, tokens, targets)) / (2 * eps);
      const g = grad[i] ?? 0;
      expect(Math.abs(g - numeric)).toBeLessThan(3e-2 * Math.abs(g) + 1e-4);
    }
  });
});
