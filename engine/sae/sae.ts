// A TopK sparse autoencoder (Gao et al. 2024, "Scaling and evaluating sparse autoencoders") as plain data:
//   latents = relu(topk(W_enc · (x − pre_bias) + latent_bias)),  x̂ = W_decᵀ · latents + pre_bias
// with W_enc and W_dec both stored [n × d] (one row per latent; W_dec rows have unit norm). Encoding is the dense
// part and runs on the WASM kernels (mm_nt); decoding is sparse (k rows per position).
import { Arena, type Region } from '../kernels/wasm.ts';

export interface Sae {
  /** The residual hook it reads, e.g. `blocks.3.hook_resid_pre`. */
  readonly hook: string;
  /** Model width. */
  readonly d: number;
  /** Dictionary size (latents). */
  readonly n: number;
  /** Active latents per position. */
  readonly k: number;
  /** [n × d] */
  readonly wEnc: Float32Array;
  /** [n] (latent_bias) */
  readonly bEnc: Float32Array;
  /** [n × d], unit-norm rows */
  readonly wDec: Float32Array;
  /** [d] */
  readonly preBias: Float32Array;
}

/** Sparse codes of `rows` positions: k (index, value) pairs per row, values ≥ 0 (relu after topk; 0 = inactive). */
export interface SparseCodes {
  readonly rows: number;
  readonly k: number;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export function createSae(hook: string, d: number, n: number, k: number): Sae {
  if (!(k >= 1 && k <= n)) throw new Error(`k must be in 1..${n}, got ${k}`);
  if (d % 4 !== 0) throw new Error(`d must be a multiple of 4 (the kernels' layout), got ${d}`);
  return {
    hook,
    d,
    n,
    k,
    wEnc: new Float32Array(n * d),
    bEnc: new Float32Array(n),
    wDec: new Float32Array(n * d),
    preBias: new Float32Array(d),
  };
}

/**
 * The k largest of pre[off .. off+n) (ties: lower index first), written as indices and relu'd values at
 * outIdx/outVal[outOff .. outOff+k), largest first. `allow`, when given, restricts the candidates (AuxK: dead latents
 * only); fewer than k candidates leave index -1 and value 0 in the remaining slots.
 */
export function topkRow(
  pre: Float32Array,
  off: number,
  n: number,
  k: number,
  outIdx: Int32Array,
  outVal: Float32Array,
  outOff: number,
  allow?: Uint8Array,
): void {
  // an unsorted buffer of the best k so far, with the position of its minimum
  let filled = 0;
  let minPos = 0;
  let minVal = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (allow && allow[i] === 0) continue;
    const v = pre[off + i] as number;
    if (filled < k) {
      outIdx[outOff + filled] = i;
      outVal[outOff + filled] = v;
      // the slot to evict first: the smallest value, and among equal ones the highest index (the latest)
      if (v <= minVal || filled === 0) {
        minVal = v;
        minPos = filled;
      }
      filled++;
      continue;
    }
    if (v <= minVal) continue;
    outIdx[outOff + minPos] = i;
    outVal[outOff + minPos] = v;
    minVal = Number.POSITIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      const w = outVal[outOff + j] as number;
      if (w < minVal || (w === minVal && (outIdx[outOff + j] as number) > (outIdx[outOff + minPos] as number))) {
        minVal = w;
        minPos = j;
      }
    }
  }
  for (let j = filled; j < k; j++) {
    outIdx[outOff + j] = -1;
    outVal[outOff + j] = Number.NEGATIVE_INFINITY;
  }
  // sort descending by value (insertion sort: k is small), then relu
  for (let a = 1; a < k; a++) {
    const vi = outVal[outOff + a] as number;
    const ii = outIdx[outOff + a] as number;
    let b = a - 1;
    while (b >= 0) {
      const vb = outVal[outOff + b] as number;
      const ib = outIdx[outOff + b] as number;
      if (vb > vi || (vb === vi && ib < ii)) break;
      outVal[outOff + b + 1] = vb;
      outIdx[outOff + b + 1] = ib;
      b--;
    }
    outVal[outOff + b + 1] = vi;
    outIdx[outOff + b + 1] = ii;
  }
  for (let j = 0; j < k; j++) if (!((outVal[outOff + j] as number) > 0)) outVal[outOff + j] = 0;
}

/** Kernel scratch for encoding, cached per SAE (the encoder weights are copied into WASM memory once). */
interface EncoderScratch {
  readonly arena: Arena;
  readonly w: Region;
  readonly b: Region;
  readonly x: Region;
  readonly pre: Region;
  readonly chunk: number;
  readonly wEnc: Float32Array;
  readonly bEnc: Float32Array;
}
const scratch = new WeakMap<Sae, EncoderScratch>();
const CHUNK = 512;

function encoderScratch(sae: Sae): EncoderScratch {
  const s = scratch.get(sae);
  // weights edited in place (training) would go unseen: compare by identity and refresh when asked
  if (s && s.wEnc === sae.wEnc && s.bEnc === sae.bEnc) return s;
  const arena = new Arena();
  const w = arena.alloc(sae.n * sae.d);
  const b = arena.alloc(sae.n);
  const x = arena.alloc(CHUNK * sae.d);
  const pre = arena.alloc(CHUNK * sae.n);
  arena.f32(w).set(sae.wEnc);
  arena.f32(b).set(sae.bEnc);
  const made = { arena, w, b, x, pre, chunk: CHUNK, wEnc: sae.wEnc, bEnc: sae.bEnc };
  scratch.set(sae, made);
  return made;
}

/** Forgets the cached kernel copy of the encoder (call after editing wEnc/bEnc in place). */
export function invalidateEncoder(sae: Sae): void {
  scratch.delete(sae);
}

/** Pre-activations W_enc (x − pre_bias) + latent_bias for rows [row0, row0+rows) of x, into `out` [rows × n]. */
export function preActivations(sae: Sae, x: Float32Array, rows: number, out: Float32Array): void {
  const s = encoderScratch(sae);
  const { d, n } = sae;
  for (let r0 = 0; r0 < rows; r0 += s.chunk) {
    const m = Math.min(s.chunk, rows - r0);
    const xs = s.arena.f32(s.x);
    for (let i = 0; i < m; i++) {
      const src = (r0 + i) * d;
      for (let c = 0; c < d; c++) xs[i * d + c] = (x[src + c] as number) - (sae.preBias[c] as number);
    }
    s.arena.k.mm_nt(s.pre.ptr, s.x.ptr, s.w.ptr, m, d, n, 0);
    s.arena.k.add_bias(s.pre.ptr, s.b.ptr, m, n);
    out.set(s.arena.f32(s.pre).subarray(0, m * n), r0 * n);
  }
}

/** Encodes `rows` residual rows [rows × d] to their top-k sparse codes. */
export function encode(sae: Sae, x: Float32Array, rows: number): SparseCodes {
  const { n, k } = sae;
  const indices = new Int32Array(rows * k);
  const values = new Float32Array(rows * k);
  const pre = new Float32Array(Math.min(rows, CHUNK) * n);
  for (let r0 = 0; r0 < rows; r0 += CHUNK) {
    const m = Math.min(CHUNK, rows - r0);
    preActivations(sae, x.subarray(r0 * sae.d, (r0 + m) * sae.d), m, pre);
    for (let i = 0; i < m; i++) topkRow(pre, i * n, n, k, indices, values, (r0 + i) * k);
  }
  return { rows, k, indices, values };
}

/** Reconstructions [rows × d] of sparse codes: pre_bias + Σ value · W_dec[index]. */
export function decode(sae: Sae, codes: SparseCodes): Float32Array {
  const { d } = sae;
  const out = new Float32Array(codes.rows * d);
  for (let r = 0; r < codes.rows; r++) {
    const o = r * d;
    for (let c = 0; c < d; c++) out[o + c] = sae.preBias[c] as number;
    for (let j = 0; j < codes.k; j++) {
      const v = codes.values[r * codes.k + j] as number;
      const i = codes.indices[r * codes.k + j] as number;
      if (v === 0 || i < 0) continue;
      const w = i * d;
      for (let c = 0; c < d; c++) out[o + c] = (out[o + c] as number) + v * (sae.wDec[w + c] as number);
    }
  }
  return out;
}

/** Encode then decode a batch: the codes and the reconstruction. */
export function forward(sae: Sae, x: Float32Array, rows: number): { codes: SparseCodes; recon: Float32Array } {
  const codes = encode(sae, x, rows);
  return { codes, recon: decode(sae, codes) };
}

/** Scales every row of W [n × d] to unit L2 norm (zero rows are left alone). */
export function normalizeRows(w: Float32Array, n: number, d: number): void {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < d; c++) s += (w[i * d + c] as number) ** 2;
    if (s === 0) continue;
    const inv = 1 / Math.sqrt(s);
    for (let c = 0; c < d; c++) w[i * d + c] = (w[i * d + c] as number) * inv;
  }
}

/**
 * Removes from each gradient row the component parallel to its (unit-norm) decoder row: g ← g − (g·w) w, so a step
 * moves along the sphere the decoder is renormalised onto (OpenAI's unit_norm_decoder_grad_adjustment_).
 */
export function projectDecoderGrad(w: Float32Array, g: Float32Array, n: number, d: number): void {
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let dot = 0;
    for (let c = 0; c < d; c++) dot += (g[o + c] as number) * (w[o + c] as number);
    if (dot === 0) continue;
    for (let c = 0; c < d; c++) g[o + c] = (g[o + c] as number) - dot * (w[o + c] as number);
  }
}

/** The geometric median of `rows` points [rows × d] by Weiszfeld's iteration (starting from the mean). */
export function geometricMedian(x: Float32Array, rows: number, d: number, iters = 100, tol = 1e-6): Float32Array {
  const y = new Float64Array(d);
  for (let r = 0; r < rows; r++) for (let c = 0; c < d; c++) y[c] = (y[c] as number) + (x[r * d + c] as number) / rows;
  const num = new Float64Array(d);
  for (let it = 0; it < iters; it++) {
    num.fill(0);
    let den = 0;
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += ((x[r * d + c] as number) - (y[c] as number)) ** 2;
      const w = 1 / Math.max(Math.sqrt(s), 1e-8);
      den += w;
      for (let c = 0; c < d; c++) num[c] = (num[c] as number) + w * (x[r * d + c] as number);
    }
    let move = 0;
    let norm = 0;
    for (let c = 0; c < d; c++) {
      const v = (num[c] as number) / den;
      move += (v - (y[c] as number)) ** 2;
      norm += v * v;
      y[c] = v;
    }
    if (Math.sqrt(move) <= tol * Math.max(1, Math.sqrt(norm))) break;
  }
  return Float32Array.from(y);
}
