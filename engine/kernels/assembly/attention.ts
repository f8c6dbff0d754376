// Causal multi-head attention, forward (generic and head-size-32) and backward.
import { dot4, hsum } from './simd';

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
