import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.ts';
import { Arena } from './wasm.ts';

const rng = new Rng(42);
const rand = (n: number) => Float32Array.from({ length: n }, () => rng.normal());

function naive(
  M: number,
  K: number,
  N: number,
  a: (m: number, k: number) => number,
  b: (k: number, n: number) => number,
) {
  const out = new Float64Array(M * N);
  for (let m = 0; m < M; m++)
    for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) out[m * N + n] = (out[m * N + n] ?? 0) + a(m, k) * b(k, n);
  return out;
}

const close = (got: Float32Array, want: Float64Array) => {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs((got[i] ?? 0) - (want[i] ?? 0)));
  expect(worst).toBeLessThan(1e-4);
};

describe('matrix kernels against naive loops (odd sizes exercise every remainder path)', () => {
  for (const [M, K, N] of [
    [1, 8, 8],
    [7, 13, 24],
    [9, 32, 40],
    [4, 97, 16],
  ] as const) {
    it(`mm_nn / mm_tn ${M}×${K}×${N}`, () => {
      const ar = new Arena();
      const A = ar.alloc(M * K);
      const B = ar.alloc(K * N);
      const O = ar.alloc(M * N);
      const a = rand(M * K);
      const b = rand(K * N);
      ar.f32(A).set(a);
      ar.f32(B).set(b);
      ar.k.mm_nn(O.ptr, A.ptr, B.ptr, M, K, N, 0);
      const want = naive(
        M,
        K,
        N,
        (m, k) => a[m * K + k] ?? 0,
        (k, n) => b[k * N + n] ?? 0,
      );
      close(ar.f32(O), want);
      ar.k.mm_nn(O.ptr, A.ptr, B.ptr, M, K, N, 1); // accumulate doubles it
      close(
        ar.f32(O),
        want.map((v) => 2 * v),
      );
      // mm_tn: out[K,N] = Aᵀ[K,M] · C[M,N]
      const Cm = ar.alloc(M * N);
      const c = rand(M * N);
      ar.f32(Cm).set(c);
      const T = ar.alloc(K * N);
      ar.k.mm_tn(T.ptr, A.ptr, Cm.ptr, M, K, N, 0);
      close(
        ar.f32(T),
        naive(
          K,
          M,
          N,
          (k, m) => a[m * K + k] ?? 0,
          (m, n) => c[m * N + n] ?? 0,
        ),
      );
    });
  }
  for (const [M, K, N] of [
    [1, 8, 97],
    [5, 12, 3],
    [6, 32, 9],
  ] as const) {
    it(`mm_nt ${M}×${K}×${N}`, () => {
      const ar = new Arena();
      const A = ar.alloc(M * K);
      const B = ar.alloc(N * K);
      const O = ar.alloc(M * N);
      const a = rand(M * K);
      const b = rand(N * K);
      ar.f32(A).set(a);
      ar.f32(B).set(b);
      ar.k.mm_nt(O.ptr, A.ptr, B.ptr, M, K, N, 0);
      close(
        ar.f32(O),
        naive(
          M,
          K,
          N,
          (m, k) => a[m * K + k] ?? 0,
          (k, n) => b[n * K + k] ?? 0,
        ),
      );
    });
  }
});

describe('fast GELU (inference)', () => {
  it('stays within 2e-6 of the exact tanh-form GELU over [-12, 12]', () => {
    const ar = new Arena();
    const n = 4096;
    const X = ar.alloc(n);
    const Y = ar.alloc(n);
    const xs = Float32Array.from({ length: n }, (_, i) => -12 + (24 * i) / n);
    ar.f32(X).set(xs);
    ar.k.gelu_fwd_fast(Y.ptr, X.ptr, n);
    const y = ar.f32(Y);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i] ?? 0;
      const exact = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
      worst = Math.max(worst, Math.abs((y[i] ?? 0) - exact));
    }
    expect(worst).toBeLessThan(2e-6);
  });
});
