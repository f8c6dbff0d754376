// L-BFGS for the behavior probe's convex, smooth objective (behavior-probe.ts): deterministic, no dependencies.

/** (s, y) pairs kept. */
const MEMORY = 10;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] as number));
  return m;
}

/**
 * Minimise `evaluate` from `theta` (updated in place) by L-BFGS: two-loop recursion over the last MEMORY (s, y)
 * pairs with H₀ = (sᵀy / yᵀy)·I, a backtracking Armijo line search (c₁ = 1e-4, halving), and pairs with sᵀy ≤ 0
 * skipped. Every accepted step lowers f. Deterministic.
 */
export function lbfgs(
  evaluate: (theta: Float64Array, grad: Float64Array) => number,
  theta: Float64Array,
  maxIterations: number,
  tolerance: number,
): { f: number; iterations: number; gradMax: number; converged: boolean } {
  const dim = theta.length;
  let grad = new Float64Array(dim);
  let f = evaluate(theta, grad);
  const ss: Float64Array[] = [];
  const ys: Float64Array[] = [];
  const rhos: number[] = [];
  const dir = new Float64Array(dim);
  const trial = new Float64Array(dim);
  let trialGrad = new Float64Array(dim);
  const alpha = new Float64Array(MEMORY);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    if (maxAbs(grad) < tolerance) {
      converged = true;
      break;
    }
    // direction = −H·g (two-loop recursion)
    for (let i = 0; i < dim; i++) dir[i] = -(grad[i] as number);
    const m = ss.length;
    for (let i = m - 1; i >= 0; i--) {
      const a = (rhos[i] as number) * dot(ss[i] as Float64Array, dir);
      alpha[i] = a;
      const yi = ys[i] as Float64Array;
      for (let j = 0; j < dim; j++) dir[j] = (dir[j] as number) - a * (yi[j] as number);
    }
    if (m > 0) {
      const s = ss[m - 1] as Float64Array;
      const yv = ys[m - 1] as Float64Array;
      const gamma = dot(s, yv) / dot(yv, yv);
      for (let j = 0; j < dim; j++) dir[j] = (dir[j] as number) * gamma;
    }
    for (let i = 0; i < m; i++) {
      const b = (rhos[i] as number) * dot(ys[i] as Float64Array, dir);
      const si = ss[i] as Float64Array;
      const a = alpha[i] as number;
      for (let j = 0; j < dim; j++) dir[j] = (dir[j] as number) + (a - b) * (si[j] as number);
    }
    let slope = dot(grad, dir);
    if (!(slope < 0)) {
      // not a descent direction (numerical trouble): restart from steepest descent
      ss.length = 0;
      ys.length = 0;
      rhos.length = 0;
      for (let i = 0; i < dim; i++) dir[i] = -(grad[i] as number);
      slope = dot(grad, dir);
    }
    let step = m === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let fNew = Number.POSITIVE_INFINITY;
    let accepted = false;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < dim; i++) trial[i] = (theta[i] as number) + step * (dir[i] as number);
      fNew = evaluate(trial, trialGrad);
      if (fNew <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    iterations++;
    if (!accepted) {
      converged = true; // no decrease possible at machine precision: at the optimum
      break;
    }
    const s = new Float64Array(dim);
    const yv = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      s[i] = (trial[i] as number) - (theta[i] as number);
      yv[i] = (trialGrad[i] as number) - (grad[i] as number);
    }
    theta.set(trial);
    [grad, trialGrad] = [trialGrad, grad];
    const decrease = f - fNew;
    f = fNew;
    const sy = dot(s, yv);
    if (sy > 1e-300) {
      ss.push(s);
      ys.push(yv);
      rhos.push(1 / sy);
      if (ss.length > MEMORY) {
        ss.shift();
        ys.shift();
        rhos.shift();
      }
    }
    if (decrease <= 1e-15 * Math.max(1, Math.abs(f))) {
      converged = true;
      break;
    }
  }
  return { f, iterations, gradMax: maxAbs(grad), converged };
}
