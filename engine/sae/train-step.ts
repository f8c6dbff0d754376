// One TopK SAE training step with AuxK, after OpenAI's sparse_autoencoder/train.py:
//   loss = mse_scale · mean((x̂ − x)²) + auxk_coef · ‖ê_aux − e‖² / ‖e‖²   (e = x − x̂, detached)
// where ê_aux decodes the top k_aux pre-activations among the dead latents (no activation for `deadTokens` tokens).
// The decoder gradient is projected onto the tangent of the unit sphere per row, Adam steps, the decoder rows are
// renormalised. The dense encoder product runs on the WASM kernels; all gradients of the sparse parts are sparse.
import { Arena, type Region } from '../kernels/wasm.ts';
import type { Rng } from '../rng.ts';
import {
  createSae,
  geometricMedian,
  invalidateEncoder,
  normalizeRows,
  preActivations,
  type Sae,
  topkRow,
} from './sae.ts';

export interface SaeTrainConfig {
  readonly hook: string;
  readonly d: number;
  readonly n: number;
  readonly k: number;
  /** AuxK latents per row (among the dead ones). */
  readonly kAux: number;
  readonly auxCoef: number;
  /** A latent is dead after this many tokens without an activation. */
  readonly deadTokens: number;
  readonly batch: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
}

export interface StepStats {
  /** Total loss (scaled MSE + auxCoef · AuxK). */
  readonly loss: number;
  /** MSE / variance of the data at init (≈ 1 − FVE). */
  readonly nmse: number;
  readonly aux: number;
  /** Latents currently dead. */
  readonly dead: number;
}

/** Adam state for one parameter tensor living in the arena. */
interface Param {
  readonly p: Region;
  readonly g: Region;
  readonly m: Region;
  readonly v: Region;
}

export class SaeTrainer {
  readonly cfg: SaeTrainConfig;
  readonly arena: Arena;
  private readonly params: { wEnc: Param; bEnc: Param; wDec: Param; preBias: Param };
  private readonly xc: Region;
  private readonly pre: Region;
  /** 1 / mean squared deviation of the data from its mean (per element), fixed at init. */
  mseScale = 1;
  step = 0;
  tokensSeen = 0;
  /** Tokens since each latent last fired. */
  readonly sinceFired: Float64Array;
  private readonly idx: Int32Array;
  private readonly val: Float32Array;
  private readonly auxIdx: Int32Array;
  private readonly auxVal: Float32Array;
  private readonly deadMask: Uint8Array;
  private readonly view: Sae;

  constructor(cfg: SaeTrainConfig) {
    this.cfg = cfg;
    const { n, d, batch: B, k, kAux } = cfg;
    const a = new Arena();
    this.arena = a;
    const param = (len: number): Param => ({ p: a.alloc(len), g: a.alloc(len), m: a.alloc(len), v: a.alloc(len) });
    this.params = { wEnc: param(n * d), bEnc: param(n), wDec: param(n * d), preBias: param(d) };
    this.xc = a.alloc(B * d);
    this.pre = a.alloc(B * n);
    this.sinceFired = new Float64Array(n);
    this.idx = new Int32Array(B * k);
    this.val = new Float32Array(B * k);
    this.auxIdx = new Int32Array(B * kAux);
    this.auxVal = new Float32Array(B * kAux);
    this.deadMask = new Uint8Array(n);
    this.view = createSae(cfg.hook, d, n, k);
  }

  private f(r: Region): Float32Array {
    return this.arena.f32(r);
  }

  /**
   * Tied init from a data sample [rows × d]: random unit rows for W_dec, W_enc = W_dec, pre_bias = geometric median,
   * then W_enc scaled so that reconstructions of random unit inputs have unit norm on average; mse_scale from the
   * sample's variance.
   */
  init(sample: Float32Array, rows: number, rng: Rng): void {
    const { n, d } = this.cfg;
    const wDec = this.f(this.params.wDec.p);
    for (let i = 0; i < n * d; i++) wDec[i] = gaussian(rng);
    normalizeRows(wDec, n, d);
    this.f(this.params.wEnc.p).set(wDec);
    this.f(this.params.bEnc.p).fill(0);
    this.f(this.params.preBias.p).set(geometricMedian(sample, Math.min(rows, 4096), d));
    // encoder rescale: random unit inputs around pre_bias
    const probe = 256;
    const x = new Float32Array(probe * d);
    const pb = this.f(this.params.preBias.p);
    for (let r = 0; r < probe; r++) {
      let s = 0;
      for (let c = 0; c < d; c++) {
        const g = gaussian(rng);
        x[r * d + c] = g;
        s += g * g;
      }
      const inv = 1 / Math.sqrt(s);
      for (let c = 0; c < d; c++) x[r * d + c] = (x[r * d + c] as number) * inv + (pb[c] as number);
    }
    const sae = this.sae();
    const { recon } = forwardDense(sae, x, probe);
    let norm = 0;
    for (let r = 0; r < probe; r++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += ((recon[r * d + c] as number) - (pb[c] as number)) ** 2;
      norm += Math.sqrt(s) / probe;
    }
    const wEnc = this.f(this.params.wEnc.p);
    for (let i = 0; i < n * d; i++) wEnc[i] = (wEnc[i] as number) / norm;
    // mse_scale = 1 / mean((x − mean x)²)
    let tot = 0;
    const mean = new Float64Array(d);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < d; c++) mean[c] = (mean[c] as number) + (sample[r * d + c] as number) / rows;
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < d; c++) tot += ((sample[r * d + c] as number) - (mean[c] as number)) ** 2;
    this.mseScale = (rows * d) / tot;
    invalidateEncoder(this.view);
  }

  /** A Sae whose arrays are copies of the current weights. */
  sae(): Sae {
    const s = this.view;
    const out = createSae(s.hook, s.d, s.n, s.k);
    out.wEnc.set(this.f(this.params.wEnc.p));
    out.bEnc.set(this.f(this.params.bEnc.p));
    out.wDec.set(this.f(this.params.wDec.p));
    out.preBias.set(this.f(this.params.preBias.p));
    return out;
  }

  /** Loads weights (and, when given, Adam moments) e.g. from a checkpoint. */
  load(
    w: { wEnc: Float32Array; bEnc: Float32Array; wDec: Float32Array; preBias: Float32Array },
    moments?: Record<string, { m: Float32Array; v: Float32Array }>,
  ): void {
    for (const [name, p] of Object.entries(this.params)) {
      this.f(p.p).set(w[name as keyof typeof w]);
      const mo = moments?.[name];
      if (mo) {
        this.f(p.m).set(mo.m);
        this.f(p.v).set(mo.v);
      }
    }
  }

  /** Adam moments by parameter name (copies), for checkpoints. */
  moments(): Record<string, { m: Float32Array; v: Float32Array }> {
    const out: Record<string, { m: Float32Array; v: Float32Array }> = {};
    for (const [name, p] of Object.entries(this.params))
      out[name] = { m: Float32Array.from(this.f(p.m)), v: Float32Array.from(this.f(p.v)) };
    return out;
  }

  /** One step on a batch x [batch × d] with learning rate lr. */
  trainStep(x: Float32Array, lr: number): StepStats {
    const { n, d, k, kAux, batch: B, auxCoef, deadTokens } = this.cfg;
    const K = this.arena.k;
    const P = this.params;
    for (const p of Object.values(P)) this.f(p.g).fill(0);
    const wEnc = this.f(P.wEnc.p);
    const wDec = this.f(P.wDec.p);
    const pb = this.f(P.preBias.p);
    const xc = this.f(this.xc);
    for (let r = 0; r < B; r++)
      for (let c = 0; c < d; c++) xc[r * d + c] = (x[r * d + c] as number) - (pb[c] as number);
    K.mm_nt(this.pre.ptr, this.xc.ptr, P.wEnc.p.ptr, B, d, n, 0);
    K.add_bias(this.pre.ptr, P.bEnc.p.ptr, B, n);
    const pre = this.f(this.pre);
    let dead = 0;
    for (let i = 0; i < n; i++) {
      const isDead = (this.sinceFired[i] as number) >= deadTokens ? 1 : 0;
      this.deadMask[i] = isDead;
      dead += isDead;
    }
    const useAux = dead > 0 && kAux > 0;
    const ka = Math.min(kAux, dead);
    const { idx, val, auxIdx, auxVal } = this;
    const fired = new Uint8Array(n);
    for (let r = 0; r < B; r++) {
      topkRow(pre, r * n, n, k, idx, val, r * k);
      for (let j = 0; j < k; j++) if ((val[r * k + j] as number) > 0) fired[idx[r * k + j] as number] = 1;
      if (useAux) topkRow(pre, r * n, n, ka, auxIdx, auxVal, r * ka, this.deadMask);
    }
    // reconstruction error e = x̂ − x per row, and the AuxK error
    const gEnc = this.f(P.wEnc.g);
    const gBias = this.f(P.bEnc.g);
    const gDec = this.f(P.wDec.g);
    const gPb = this.f(P.preBias.g);
    const e = new Float32Array(B * d);
    let sse = 0;
    for (let r = 0; r < B; r++) {
      const o = r * d;
      for (let c = 0; c < d; c++) e[o + c] = (pb[c] as number) - (x[o + c] as number);
      for (let j = 0; j < k; j++) {
        const v = val[r * k + j] as number;
        if (v === 0) continue;
        const w = (idx[r * k + j] as number) * d;
        for (let c = 0; c < d; c++) e[o + c] = (e[o + c] as number) + v * (wDec[w + c] as number);
      }
      for (let c = 0; c < d; c++) sse += (e[o + c] as number) ** 2;
    }
    const ea = useAux ? new Float32Array(B * d) : undefined;
    let aux = 0;
    if (ea) {
      for (let r = 0; r < B; r++) {
        const o = r * d;
        for (let c = 0; c < d; c++) ea[o + c] = e[o + c] as number; // ê_aux − (−e)
        for (let j = 0; j < ka; j++) {
          const v = auxVal[r * ka + j] as number;
          if (v === 0) continue;
          const w = (auxIdx[r * ka + j] as number) * d;
          for (let c = 0; c < d; c++) ea[o + c] = (ea[o + c] as number) + v * (wDec[w + c] as number);
        }
        for (let c = 0; c < d; c++) aux += (ea[o + c] as number) ** 2;
      }
      aux /= Math.max(sse, 1e-30);
    }
    const nmse = (sse / (B * d)) * this.mseScale;
    // backward: main path
    const gMain = (2 * this.mseScale) / (B * d);
    const gAux = ea ? (2 * auxCoef) / Math.max(sse, 1e-30) : 0;
    const gxc = new Float32Array(d); // Σ over rows of ∂L/∂(x − pre_bias), for pre_bias's encoder path
    const backSparse = (
      r: number,
      ind: Int32Array,
      vals: Float32Array,
      kk: number,
      err: Float32Array,
      scale: number,
    ): void => {
      const o = r * d;
      for (let j = 0; j < kk; j++) {
        const v = vals[r * kk + j] as number;
        if (v === 0) continue;
        const w = (ind[r * kk + j] as number) * d;
        let gv = 0;
        for (let c = 0; c < d; c++) {
          const ge = scale * (err[o + c] as number);
          gDec[w + c] = (gDec[w + c] as number) + v * ge;
          gv += ge * (wDec[w + c] as number);
        }
        const i = ind[r * kk + j] as number;
        gBias[i] = (gBias[i] as number) + gv;
        for (let c = 0; c < d; c++) {
          gEnc[w + c] = (gEnc[w + c] as number) + gv * (xc[o + c] as number);
          gxc[c] = (gxc[c] as number) + gv * (wEnc[w + c] as number);
        }
      }
      for (let c = 0; c < d; c++) gPb[c] = (gPb[c] as number) + scale * (err[o + c] as number);
    };
    for (let r = 0; r < B; r++) {
      backSparse(r, idx, val, k, e, gMain);
      if (ea) backSparse(r, auxIdx, auxVal, ka, ea, gAux);
    }
    for (let c = 0; c < d; c++) gPb[c] = (gPb[c] as number) - (gxc[c] as number);
    // decoder: tangent projection, Adam, renormalise
    projectRowsTouched(wDec, gDec, n, d);
    this.step++;
    const { beta1: b1, beta2: b2, eps } = this.cfg;
    const bc1 = 1 - b1 ** this.step;
    const bc2 = 1 - b2 ** this.step;
    for (const p of Object.values(P))
      K.adamw(p.p.ptr, p.g.ptr, p.m.ptr, p.v.ptr, p.p.length, lr, b1, b2, eps, 0, bc1, bc2);
    normalizeRows(this.f(P.wDec.p), n, d);
    // dead-latent bookkeeping
    for (let i = 0; i < n; i++) this.sinceFired[i] = fired[i] ? 0 : (this.sinceFired[i] as number) + B;
    this.tokensSeen += B;
    const deadNow = this.sinceFired.reduce((s, t) => s + (t >= deadTokens ? 1 : 0), 0);
    return { loss: nmse + auxCoef * aux, nmse, aux, dead: deadNow };
  }
}

/** g ← g − (g·w) w per row (rows with a zero gradient are skipped). */
function projectRowsTouched(w: Float32Array, g: Float32Array, n: number, d: number): void {
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let dot = 0;
    for (let c = 0; c < d; c++) dot += (g[o + c] as number) * (w[o + c] as number);
    if (dot === 0) continue;
    for (let c = 0; c < d; c++) g[o + c] = (g[o + c] as number) - dot * (w[o + c] as number);
  }
}

function forwardDense(sae: Sae, x: Float32Array, rows: number): { recon: Float32Array } {
  const { n, k, d } = sae;
  const pre = new Float32Array(rows * n);
  preActivations(sae, x, rows, pre);
  const idx = new Int32Array(k);
  const val = new Float32Array(k);
  const recon = new Float32Array(rows * d);
  for (let r = 0; r < rows; r++) {
    topkRow(pre, r * n, n, k, idx, val, 0);
    for (let c = 0; c < d; c++) recon[r * d + c] = sae.preBias[c] as number;
    for (let j = 0; j < k; j++) {
      const v = val[j] as number;
      if (v === 0) continue;
      const w = (idx[j] as number) * d;
      for (let c = 0; c < d; c++) recon[r * d + c] = (recon[r * d + c] as number) + v * (sae.wDec[w + c] as number);
    }
  }
  invalidateEncoder(sae);
  return { recon };
}

/** A standard normal draw (Box–Muller). */
export function gaussian(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}
