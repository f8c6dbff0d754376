// Matrix products in the three layouts training needs, and bias helpers.
import { dot4, hsum } from './simd';

// out[M,N] (= or +=) A[M,K] · B[K,N]
export function mm_nn(out: usize, a: usize, b: usize, M: i32, K: i32, N: i32, acc: i32): void {
  const rowA = <usize>K << 2;
  const rowB = <usize>N << 2;
  const rowO = <usize>N << 2;
  let m = 0;
  for (; m + 4 <= M; m += 4) {
    const a0 = a + <usize>m * rowA;
    const a1 = a0 + rowA;
    const a2 = a1 + rowA;
    const a3 = a2 + rowA;
    const o0 = out + <usize>m * rowO;
    const o1 = o0 + rowO;
    const o2 = o1 + rowO;
    const o3 = o2 + rowO;
    for (let n = 0; n < N; n += 8) {
      const nb = <usize>n << 2;
      let c00 = f32x4.splat(0);
      let c01 = f32x4.splat(0);
      let c10 = f32x4.splat(0);
      let c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0);
      let c21 = f32x4.splat(0);
      let c30 = f32x4.splat(0);
      let c31 = f32x4.splat(0);
      if (acc) {
        c00 = v128.load(o0 + nb);
        c01 = v128.load(o0 + nb, 16);
        c10 = v128.load(o1 + nb);
        c11 = v128.load(o1 + nb, 16);
        c20 = v128.load(o2 + nb);
        c21 = v128.load(o2 + nb, 16);
        c30 = v128.load(o3 + nb);
        c31 = v128.load(o3 + nb, 16);
      }
      let bp = b + nb;
      for (let k = 0; k < K; k++) {
        const kb = <usize>k << 2;
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        const x0 = f32x4.splat(load<f32>(a0 + kb));
        const x1 = f32x4.splat(load<f32>(a1 + kb));
        const x2 = f32x4.splat(load<f32>(a2 + kb));
        const x3 = f32x4.splat(load<f32>(a3 + kb));
        c00 = f32x4.add(c00, f32x4.mul(x0, b0));
        c01 = f32x4.add(c01, f32x4.mul(x0, b1));
        c10 = f32x4.add(c10, f32x4.mul(x1, b0));
        c11 = f32x4.add(c11, f32x4.mul(x1, b1));
        c20 = f32x4.add(c20, f32x4.mul(x2, b0));
        c21 = f32x4.add(c21, f32x4.mul(x2, b1));
        c30 = f32x4.add(c30, f32x4.mul(x3, b0));
        c31 = f32x4.add(c31, f32x4.mul(x3, b1));
        bp += rowB;
      }
      v128.store(o0 + nb, c00);
      v128.store(o0 + nb, c01, 16);
      v128.store(o1 + nb, c10);
      v128.store(o1 + nb, c11, 16);
      v128.store(o2 + nb, c20);
      v128.store(o2 + nb, c21, 16);
      v128.store(o3 + nb, c30);
      v128.store(o3 + nb, c31, 16);
    }
  }
  for (; m < M; m++) {
    const a0 = a + <usize>m * rowA;
    const o0 = out + <usize>m * rowO;
    let n = 0;
    // single rows (decoding): 16 columns per pass over K, the same sums in the same order
    for (; n + 16 <= N; n += 16) {
      const nb = <usize>n << 2;
      let c0 = f32x4.splat(0);
      let c1 = f32x4.splat(0);
      let c2 = f32x4.splat(0);
      let c3 = f32x4.splat(0);
      if (acc) {
        c0 = v128.load(o0 + nb);
        c1 = v128.load(o0 + nb, 16);
        c2 = v128.load(o0 + nb, 32);
        c3 = v128.load(o0 + nb, 48);
      }
      let bp = b + nb;
      for (let k = 0; k < K; k++) {
        const x = f32x4.splat(load<f32>(a0 + (<usize>k << 2)));
        c0 = f32x4.add(c0, f32x4.mul(x, v128.load(bp)));
        c1 = f32x4.add(c1, f32x4.mul(x, v128.load(bp, 16)));
        c2 = f32x4.add(c2, f32x4.mul(x, v128.load(bp, 32)));
        c3 = f32x4.add(c3, f32x4.mul(x, v128.load(bp, 48)));
        bp += rowB;
      }
      v128.store(o0 + nb, c0);
      v128.store(o0 + nb, c1, 16);
      v128.store(o0 + nb, c2, 32);
      v128.store(o0 + nb, c3, 48);
    }
    for (; n < N; n += 8) {
      const nb = <usize>n << 2;
      let c0 = f32x4.splat(0);
      let c1 = f32x4.splat(0);
      if (acc) {
        c0 = v128.load(o0 + nb);
        c1 = v128.load(o0 + nb, 16);
      }
      let bp = b + nb;
      for (let k = 0; k < K; k++) {
        const x = f32x4.splat(load<f32>(a0 + (<usize>k << 2)));
        c0 = f32x4.add(c0, f32x4.mul(x, v128.load(bp)));
        c1 = f32x4.add(c1, f32x4.mul(x, v128.load(bp, 16)));
        bp += rowB;
      }
      v128.store(o0 + nb, c0);
      v128.store(o0 + nb, c1, 16);
    }
  }
}

// out[M,N] (= or +=) A[M,K] · B[N,K]ᵀ   (K a multiple of 4)
export function mm_nt(out: usize, a: usize, b: usize, M: i32, K: i32, N: i32, acc: i32): void {
  const rowA = <usize>K << 2;
  const rowO = <usize>N << 2;
  let m = 0;
  for (; m + 2 <= M; m += 2) {
    const a0 = a + <usize>m * rowA;
    const a1 = a0 + rowA;
    const o0 = out + <usize>m * rowO;
    const o1 = o0 + rowO;
    let n = 0;
    for (; n + 4 <= N; n += 4) {
      const b0 = b + <usize>n * rowA;
      const b1 = b0 + rowA;
      const b2 = b1 + rowA;
      const b3 = b2 + rowA;
      let s00 = f32x4.splat(0);
      let s01 = f32x4.splat(0);
      let s02 = f32x4.splat(0);
      let s03 = f32x4.splat(0);
      let s10 = f32x4.splat(0);
      let s11 = f32x4.splat(0);
      let s12 = f32x4.splat(0);
      let s13 = f32x4.splat(0);
      for (let kb: usize = 0; kb < rowA; kb += 16) {
        const x0 = v128.load(a0 + kb);
        const x1 = v128.load(a1 + kb);
        const y0 = v128.load(b0 + kb);
        const y1 = v128.load(b1 + kb);
        const y2 = v128.load(b2 + kb);
        const y3 = v128.load(b3 + kb);
        s00 = f32x4.add(s00, f32x4.mul(x0, y0));
        s01 = f32x4.add(s01, f32x4.mul(x0, y1));
        s02 = f32x4.add(s02, f32x4.mul(x0, y2));
        s03 = f32x4.add(s03, f32x4.mul(x0, y3));
        s10 = f32x4.add(s10, f32x4.mul(x1, y0));
        s11 = f32x4.add(s11, f32x4.mul(x1, y1));
        s12 = f32x4.add(s12, f32x4.mul(x1, y2));
        s13 = f32x4.add(s13, f32x4.mul(x1, y3));
      }
      const p0 = o0 + (<usize>n << 2);
      const p1 = o1 + (<usize>n << 2);
      if (acc) {
        store<f32>(p0, load<f32>(p0) + hsum(s00));
        store<f32>(p0, load<f32>(p0, 4) + hsum(s01), 4);
        store<f32>(p0, load<f32>(p0, 8) + hsum(s02), 8);
        store<f32>(p0, load<f32>(p0, 12) + hsum(s03), 12);
        store<f32>(p1, load<f32>(p1) + hsum(s10));
        store<f32>(p1, load<f32>(p1, 4) + hsum(s11), 4);
        store<f32>(p1, load<f32>(p1, 8) + hsum(s12), 8);
        store<f32>(p1, load<f32>(p1, 12) + hsum(s13), 12);
      } else {
        store<f32>(p0, hsum(s00));
        store<f32>(p0, hsum(s01), 4);
        store<f32>(p0, hsum(s02), 8);
        store<f32>(p0, hsum(s03), 12);
        store<f32>(p1, hsum(s10));
        store<f32>(p1, hsum(s11), 4);
        store<f32>(p1, hsum(s12), 8);
        store<f32>(p1, hsum(s13), 12);
      }
    }
    for (; n < N; n++) {
      const bn = b + <usize>n * rowA;
      const p0 = o0 + (<usize>n << 2);
      const p1 = o1 + (<usize>n << 2);
      const d0 = dot4(a0, bn, K);
      const d1 = dot4(a1, bn, K);
      store<f32>(p0, acc ? load<f32>(p0) + d0 : d0);
      store<f32>(p1, acc ? load<f32>(p1) + d1 : d1);
    }
  }
  for (; m < M; m++) {
    const a0 = a + <usize>m * rowA;
    const o0 = out + <usize>m * rowO;
    for (let n = 0; n < N; n++) {
      const p0 = o0 + (<usize>n << 2);
      const d0 = dot4(a0, b + <usize>n * rowA, K);
      store<f32>(p0, acc ? load<f32>(p0) + d0 : d0);
    }
  }
}

// out[K,N] (= or +=) A[M,K]ᵀ · B[M,N]   (N a multiple of 8)
export function mm_tn(out: usize, a: usize, b: usize, M: i32, K: i32, N: i32, acc: i32): void {
  const rowA = <usize>K << 2;
  const rowB = <usize>N << 2;
  let k = 0;
  for (; k + 4 <= K; k += 4) {
    const o0 = out + <usize>k * rowB;
    const o1 = o0 + rowB;
    const o2 = o1 + rowB;
    const o3 = o2 + rowB;
    const ak = a + (<usize>k << 2);
    for (let n = 0; n < N; n += 8) {
      const nb = <usize>n << 2;
      let c00 = f32x4.splat(0);
      let c01 = f32x4.splat(0);
      let c10 = f32x4.splat(0);
      let c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0);
      let c21 = f32x4.splat(0);
      let c30 = f32x4.splat(0);
      let c31 = f32x4.splat(0);
      if (acc) {
        c00 = v128.load(o0 + nb);
        c01 = v128.load(o0 + nb, 16);
        c10 = v128.load(o1 + nb);
        c11 = v128.load(o1 + nb, 16);
        c20 = v128.load(o2 + nb);
        c21 = v128.load(o2 + nb, 16);
        c30 = v128.load(o3 + nb);
        c31 = v128.load(o3 + nb, 16);
      }
      let ap = ak;
      let bp = b + nb;
      for (let m = 0; m < M; m++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        const x0 = f32x4.splat(load<f32>(ap));
        const x1 = f32x4.splat(load<f32>(ap, 4));
        const x2 = f32x4.splat(load<f32>(ap, 8));
        const x3 = f32x4.splat(load<f32>(ap, 12));
        c00 = f32x4.add(c00, f32x4.mul(x0, b0));
        c01 = f32x4.add(c01, f32x4.mul(x0, b1));
        c10 = f32x4.add(c10, f32x4.mul(x1, b0));
        c11 = f32x4.add(c11, f32x4.mul(x1, b1));
        c20 = f32x4.add(c20, f32x4.mul(x2, b0));
        c21 = f32x4.add(c21, f32x4.mul(x2, b1));
        c30 = f32x4.add(c30, f32x4.mul(x3, b0));
        c31 = f32x4.add(c31, f32x4.mul(x3, b1));
        ap += rowA;
        bp += rowB;
      }
      v128.store(o0 + nb, c00);
      v128.store(o0 + nb, c01, 16);
      v128.store(o1 + nb, c10);
      v128.store(o1 + nb, c11, 16);
      v128.store(o2 + nb, c20);
      v128.store(o2 + nb, c21, 16);
      v128.store(o3 + nb, c30);
      v128.store(o3 + nb, c31, 16);
    }
  }
  for (; k < K; k++) {
    const o0 = out + <usize>k * rowB;
    const ak = a + (<usize>k << 2);
    for (let n = 0; n < N; n += 8) {
      const nb = <usize>n << 2;
      let c0 = f32x4.splat(0);
      let c1 = f32x4.splat(0);
      if (acc) {
        c0 = v128.load(o0 + nb);
        c1 = v128.load(o0 + nb, 16);
      }
      let ap = ak;
      let bp = b + nb;
      for (let m = 0; m < M; m++) {
        const x = f32x4.splat(load<f32>(ap));
        c0 = f32x4.add(c0, f32x4.mul(x, v128.load(bp)));
        c1 = f32x4.add(c1, f32x4.mul(x, v128.load(bp, 16)));
        ap += rowA;
        bp += rowB;
      }
      v128.store(o0 + nb, c0);
      v128.store(o0 + nb, c1, 16);
    }
  }
}

// out[m,n] += bias[n]
export function add_bias(out: usize, bias: usize, M: i32, N: i32): void {
  const row = <usize>N << 2;
  for (let m = 0; m < M; m++) {
    const o = out + <usize>m * row;
    for (let nb: usize = 0; nb < row; nb += 4) store<f32>(o + nb, load<f32>(o + nb) + load<f32>(bias + nb));
  }
}

// dbias[n] += Σ_m dout[m,n]
export function bias_grad(dbias: usize, dout: usize, M: i32, N: i32): void {
  const row = <usize>N << 2;
  for (let m = 0; m < M; m++) {
    const d = dout + <usize>m * row;
    for (let nb: usize = 0; nb < row; nb += 4) store<f32>(dbias + nb, load<f32>(dbias + nb) + load<f32>(d + nb));
  }
}
