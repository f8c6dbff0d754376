// Inference-time GPT on the WASM kernels: batched (matrix-matrix) prefill, incremental decoding with a KV cache,
// and hooks at TransformerLens-named points: steering (add strength × vector to the residual stream) and
// capture (read the residual stream at every position).
import type { ModelConfig } from './config.ts';
import { paramSpecs } from './config.ts';
import { EngineInputError } from './errors.ts';
import { type HookPoint, type Hooks, validateHooks } from './hooks.ts';
import { Arena, type KernelExports, type Region } from './kernels/wasm.ts';
import type { ModelWeights } from './weights.ts';

export type { CaptureHook, HookKind, HookPoint, Hooks, SteeringHook } from './hooks.ts';
export { parseHook } from './hooks.ts';

interface LayerPtrs {
  ln1w: number;
  ln1b: number;
  qkvw: number;
  qkvb: number;
  projw: number;
  projb: number;
  ln2w: number;
  ln2b: number;
  fcw: number;
  fcb: number;
  fcprojw: number;
  fcprojb: number;
}

/** The model's weights and scratch space. Create sessions (KV caches) with newSession(). */
export class GPT {
  readonly cfg: ModelConfig;
  readonly metadata: Readonly<Record<string, string>>;
  readonly arena: Arena;
  readonly k: KernelExports;
  private readonly layers: LayerPtrs[];
  private readonly wte: number;
  private readonly wpe: number;
  private readonly lnfw: number;
  private readonly lnfb: number;
  // scratch, sized for a full-context prefill
  readonly x: Region;
  readonly ln: Region;
  readonly qkv: Region;
  readonly atty: Region;
  readonly tmp: Region;
  readonly fc: Region;
  readonly att: Region;
  readonly logits: Region;
  readonly tok: Region;
  readonly vec: Region;

  constructor(weights: ModelWeights) {
    const cfg = weights.cfg;
    this.cfg = cfg;
    this.metadata = weights.metadata;
    const a = new Arena();
    this.arena = a;
    this.k = a.k;
    const P = a.alloc(weights.params.length);
    a.f32(P).set(weights.params);
    const off = new Map(paramSpecs(cfg).map((s) => [s.name, P.ptr + s.offset * 4]));
    const p = (n: string) => {
      const v = off.get(n);
      if (v === undefined) throw new Error(`no parameter ${n}`);
      return v;
    };
    this.wte = p('wte');
    this.wpe = p('wpe');
    this.lnfw = p('ln_f.weight');
    this.lnfb = p('ln_f.bias');
    this.layers = Array.from({ length: cfg.nLayer }, (_, l) => {
      const q = `blocks.${l}`;
      return {
        ln1w: p(`${q}.ln_1.weight`),
        ln1b: p(`${q}.ln_1.bias`),
        qkvw: p(`${q}.attn.c_attn.weight`),
        qkvb: p(`${q}.attn.c_attn.bias`),
        projw: p(`${q}.attn.c_proj.weight`),
        projb: p(`${q}.attn.c_proj.bias`),
        ln2w: p(`${q}.ln_2.weight`),
        ln2b: p(`${q}.ln_2.bias`),
        fcw: p(`${q}.mlp.c_fc.weight`),
        fcb: p(`${q}.mlp.c_fc.bias`),
        fcprojw: p(`${q}.mlp.c_proj.weight`),
        fcprojb: p(`${q}.mlp.c_proj.bias`),
      };
    });
    const { ctx: T, dModel: C, nHead: H, vocabSize: V } = cfg;
    this.x = a.alloc(T * C);
    this.ln = a.alloc(T * C);
    this.qkv = a.alloc(T * 3 * C);
    this.atty = a.alloc(T * C);
    this.tmp = a.alloc(T * C);
    this.fc = a.alloc(T * 4 * C);
    this.att = a.alloc(H * T * T);
    this.logits = a.alloc(T * V);
    this.tok = a.alloc(T);
    this.vec = a.alloc(C);
  }

  /** Every hook point, in execution order. */
  hookPoints(): HookPoint[] {
    const out: HookPoint[] = [];
    for (let l = 0; l < this.cfg.nLayer; l++) {
      out.push({ name: `blocks.${l}.hook_resid_pre`, layer: l, kind: 'hook_resid_pre' });
      out.push({ name: `blocks.${l}.hook_resid_post`, layer: l, kind: 'hook_resid_post' });
    }
    return out;
  }

  /** A KV cache for one stream. Sessions are allocated once and reused with reset(). */
  newSession(): Session {
    return new Session(this);
  }

  /**
   * Runs `n` residual rows (in this.x) for absolute positions start..start+n-1 through layers from..to-1,
   * writing keys/values into `kv` and applying hooks. Exposed for tests that splice in a residual by hand.
   */
  runBlocks(kv: Region[], n: number, start: number, from: number, to: number, hooks: Hooks): void {
    const { k } = this;
    const { dModel: C, nHead: H, ctx: T } = this.cfg;
    const hs = C / H;
    const scale = 1 / Math.sqrt(hs);
    for (let l = from; l < to; l++) {
      const w = this.layers[l] as LayerPtrs;
      this.applyHooks(`blocks.${l}.hook_resid_pre`, n, start, hooks);
      k.layernorm_fwd(this.ln.ptr, 0, 0, this.x.ptr, w.ln1w, w.ln1b, n, C);
      k.mm_nn(this.qkv.ptr, this.ln.ptr, w.qkvw, n, C, 3 * C, 0);
      k.add_bias(this.qkv.ptr, w.qkvb, n, 3 * C);
      const kc = kv[2 * l] as Region;
      const vc = kv[2 * l + 1] as Region;
      k.copy_rows(kc.ptr + start * C * 4, C, this.qkv.ptr + C * 4, 3 * C, n, C);
      k.copy_rows(vc.ptr + start * C * 4, C, this.qkv.ptr + 2 * C * 4, 3 * C, n, C);
      k.attn_fwd(this.atty.ptr, C, this.qkv.ptr, 3 * C, kc.ptr, C, vc.ptr, C, this.att.ptr, T, n, start, H, hs, scale);
      k.mm_nn(this.tmp.ptr, this.atty.ptr, w.projw, n, C, C, 0);
      k.add_bias(this.tmp.ptr, w.projb, n, C);
      k.acc(this.x.ptr, this.tmp.ptr, n * C);
      k.layernorm_fwd(this.ln.ptr, 0, 0, this.x.ptr, w.ln2w, w.ln2b, n, C);
      k.mm_nn(this.fc.ptr, this.ln.ptr, w.fcw, n, C, 4 * C, 0);
      k.add_bias(this.fc.ptr, w.fcb, n, 4 * C);
      k.gelu_fwd_fast(this.fc.ptr, this.fc.ptr, n * 4 * C);
      k.mm_nn(this.tmp.ptr, this.fc.ptr, w.fcprojw, n, 4 * C, C, 0);
      k.add_bias(this.tmp.ptr, w.fcprojb, n, C);
      k.acc(this.x.ptr, this.tmp.ptr, n * C);
      this.applyHooks(`blocks.${l}.hook_resid_post`, n, start, hooks);
    }
  }

  private applyHooks(name: string, n: number, start: number, hooks: Hooks): void {
    const C = this.cfg.dModel;
    if (hooks.steering) {
      for (const [k, s] of hooks.steering.entries()) {
        if (s.hook !== name || s.strength === 0) continue;
        // a shorter vector would leave stale numbers in the scratch row: refuse it
        if (s.vector.length !== C) {
          throw new EngineInputError(
            `hooks.steering[${k}].vector`,
            `steering vector for ${name} has ${s.vector.length} numbers: it must have exactly ${C} (the model width, dModel)`,
          );
        }
        this.arena.f32(this.vec).set(s.vector);
        this.k.add_scaled_rows(this.x.ptr, this.vec.ptr, s.strength, n, C);
      }
    }
    if (hooks.capture && (!hooks.captureAt || hooks.captureAt.includes(name))) {
      hooks.capture(name, Float32Array.from(this.arena.f32(this.x).subarray(0, n * C)), n, start);
    }
  }

  /** Embeds tokens (in this.tok) for absolute positions start.. into this.x. */
  embed(tokens: ArrayLike<number>, start: number): void {
    const n = tokens.length;
    const t = this.arena.i32(this.tok);
    for (let i = 0; i < n; i++) t[i] = tokens[i] ?? 0;
    this.k.embed_fwd(this.x.ptr, this.tok.ptr, this.wte, this.wpe, n, start, this.cfg.dModel);
  }

  /** Final LayerNorm + tied output projection for rows [first, first+rows) of this.x; returns a copy. */
  head(first: number, rows: number): Float32Array {
    const { dModel: C, vocabSize: V } = this.cfg;
    this.k.layernorm_fwd(this.ln.ptr, 0, 0, this.x.ptr + first * C * 4, this.lnfw, this.lnfb, rows, C);
    this.k.mm_nt(this.logits.ptr, this.ln.ptr, this.wte, rows, C, V, 0);
    return Float32Array.from(this.arena.f32(this.logits).subarray(0, rows * V));
  }
}

/** One stream's KV cache and the tokens in it. */
export class Session {
  readonly model: GPT;
  readonly kv: Region[];
  private toks: number[] = [];
  private hookSet: Hooks = {};

  constructor(model: GPT) {
    this.model = model;
    const { nLayer: L, ctx: T, dModel: C } = model.cfg;
    this.kv = Array.from({ length: 2 * L }, () => model.arena.alloc(T * C));
  }

  /** Hooks applied to every position fed from now on. Setting them validates names and vectors (EngineInputError). */
  get hooks(): Hooks {
    return this.hookSet;
  }

  set hooks(hooks: Hooks) {
    validateHooks(this.model.cfg, hooks);
    this.hookSet = hooks;
  }

  /** Tokens currently in the cache (their positions are their indices). */
  get tokens(): readonly number[] {
    return this.toks;
  }

  get length(): number {
    return this.toks.length;
  }

  reset(): void {
    this.toks = [];
  }

  /**
   * Feeds tokens at the next positions (one batched prefill for several) and returns the logits of the last
   * one, or of every fed position with `all`. Throws if the cache would overflow the context.
   */
  feed(tokens: readonly number[], all = false): Float32Array {
    const m = this.model;
    const n = tokens.length;
    const start = this.toks.length;
    if (n === 0) throw new Error('feed() needs at least one token');
    if (start + n > m.cfg.ctx) throw new Error(`context overflow: ${start} + ${n} tokens > ${m.cfg.ctx}`);
    for (const t of tokens) {
      if (!Number.isInteger(t) || t < 0 || t >= m.cfg.vocabSize)
        throw new RangeError(`token id ${t} is outside the vocabulary`);
    }
    m.embed(tokens, start);
    m.runBlocks(this.kv, n, start, 0, m.cfg.nLayer, this.hooks);
    for (const t of tokens) this.toks.push(t);
    return all ? m.head(0, n) : m.head(n - 1, 1);
  }
}
