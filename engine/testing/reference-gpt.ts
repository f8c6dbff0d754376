// A deliberately naive GPT forward pass in float64 with plain loops, written separately from engine/model.ts
// (no kernels, no KV cache, no batching), used by the tests as the independent implementation the engine's
// logits must match.
import { type ModelConfig, paramSpecs } from '../config.ts';

type Vec = number[];

/**
 * `edit`, when given, sees the residual rows at every hook point (TransformerLens names, blocks.L.hook_resid_pre /
 * hook_resid_post) and may change them in place — e.g. to splice in a steering vector by hand.
 */
export function referenceLogits(
  cfg: ModelConfig,
  params: Float32Array,
  tokens: readonly number[],
  edit?: (hook: string, rows: Vec[]) => void,
): Vec[] {
  const C = cfg.dModel;
  const H = cfg.nHead;
  const hs = C / H;
  const W = new Map(paramSpecs(cfg).map((s) => [s.name, params.subarray(s.offset, s.offset + s.size)]));
  const w = (n: string) => {
    const t = W.get(n);
    if (!t) throw new Error(n);
    return t;
  };
  const linear = (x: Vec, weight: Float32Array, bias: Float32Array, nIn: number, nOut: number): Vec => {
    const y: Vec = [];
    for (let o = 0; o < nOut; o++) {
      let s = bias[o] ?? 0;
      for (let i = 0; i < nIn; i++) s += (x[i] ?? 0) * (weight[i * nOut + o] ?? 0);
      y.push(s);
    }
    return y;
  };
  const layerNorm = (x: Vec, g: Float32Array, b: Float32Array): Vec => {
    const mean = x.reduce((a, v) => a + v, 0) / x.length;
    const variance = x.reduce((a, v) => a + (v - mean) ** 2, 0) / x.length;
    return x.map((v, i) => ((v - mean) / Math.sqrt(variance + 1e-5)) * (g[i] ?? 0) + (b[i] ?? 0));
  };
  const gelu = (v: number) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)));

  let xs: Vec[] = tokens.map((t, pos) =>
    Array.from({ length: C }, (_, c) => (w('wte')[t * C + c] ?? 0) + (w('wpe')[pos * C + c] ?? 0)),
  );
  for (let l = 0; l < cfg.nLayer; l++) {
    const p = `blocks.${l}`;
    edit?.(`${p}.hook_resid_pre`, xs);
    const qkv = xs.map((x) =>
      linear(
        layerNorm(x, w(`${p}.ln_1.weight`), w(`${p}.ln_1.bias`)),
        w(`${p}.attn.c_attn.weight`),
        w(`${p}.attn.c_attn.bias`),
        C,
        3 * C,
      ),
    );
    const attnOut = xs.map((_, t) => {
      const y: Vec = new Array(C).fill(0);
      for (let h = 0; h < H; h++) {
        const q = (qkv[t] as Vec).slice(h * hs, (h + 1) * hs);
        const scores: Vec = [];
        for (let j = 0; j <= t; j++) {
          const k = (qkv[j] as Vec).slice(C + h * hs, C + (h + 1) * hs);
          scores.push(q.reduce((a, v, i) => a + v * (k[i] ?? 0), 0) / Math.sqrt(hs));
        }
        const mx = Math.max(...scores);
        const e = scores.map((s) => Math.exp(s - mx));
        const z = e.reduce((a, v) => a + v, 0);
        for (let j = 0; j <= t; j++) {
          const v = (qkv[j] as Vec).slice(2 * C + h * hs, 2 * C + (h + 1) * hs);
          for (let i = 0; i < hs; i++) y[h * hs + i] = (y[h * hs + i] ?? 0) + ((e[j] ?? 0) / z) * (v[i] ?? 0);
        }
      }
      return linear(y, w(`${p}.attn.c_proj.weight`), w(`${p}.attn.c_proj.bias`), C, C);
    });
    xs = xs.map((x, t) => x.map((v, i) => v + ((attnOut[t] as Vec)[i] ?? 0)));
    xs = xs.map((x) => {
      const h = linear(
        layerNorm(x, w(`${p}.ln_2.weight`), w(`${p}.ln_2.bias`)),
        w(`${p}.mlp.c_fc.weight`),
        w(`${p}.mlp.c_fc.bias`),
        C,
        4 * C,
      ).map(gelu);
      const m = linear(h, w(`${p}.mlp.c_proj.weight`), w(`${p}.mlp.c_proj.bias`), 4 * C, C);
      return x.map((v, i) => v + (m[i] ?? 0));
    });
    edit?.(`${p}.hook_resid_post`, xs);
  }
  const wte = w('wte');
  return xs.map((x) => {
    const n = layerNorm(x, w('ln_f.weight'), w('ln_f.bias'));
    return Array.from({ length: cfg.vocabSize }, (_, v) => n.reduce((a, val, c) => a + val * (wte[v * C + c] ?? 0), 0));
  });
}
