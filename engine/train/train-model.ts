// Training-time GPT: batched forward and explicit backward (the layer decomposition of llm.c's
// train_gpt2.c), on the WASM kernels. One instance per worker thread; parameters come in as a flat array.
import { assertConfig, type ModelConfig, paramCount, paramSpecs } from '../config.ts';
import { Arena, type KernelExports, type Region } from '../kernels/wasm.ts';

interface LayerActs {
  ln1: Region;
  ln1Mean: Region;
  ln1Rstd: Region;
  qkv: Region;
  atty: Region;
  att: Region;
  attproj: Region;
  res2: Region;
  ln2: Region;
  ln2Mean: Region;
  ln2Rstd: Region;
  fch: Region;
  fchGelu: Region;
  fcproj: Region;
  res3: Region;
}

interface LayerParams {
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

export class TrainModel {
  readonly cfg: ModelConfig;
  readonly B: number;
  readonly T: number;
  readonly nParams: number;
  private readonly arena: Arena;
  private readonly k: KernelExports;
  private readonly params: Region;
  private readonly grads: Region;
  private readonly tokens: Region;
  private readonly targets: Region;
  private readonly encoded: Region;
  private readonly acts: LayerActs[];
  private readonly lnf: Region;
  private readonly lnfMean: Region;
  private readonly lnfRstd: Region;
  private readonly logits: Region;
  private readonly losses: Region;
  private readonly dres: Region;
  private readonly dln: Region;
  private readonly dbig: Region;
  private readonly dbig2: Region;
  private readonly dqkv: Region;
  private readonly datty: Region;
  private readonly scratch: Region;
  private readonly offsets: Map<string, number>;

  constructor(cfg: ModelConfig, B: number, T: number) {
    assertConfig(cfg);
    if (T > cfg.ctx) throw new Error(`sequence length ${T} exceeds the context ${cfg.ctx}`);
    this.cfg = cfg;
    this.B = B;
    this.T = T;
    this.nParams = paramCount(cfg);
    this.offsets = new Map(paramSpecs(cfg).map((s) => [s.name, s.offset]));
    const a = new Arena();
    this.arena = a;
    this.k = a.k;
    const { dModel: C, nHead: H, vocabSize: V } = cfg;
    const BT = B * T;
    this.params = a.alloc(this.nParams);
    this.grads = a.alloc(this.nParams);
    this.tokens = a.alloc(BT);
    this.targets = a.alloc(BT);
    this.encoded = a.alloc(BT * C);
    this.acts = [];
    for (let l = 0; l < cfg.nLayer; l++) {
      this.acts.push({
        ln1: a.alloc(BT * C),
        ln1Mean: a.alloc(BT),
        ln1Rstd: a.alloc(BT),
        qkv: a.alloc(BT * 3 * C),
        atty: a.alloc(BT * C),
        att: a.alloc(B * H * T * T),
        attproj: a.alloc(BT * C),
        res2: a.alloc(BT * C),
        ln2: a.alloc(BT * C),
        ln2Mean: a.alloc(BT),
        ln2Rstd: a.alloc(BT),
        fch: a.alloc(BT * 4 * C),
        fchGelu: a.alloc(BT * 4 * C),
        fcproj: a.alloc(BT * C),
        res3: a.alloc(BT * C),
      });
    }
    this.lnf = a.alloc(BT * C);
    this.lnfMean = a.alloc(BT);
    this.lnfRstd = a.alloc(BT);
    this.logits = a.alloc(BT * V);
    this.losses = a.alloc(BT);
    this.dres = a.alloc(BT * C);
    this.dln = a.alloc(BT * C);
    this.dbig = a.alloc(BT * 4 * C);
    this.dbig2 = a.alloc(BT * 4 * C);
    this.dqkv = a.alloc(BT * 3 * C);
    this.datty = a.alloc(BT * C);
    this.scratch = a.alloc(T);
  }

  setParams(p: Float32Array): void {
    if (p.length !== this.nParams) throw new Error(`expected ${this.nParams} parameters, got ${p.length}`);
    this.arena.f32(this.params).set(p);
  }

  /** The gradient of the last backward(), as a view (valid until the next call). */
  gradView(): Float32Array {
    return this.arena.f32(this.grads);
  }

  /** Per-position losses of the last forward(), as a view. */
  lossView(): Float32Array {
    return this.arena.f32(this.losses);
  }

  private p(name: string): number {
    const off = this.offsets.get(name);
    if (off === undefined) throw new Error(`no parameter ${name}`);
    return this.params.ptr + off * 4;
  }

  private g(name: string): number {
    const off = this.offsets.get(name);
    if (off === undefined) throw new Error(`no parameter ${name}`);
    return this.grads.ptr + off * 4;
  }

  private layer(l: number, ptr: (n: string) => number): LayerParams {
    const q = `blocks.${l}`;
    return {
      ln1w: ptr(`${q}.ln_1.weight`),
      ln1b: ptr(`${q}.ln_1.bias`),
      qkvw: ptr(`${q}.attn.c_attn.weight`),
      qkvb: ptr(`${q}.attn.c_attn.bias`),
      projw: ptr(`${q}.attn.c_proj.weight`),
      projb: ptr(`${q}.attn.c_proj.bias`),
      ln2w: ptr(`${q}.ln_2.weight`),
      ln2b: ptr(`${q}.ln_2.bias`),
      fcw: ptr(`${q}.mlp.c_fc.weight`),
      fcb: ptr(`${q}.mlp.c_fc.bias`),
      fcprojw: ptr(`${q}.mlp.c_proj.weight`),
      fcprojb: ptr(`${q}.mlp.c_proj.bias`),
    };
  }

  /**
   * Forward pass over B rows of T tokens. targets[i] < 0 excludes position i from the loss.
   * With `withGrad`, the logits are turned into their gradient for backward() (mean over counted positions).
   * Returns the mean loss over the counted positions.
   */
  forward(tokens: Int32Array, targets: Int32Array, withGrad: boolean, gradDenominator?: number): number {
    const { k, B, T } = this;
    const { dModel: C, nHead: H, vocabSize: V, nLayer: L } = this.cfg;
    const BT = B * T;
    if (tokens.length !== BT || targets.length !== BT) throw new Error(`expected ${BT} tokens and targets`);
    this.arena.i32(this.tokens).set(tokens);
    this.arena.i32(this.targets).set(targets);
    let counted = 0;
    for (let i = 0; i < BT; i++) if ((targets[i] ?? -1) >= 0) counted++;
    const hs = C / H;
    const scale = 1 / Math.sqrt(hs);
    for (let b = 0; b < B; b++) {
      k.embed_fwd(this.encoded.ptr + b * T * C * 4, this.tokens.ptr + b * T * 4, this.p('wte'), this.p('wpe'), T, 0, C);
    }
    let res = this.encoded.ptr;
    for (let l = 0; l < L; l++) {
      const a = this.acts[l] as LayerActs;
      const w = this.layer(l, (n) => this.p(n));
      k.layernorm_fwd(a.ln1.ptr, a.ln1Mean.ptr, a.ln1Rstd.ptr, res, w.ln1w, w.ln1b, BT, C);
      k.mm_nn(a.qkv.ptr, a.ln1.ptr, w.qkvw, BT, C, 3 * C, 0);
      k.add_bias(a.qkv.ptr, w.qkvb, BT, 3 * C);
      for (let b = 0; b < B; b++) {
        const q = a.qkv.ptr + b * T * 3 * C * 4;
        k.attn_fwd(
          a.atty.ptr + b * T * C * 4,
          C,
          q,
          3 * C,
          q + C * 4,
          3 * C,
          q + 2 * C * 4,
          3 * C,
          a.att.ptr + b * H * T * T * 4,
          T,
          T,
          0,
          H,
          hs,
          scale,
        );
      }
      k.mm_nn(a.attproj.ptr, a.atty.ptr, w.projw, BT, C, C, 0);
      k.add_bias(a.attproj.ptr, w.projb, BT, C);
      k.add(a.res2.ptr, res, a.attproj.ptr, BT * C);
      k.layernorm_fwd(a.ln2.ptr, a.ln2Mean.ptr, a.ln2Rstd.ptr, a.res2.ptr, w.ln2w, w.ln2b, BT, C);
      k.mm_nn(a.fch.ptr, a.ln2.ptr, w.fcw, BT, C, 4 * C, 0);
      k.add_bias(a.fch.ptr, w.fcb, BT, 4 * C);
      k.gelu_fwd(a.fchGelu.ptr, a.fch.ptr, BT * 4 * C);
      k.mm_nn(a.fcproj.ptr, a.fchGelu.ptr, w.fcprojw, BT, 4 * C, C, 0);
      k.add_bias(a.fcproj.ptr, w.fcprojb, BT, C);
      k.add(a.res3.ptr, a.res2.ptr, a.fcproj.ptr, BT * C);
      res = a.res3.ptr;
    }
    k.layernorm_fwd(
      this.lnf.ptr,
      this.lnfMean.ptr,
      this.lnfRstd.ptr,
      res,
      this.p('ln_f.weight'),
      this.p('ln_f.bias'),
      BT,
      C,
    );
    k.mm_nt(this.logits.ptr, this.lnf.ptr, this.p('wte'), BT, C, V, 0);
    const denom = gradDenominator ?? Math.max(1, counted);
    k.crossentropy(this.losses.ptr, this.logits.ptr, this.targets.ptr, BT, V, withGrad ? 1 / denom : 0);
    const losses = this.arena.f32(this.losses);
    let sum = 0;
    for (let i = 0; i < BT; i++) sum += losses[i] ?? 0;
    return counted > 0 ? sum / counted : 0;
  }

  /** Backward pass of the last forward(…, withGrad=true): fills the parameter gradient (overwriting it). */
  backward(): void {
    const { k, B, T } = this;
    const { dModel: C, nHead: H, vocabSize: V, nLayer: L } = this.cfg;
    const BT = B * T;
    const hs = C / H;
    const scale = 1 / Math.sqrt(hs);
    this.arena.f32(this.grads).fill(0);
    this.arena.f32(this.dres).fill(0);
    const dlogits = this.logits.ptr;
    const last = L > 0 ? (this.acts[L - 1] as LayerActs).res3.ptr : this.encoded.ptr;
    k.mm_nn(this.dln.ptr, dlogits, this.p('wte'), BT, V, C, 0);
    k.mm_tn(this.g('wte'), dlogits, this.lnf.ptr, BT, V, C, 1);
    k.layernorm_bwd(
      this.dres.ptr,
      this.g('ln_f.weight'),
      this.g('ln_f.bias'),
      this.dln.ptr,
      last,
      this.p('ln_f.weight'),
      this.lnfMean.ptr,
      this.lnfRstd.ptr,
      BT,
      C,
    );
    for (let l = L - 1; l >= 0; l--) {
      const a = this.acts[l] as LayerActs;
      const w = this.layer(l, (n) => this.p(n));
      const dw = this.layer(l, (n) => this.g(n));
      const res = l === 0 ? this.encoded.ptr : (this.acts[l - 1] as LayerActs).res3.ptr;
      const dres = this.dres.ptr;
      // MLP
      k.bias_grad(dw.fcprojb, dres, BT, C);
      k.mm_tn(dw.fcprojw, a.fchGelu.ptr, dres, BT, 4 * C, C, 1);
      k.mm_nt(this.dbig.ptr, dres, w.fcprojw, BT, C, 4 * C, 0);
      k.gelu_bwd(this.dbig2.ptr, a.fch.ptr, this.dbig.ptr, BT * 4 * C);
      k.bias_grad(dw.fcb, this.dbig2.ptr, BT, 4 * C);
      k.mm_tn(dw.fcw, a.ln2.ptr, this.dbig2.ptr, BT, C, 4 * C, 1);
      k.mm_nt(this.dln.ptr, this.dbig2.ptr, w.fcw, BT, 4 * C, C, 0);
      k.layernorm_bwd(dres, dw.ln2w, dw.ln2b, this.dln.ptr, a.res2.ptr, w.ln2w, a.ln2Mean.ptr, a.ln2Rstd.ptr, BT, C);
      // attention
      k.bias_grad(dw.projb, dres, BT, C);
      k.mm_tn(dw.projw, a.atty.ptr, dres, BT, C, C, 1);
      k.mm_nt(this.datty.ptr, dres, w.projw, BT, C, C, 0);
      this.arena.f32(this.dqkv).fill(0);
      for (let b = 0; b < B; b++) {
        const off = b * T * 3 * C * 4;
        const dq = this.dqkv.ptr + off;
        const q = a.qkv.ptr + off;
        k.attn_bwd(
          dq,
          dq + C * 4,
          dq + 2 * C * 4,
          this.datty.ptr + b * T * C * 4,
          C,
          q,
          q + C * 4,
          q + 2 * C * 4,
          3 * C,
          a.att.ptr + b * H * T * T * 4,
          T,
          T,
          H,
          hs,
          scale,
          this.scratch.ptr,
        );
      }
      k.bias_grad(dw.qkvb, this.dqkv.ptr, BT, 3 * C);
      k.mm_tn(dw.qkvw, a.ln1.ptr, this.dqkv.ptr, BT, C, 3 * C, 1);
      k.mm_nt(this.dln.ptr, this.dqkv.ptr, w.qkvw, BT, 3 * C, C, 0);
      k.layernorm_bwd(dres, dw.ln1w, dw.ln1b, this.dln.ptr, res, w.ln1w, a.ln1Mean.ptr, a.ln1Rstd.ptr, BT, C);
    }
    k.embed_bwd(this.g('wte'), this.g('wpe'), this.dres.ptr, this.tokens.ptr, B, T, C);
  }
}
