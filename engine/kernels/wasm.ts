// Loads the WASM kernels (from bytes) and manages their linear memory as a bump arena of f32/i32 arrays.
import { KERNELS_WASM_BASE64 } from './kernels-wasm.ts';

type P = number; // a byte offset into the kernels' memory

export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): P;
  mm_nn(out: P, a: P, b: P, M: number, K: number, N: number, acc: number): void;
  mm_nt(out: P, a: P, b: P, M: number, K: number, N: number, acc: number): void;
  mm_tn(out: P, a: P, b: P, M: number, K: number, N: number, acc: number): void;
  add_bias(out: P, bias: P, M: number, N: number): void;
  bias_grad(dbias: P, dout: P, M: number, N: number): void;
  attn_fwd(
    out: P,
    outS: number,
    q: P,
    qS: number,
    k: P,
    kS: number,
    v: P,
    vS: number,
    att: P,
    attS: number,
    Tq: number,
    off: number,
    H: number,
    hs: number,
    scale: number,
  ): void;
  attn_bwd(
    dq: P,
    dk: P,
    dv: P,
    dout: P,
    doutS: number,
    q: P,
    k: P,
    v: P,
    S: number,
    att: P,
    attS: number,
    T: number,
    H: number,
    hs: number,
    scale: number,
    scratch: P,
  ): void;
  layernorm_fwd(out: P, mean: P, rstd: P, inp: P, w: P, b: P, M: number, C: number): void;
  layernorm_bwd(dinp: P, dw: P, db: P, dout: P, inp: P, w: P, mean: P, rstd: P, M: number, C: number): void;
  gelu_fwd(out: P, inp: P, n: number): void;
  gelu_bwd(dinp: P, inp: P, dout: P, n: number): void;
  gelu_fwd_fast(out: P, inp: P, n: number): void;
  add(out: P, a: P, b: P, n: number): void;
  acc(out: P, a: P, n: number): void;
  embed_fwd(out: P, tok: P, wte: P, wpe: P, n: number, pos0: number, C: number): void;
  embed_bwd(dwte: P, dwpe: P, dout: P, tok: P, B: number, T: number, C: number): void;
  crossentropy(losses: P, logits: P, targets: P, M: number, V: number, dscale: number): void;
  copy_rows(dst: P, dstS: number, src: P, srcS: number, rows: number, cols: number): void;
  add_scaled_rows(out: P, v: P, s: number, rows: number, n: number): void;
  sumsq(x: P, n: number): number;
  scale(x: P, n: number, s: number): void;
  adamw(
    p: P,
    g: P,
    m: P,
    v: P,
    n: number,
    lr: number,
    b1: number,
    b2: number,
    eps: number,
    wd: number,
    bc1: number,
    bc2: number,
  ): void;
}

let cachedModule: WebAssembly.Module | undefined;

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The compiled kernels module (compiled once per thread). */
export function kernelsModule(): WebAssembly.Module {
  cachedModule ??= new WebAssembly.Module(decodeBase64(KERNELS_WASM_BASE64));
  return cachedModule;
}

/** A fresh kernels instance with its own memory. */
export function createKernels(): KernelExports {
  const instance = new WebAssembly.Instance(kernelsModule(), {
    env: {
      abort() {
        throw new Error('wasm kernel abort');
      },
    },
  });
  return instance.exports as unknown as KernelExports;
}

/** One region of the arena: a typed view that is re-created whenever the memory grows. */
export interface Region {
  readonly ptr: P;
  readonly length: number;
}

/**
 * A bump allocator over the kernels' memory. Allocate everything first, then read views with f32()/i32():
 * views are cheap to create and stay valid until the next alloc() that grows the memory.
 */
export class Arena {
  readonly k: KernelExports;
  private top: number;

  constructor(k: KernelExports = createKernels()) {
    this.k = k;
    this.top = align(k.heapBase(), 64);
  }

  alloc(length: number): Region {
    const ptr = this.top;
    this.top = align(ptr + length * 4, 64);
    const need = this.top - this.k.memory.buffer.byteLength;
    if (need > 0) this.k.memory.grow(Math.ceil(need / 65536));
    return { ptr, length };
  }

  f32(r: Region): Float32Array {
    return new Float32Array(this.k.memory.buffer, r.ptr, r.length);
  }

  i32(r: Region): Int32Array {
    return new Int32Array(this.k.memory.buffer, r.ptr, r.length);
  }

  /** Bytes in use (for memory reports). */
  get bytes(): number {
    return this.top;
  }
}

function align(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}
