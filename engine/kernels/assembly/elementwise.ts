// Row and element-wise kernels: LayerNorm, GELU, residual adds, embeddings, cross-entropy, AdamW, copies.
import { tanh4 } from './simd';

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
