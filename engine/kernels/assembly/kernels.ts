// AssemblyScript source of the engine's numeric kernels (WASM + SIMD).
// Compiled by `npm run build:kernels` into ../kernels-wasm.ts (base64), which the engine loads from bytes.
// Every pointer is a byte offset into this module's linear memory; every array is f32 (tokens: i32).
// Layouts: a linear layer's weight is [in, out] (row-major), activations are [rows, width].
// SIMD requirements (checked by the TypeScript caller): the `N` of mm_nn/mm_tn is a multiple of 8,
// the `K` of mm_nt is a multiple of 4, and the attention head size is a multiple of 4.

export function heapBase(): usize {
  return __heap_base;
}

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
    for (let n = 0; n < N; n += 8) {
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

// @ts-ignore: decorator
@inline
function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

// dot product of two f32 vectors of length n (n a multiple of 4)
// @ts-ignore: decorator
@inline
function dot4(x: usize, y: usize, n: i32): f32 {
  let s = f32x4.splat(0);
  const end = x + (<usize>n << 2);
  while (x < end) {
    s = f32x4.add(s, f32x4.mul(v128.load(x), v128.load(y)));
    x += 16;
    y += 16;
  }
  return hsum(s);
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

// Causal multi-head attention for Tq query rows. Query row i sits at absolute position off+i and attends to
// key rows 0..off+i. q/k/v/out rows are `*S` floats apart; head h uses columns h*hs..h*hs+hs. The softmax
// probabilities are written to att[h, i, 0..off+i] (row stride attS), for the backward pass.
export function attn_fwd(
  out: usize, outS: i32, q: usize, qS: i32, k: usize, kS: i32, v: usize, vS: i32,
  att: usize, attS: i32, Tq: i32, off: i32, H: i32, hs: i32, scale: f32,
): void {
  if (hs == 32) {
    attn_fwd_hs32(out, outS, q, qS, k, kS, v, vS, att, attS, Tq, off, H, scale);
    return;
  }
  for (let i = 0; i < Tq; i++) {
    const nk = off + i + 1;
    for (let h = 0; h < H; h++) {
      const hb = <usize>(h * hs) << 2;
      const qp = q + (<usize>(i * qS) << 2) + hb;
      const ap = att + (<usize>((h * Tq + i) * attS) << 2);
      let mx: f32 = -Infinity;
      for (let j = 0; j < nk; j++) {
        const s = dot4(qp, k + (<usize>(j * kS) << 2) + hb, hs) * scale;
        store<f32>(ap + (<usize>j << 2), s);
        if (s > mx) mx = s;
      }
      let sum: f32 = 0;
      for (let j = 0; j < nk; j++) {
        const e = Mathf.exp(load<f32>(ap + (<usize>j << 2)) - mx);
        store<f32>(ap + (<usize>j << 2), e);
        sum += e;
      }
      const inv: f32 = 1.0 / sum;
      const op = out + (<usize>(i * outS) << 2) + hb;
      for (let d: usize = 0; d < (<usize>hs << 2); d += 16) v128.store(op + d, f32x4.splat(0));
      for (let j = 0; j < nk; j++) {
        const pj = load<f32>(ap + (<usize>j << 2)) * inv;
        store<f32>(ap + (<usize>j << 2), pj);
        const w = f32x4.splat(pj);
        const vp = v + (<usize>(j * vS) << 2) + hb;
        for (let d: usize = 0; d < (<usize>hs << 2); d += 16) {
          v128.store(op + d, f32x4.add(v128.load(op + d), f32x4.mul(w, v128.load(vp + d))));
        }
      }
    }
  }
}

// attn_fwd for head size 32 with the query and the output row held in registers. The arithmetic is the same, in the
// same order, as the generic path (so results are bitwise equal); it only saves loads and stores.
function attn_fwd_hs32(
  out: usize, outS: i32, q: usize, qS: i32, k: usize, kS: i32, v: usize, vS: i32,
  att: usize, attS: i32, Tq: i32, off: i32, H: i32, scale: f32,
): void {
  const zero = f32x4.splat(0);
  for (let i = 0; i < Tq; i++) {
    const nk = off + i + 1;
    for (let h = 0; h < H; h++) {
      const hb = <usize>(h * 32) << 2;
      const qp = q + (<usize>(i * qS) << 2) + hb;
      const q0 = v128.load(qp);
      const q1 = v128.load(qp, 16);
      const q2 = v128.load(qp, 32);
      const q3 = v128.load(qp, 48);
      const q4 = v128.load(qp, 64);
      const q5 = v128.load(qp, 80);
      const q6 = v128.load(qp, 96);
      const q7 = v128.load(qp, 112);
      const ap = att + (<usize>((h * Tq + i) * attS) << 2);
      let mx: f32 = -Infinity;
      let kp = k + hb;
      const kStep = <usize>kS << 2;
      for (let j = 0; j < nk; j++) {
        let acc = f32x4.add(zero, f32x4.mul(q0, v128.load(kp)));
        acc = f32x4.add(acc, f32x4.mul(q1, v128.load(kp, 16)));
        acc = f32x4.add(acc, f32x4.mul(q2, v128.load(kp, 32)));
        acc = f32x4.add(acc, f32x4.mul(q3, v128.load(kp, 48)));
        acc = f32x4.add(acc, f32x4.mul(q4, v128.load(kp, 64)));
        acc = f32x4.add(acc, f32x4.mul(q5, v128.load(kp, 80)));
        acc = f32x4.add(acc, f32x4.mul(q6, v128.load(kp, 96)));
        acc = f32x4.add(acc, f32x4.mul(q7, v128.load(kp, 112)));
        const sc = hsum(acc) * scale;
        store<f32>(ap + (<usize>j << 2), sc);
        if (sc > mx) mx = sc;
        kp += kStep;
      }
      let sum: f32 = 0;
      for (let j = 0; j < nk; j++) {
        const e = Mathf.exp(load<f32>(ap + (<usize>j << 2)) - mx);
        store<f32>(ap + (<usize>j << 2), e);
        sum += e;
      }
      const inv: f32 = 1.0 / sum;
      let o0 = zero;
      let o1 = zero;
      let o2 = zero;
      let o3 = zero;
      let o4 = zero;
      let o5 = zero;
      let o6 = zero;
      let o7 = zero;
      let vp = v + hb;
      const vStep = <usize>vS << 2;
      for (let j = 0; j < nk; j++) {
        const pj = load<f32>(ap + (<usize>j << 2)) * inv;
        store<f32>(ap + (<usize>j << 2), pj);
        const w = f32x4.splat(pj);
        o0 = f32x4.add(o0, f32x4.mul(w, v128.load(vp)));
        o1 = f32x4.add(o1, f32x4.mul(w, v128.load(vp, 16)));
        o2 = f32x4.add(o2, f32x4.mul(w, v128.load(vp, 32)));
        o3 = f32x4.add(o3, f32x4.mul(w, v128.load(vp, 48)));
        o4 = f32x4.add(o4, f32x4.mul(w, v128.load(vp, 64)));
        o5 = f32x4.add(o5, f32x4.mul(w, v128.load(vp, 80)));
        o6 = f32x4.add(o6, f32x4.mul(w, v128.load(vp, 96)));
        o7 = f32x4.add(o7, f32x4.mul(w, v128.load(vp, 112)));
        vp += vStep;
      }
      const op = out + (<usize>(i * outS) << 2) + hb;
      v128.store(op, o0);
      v128.store(op, o1, 16);
      v128.store(op, o2, 32);
      v128.store(op, o3, 48);
      v128.store(op, o4, 64);
      v128.store(op, o5, 80);
      v128.store(op, o6, 96);
      v128.store(op, o7, 112);
    }
  }
}

// Backward of attn_fwd with off = 0. dq/dk/dv share the strides of q/k/v (they are slices of one buffer)
// and are accumulated into. scratch holds one row of attS floats.
export function attn_bwd(
  dq: usize, dk: usize, dv: usize, dout: usize, doutS: i32, q: usize, k: usize, v: usize, S: i32,
  att: usize, attS: i32, T: i32, H: i32, hs: i32, scale: f32, scratch: usize,
): void {
  const hsb = <usize>hs << 2;
  for (let i = 0; i < T; i++) {
    const nk = i + 1;
    for (let h = 0; h < H; h++) {
      const hb = <usize>(h * hs) << 2;
      const ap = att + (<usize>((h * T + i) * attS) << 2);
      const dop = dout + (<usize>(i * doutS) << 2) + hb;
      let s: f32 = 0;
      for (let j = 0; j < nk; j++) {
        const row = (<usize>(j * S) << 2) + hb;
        const pj = load<f32>(ap + (<usize>j << 2));
        const dj = dot4(dop, v + row, hs);
        store<f32>(scratch + (<usize>j << 2), dj);
        s += pj * dj;
        const w = f32x4.splat(pj);
        const dvp = dv + row;
        for (let d: usize = 0; d < hsb; d += 16) {
          v128.store(dvp + d, f32x4.add(v128.load(dvp + d), f32x4.mul(w, v128.load(dop + d))));
        }
      }
      const qrow = (<usize>(i * S) << 2) + hb;
      const qp = q + qrow;
      const dqp = dq + qrow;
      for (let j = 0; j < nk; j++) {
        const pj = load<f32>(ap + (<usize>j << 2));
        const g = pj * (load<f32>(scratch + (<usize>j << 2)) - s) * scale;
        if (g == 0) continue;
        const w = f32x4.splat(g);
        const row = (<usize>(j * S) << 2) + hb;
        const kp = k + row;
        const dkp = dk + row;
        for (let d: usize = 0; d < hsb; d += 16) {
          v128.store(dqp + d, f32x4.add(v128.load(dqp + d), f32x4.mul(w, v128.load(kp + d))));
          v128.store(dkp + d, f32x4.add(v128.load(dkp + d), f32x4.mul(w, v128.load(qp + d))));
        }
      }
    }
  }
}

// out = LayerNorm(inp) * w + b over rows of C; mean/rstd (one per row) are saved when non-zero pointers
export function layernorm_fwd(out: usize, mean: usize, rstd: usize, inp: usize, w: usize, b: usize, M: i32, C: i32): void {
  const row = <usize>C << 2;
  for (let m = 0; m < M; m++) {
    const x = inp + <usize>m * row;
    const o = out + <usize>m * row;
    let s: f32 = 0;
    for (let c: usize = 0; c < row; c += 4) s += load<f32>(x + c);
    const mu = s / <f32>C;
    let vs: f32 = 0;
    for (let c: usize = 0; c < row; c += 4) {
      const d = load<f32>(x + c) - mu;
      vs += d * d;
    }
    const r: f32 = 1.0 / Mathf.sqrt(vs / <f32>C + 1e-5);
    for (let c: usize = 0; c < row; c += 4) {
      store<f32>(o + c, (load<f32>(x + c) - mu) * r * load<f32>(w + c) + load<f32>(b + c));
    }
    if (mean) store<f32>(mean + (<usize>m << 2), mu);
    if (rstd) store<f32>(rstd + (<usize>m << 2), r);
  }
}

// dinp += ..., dw += ..., db += ...
export function layernorm_bwd(
  dinp: usize, dw: usize, db: usize, dout: usize, inp: usize, w: usize, mean: usize, rstd: usize, M: i32, C: i32,
): void {
  const row = <usize>C << 2;
  for (let m = 0; m < M; m++) {
    const x = inp + <usize>m * row;
    const d = dout + <usize>m * row;
    const di = dinp + <usize>m * row;
    const mu = load<f32>(mean + (<usize>m << 2));
    const r = load<f32>(rstd + (<usize>m << 2));
    let dm: f32 = 0;
    let dnm: f32 = 0;
    for (let c: usize = 0; c < row; c += 4) {
      const nrm = (load<f32>(x + c) - mu) * r;
      const dn = load<f32>(w + c) * load<f32>(d + c);
      dm += dn;
      dnm += dn * nrm;
    }
    dm /= <f32>C;
    dnm /= <f32>C;
    for (let c: usize = 0; c < row; c += 4) {
      const nrm = (load<f32>(x + c) - mu) * r;
      const g = load<f32>(d + c);
      const dn = load<f32>(w + c) * g;
      store<f32>(db + c, load<f32>(db + c) + g);
      store<f32>(dw + c, load<f32>(dw + c) + nrm * g);
      store<f32>(di + c, load<f32>(di + c) + (dn - dm - nrm * dnm) * r);
    }
  }
}

const GELU_S: f32 = 0.7978845608028654; // sqrt(2/pi)

// tanh-approximated GELU, as in GPT-2
export function gelu_fwd(out: usize, inp: usize, n: i32): void {
  const end = <usize>n << 2;
  for (let i: usize = 0; i < end; i += 4) {
    const x = load<f32>(inp + i);
    store<f32>(out + i, 0.5 * x * (1.0 + Mathf.tanh(GELU_S * (x + 0.044715 * x * x * x))));
  }
}

// dinp = gelu'(inp) * dout
export function gelu_bwd(dinp: usize, inp: usize, dout: usize, n: i32): void {
  const end = <usize>n << 2;
  for (let i: usize = 0; i < end; i += 4) {
    const x = load<f32>(inp + i);
    const u = GELU_S * (x + 0.044715 * x * x * x);
    const t = Mathf.tanh(u);
    const sech2: f32 = 1.0 - t * t;
    const g: f32 = 0.5 * (1.0 + t) + 0.5 * x * sech2 * GELU_S * (1.0 + 3.0 * 0.044715 * x * x);
    store<f32>(dinp + i, g * load<f32>(dout + i));
  }
}

// out = a + b
export function add(out: usize, a: usize, b: usize, n: i32): void {
  const end = <usize>n << 2;
  for (let i: usize = 0; i < end; i += 16) v128.store(out + i, f32x4.add(v128.load(a + i), v128.load(b + i)));
}

// out += a
export function acc(out: usize, a: usize, n: i32): void {
  const end = <usize>n << 2;
  for (let i: usize = 0; i < end; i += 16) v128.store(out + i, f32x4.add(v128.load(out + i), v128.load(a + i)));
}

// out[t] = wte[tok[t]] + wpe[pos0 + t]
export function embed_fwd(out: usize, tok: usize, wte: usize, wpe: usize, n: i32, pos0: i32, C: i32): void {
  const row = <usize>C << 2;
  for (let t = 0; t < n; t++) {
    const id = load<i32>(tok + (<usize>t << 2));
    add(out + <usize>t * row, wte + <usize>id * row, wpe + <usize>(pos0 + t) * row, C);
  }
}

// Backward of embed_fwd for a batch of B rows of T tokens (positions 0..T-1)
export function embed_bwd(dwte: usize, dwpe: usize, dout: usize, tok: usize, B: i32, T: i32, C: i32): void {
  const row = <usize>C << 2;
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const i = b * T + t;
      const id = load<i32>(tok + (<usize>i << 2));
      const d = dout + <usize>i * row;
      acc(dwte + <usize>id * row, d, C);
      acc(dwpe + <usize>t * row, d, C);
    }
  }
}

// Row-wise softmax cross-entropy over V logits. losses[m] = -log p[target[m]]. If dscale != 0 the logits are
// overwritten with the gradient (p - onehot) * dscale. Rows whose target is negative get loss 0 and no gradient.
export function crossentropy(losses: usize, logits: usize, targets: usize, M: i32, V: i32, dscale: f32): void {
  const row = <usize>V << 2;
  for (let m = 0; m < M; m++) {
    const l = logits + <usize>m * row;
    const t = load<i32>(targets + (<usize>m << 2));
    let mx: f32 = -Infinity;
    for (let v: usize = 0; v < row; v += 4) mx = max(mx, load<f32>(l + v));
    let sum: f32 = 0;
    for (let v: usize = 0; v < row; v += 4) sum += Mathf.exp(load<f32>(l + v) - mx);
    const lse = mx + Mathf.log(sum);
    if (t < 0) {
      store<f32>(losses + (<usize>m << 2), 0);
      if (dscale != 0) for (let v: usize = 0; v < row; v += 4) store<f32>(l + v, 0);
      continue;
    }
    store<f32>(losses + (<usize>m << 2), lse - load<f32>(l + (<usize>t << 2)));
    if (dscale != 0) {
      for (let v: usize = 0; v < row; v += 4) store<f32>(l + v, Mathf.exp(load<f32>(l + v) - lse) * dscale);
      const tp = l + (<usize>t << 2);
      store<f32>(tp, load<f32>(tp) - dscale);
    }
  }
}

// Σ x² (f64 accumulation)
export function sumsq(x: usize, n: i32): f64 {
  let s: f64 = 0;
  const end = <usize>n << 2;
  for (let i: usize = 0; i < end; i += 4) {
    const v = <f64>load<f32>(x + i);
    s += v * v;
  }
  return s;
}

// x *= s
export function scale(x: usize, n: i32, s: f32): void {
  const end = <usize>n << 2;
  for (let i: usize = 0; i < end; i += 4) store<f32>(x + i, load<f32>(x + i) * s);
}

// AdamW step with decoupled weight decay; bc1/bc2 are the bias corrections 1-β1^t and 1-β2^t.
export function adamw(
  p: usize, g: usize, m: usize, v: usize, n: i32, lr: f32, b1: f32, b2: f32, eps: f32, wd: f32, bc1: f32, bc2: f32,
): void {
  const end = <usize>n << 2;
  for (let i: usize = 0; i < end; i += 4) {
    const gi = load<f32>(g + i);
    const mi = b1 * load<f32>(m + i) + (1.0 - b1) * gi;
    const vi = b2 * load<f32>(v + i) + (1.0 - b2) * gi * gi;
    store<f32>(m + i, mi);
    store<f32>(v + i, vi);
    const mh = mi / bc1;
    const vh = vi / bc2;
    const pi = load<f32>(p + i);
    store<f32>(p + i, pi - lr * (mh / (Mathf.sqrt(vh) + eps) + wd * pi));
  }
}

// dst[r, 0..cols) = src[r, 0..cols) for `rows` rows with the given row strides (in floats)
export function copy_rows(dst: usize, dstS: i32, src: usize, srcS: i32, rows: i32, cols: i32): void {
  const n = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    memory.copy(dst + (<usize>(r * dstS) << 2), src + (<usize>(r * srcS) << 2), n);
  }
}

// out[i] += s * v[i] for each of `rows` rows of length n (the same vector v added to every row)
export function add_scaled_rows(out: usize, v: usize, s: f32, rows: i32, n: i32): void {
  const w = f32x4.splat(s);
  const row = <usize>n << 2;
  for (let r = 0; r < rows; r++) {
    const o = out + <usize>r * row;
    for (let i: usize = 0; i < row; i += 16) v128.store(o + i, f32x4.add(v128.load(o + i), f32x4.mul(w, v128.load(v + i))));
  }
}

// tanh as a rational approximation (Eigen's generic_fast_tanh_float), 4 lanes at a time: a few ulp from tanhf.
// @ts-ignore: decorator
@inline
function tanh4(x0: v128): v128 {
  const x = f32x4.min(f32x4.max(x0, f32x4.splat(-7.90531110763549805)), f32x4.splat(7.90531110763549805));
  const x2 = f32x4.mul(x, x);
  let p = f32x4.add(f32x4.mul(x2, f32x4.splat(-2.76076847742355e-16)), f32x4.splat(2.00018790482477e-13));
  p = f32x4.add(f32x4.mul(x2, p), f32x4.splat(-8.60467152213735e-11));
  p = f32x4.add(f32x4.mul(x2, p), f32x4.splat(5.12229709037114e-8));
  p = f32x4.add(f32x4.mul(x2, p), f32x4.splat(1.48572235717979e-5));
  p = f32x4.add(f32x4.mul(x2, p), f32x4.splat(6.37261928875436e-4));
  p = f32x4.add(f32x4.mul(x2, p), f32x4.splat(4.89352455891786e-3));
  p = f32x4.mul(x, p);
  let q = f32x4.add(f32x4.mul(x2, f32x4.splat(1.19825839466702e-6)), f32x4.splat(1.18534705686654e-4));
  q = f32x4.add(f32x4.mul(x2, q), f32x4.splat(2.26843463243900e-3));
  q = f32x4.add(f32x4.mul(x2, q), f32x4.splat(4.89352518554385e-3));
  return f32x4.div(p, q);
}

// GELU (tanh form) for inference with the vectorised tanh above; n a multiple of 4. Training keeps gelu_fwd.
export function gelu_fwd_fast(out: usize, inp: usize, n: i32): void {
  const end = <usize>n << 2;
  const s = f32x4.splat(GELU_S);
  const c = f32x4.splat(0.044715);
  const half = f32x4.splat(0.5);
  const one = f32x4.splat(1.0);
  for (let i: usize = 0; i < end; i += 16) {
    const x = v128.load(inp + i);
    const u = f32x4.mul(s, f32x4.add(x, f32x4.mul(c, f32x4.mul(x, f32x4.mul(x, x)))));
    v128.store(out + i, f32x4.mul(f32x4.mul(half, x), f32x4.add(one, tanh4(u))));
  }
}
