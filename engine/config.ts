// Model hyper-parameters and the layout of its parameters (names, shapes, order in one flat array).

export interface ModelConfig {
  /** Vocabulary size (97 for the character tokenizer). */
  readonly vocabSize: number;
  /** Context length in tokens (learned position embeddings, so a hard limit). */
  readonly ctx: number;
  readonly nLayer: number;
  readonly nHead: number;
  /** Residual stream width. */
  readonly dModel: number;
}

export interface TensorSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly size: number;
  /** Offset (in floats) into the flat parameter array. */
  readonly offset: number;
  /** Matrices get weight decay; vectors (biases, LayerNorm) do not. */
  readonly decay: boolean;
  /** Standard deviation of the initial normal distribution; undefined = constant `fill`. */
  readonly initStd?: number;
  readonly fill?: number;
}

/**
 * Parameter names follow GPT-2's: linear weights are stored [in, out] (like GPT-2's Conv1D), the token
 * embedding `wte` [vocab, d] is tied to the output projection.
 */
export function paramSpecs(cfg: ModelConfig): TensorSpec[] {
  const { vocabSize: V, ctx: T, nLayer: L, dModel: C } = cfg;
  const projStd = 0.02 / Math.sqrt(2 * L);
  const list: Omit<TensorSpec, 'offset' | 'size'>[] = [
    { name: 'wte', shape: [V, C], decay: true, initStd: 0.02 },
    { name: 'wpe', shape: [T, C], decay: true, initStd: 0.01 },
  ];
  for (let l = 0; l < L; l++) {
    const p = `blocks.${l}`;
    list.push(
      { name: `${p}.ln_1.weight`, shape: [C], decay: false, fill: 1 },
      { name: `${p}.ln_1.bias`, shape: [C], decay: false, fill: 0 },
      { name: `${p}.attn.c_attn.weight`, shape: [C, 3 * C], decay: true, initStd: 0.02 },
      { name: `${p}.attn.c_attn.bias`, shape: [3 * C], decay: false, fill: 0 },
      { name: `${p}.attn.c_proj.weight`, shape: [C, C], decay: true, initStd: projStd },
      { name: `${p}.attn.c_proj.bias`, shape: [C], decay: false, fill: 0 },
      { name: `${p}.ln_2.weight`, shape: [C], decay: false, fill: 1 },
      { name: `${p}.ln_2.bias`, shape: [C], decay: false, fill: 0 },
      { name: `${p}.mlp.c_fc.weight`, shape: [C, 4 * C], decay: true, initStd: 0.02 },
      { name: `${p}.mlp.c_fc.bias`, shape: [4 * C], decay: false, fill: 0 },
      { name: `${p}.mlp.c_proj.weight`, shape: [4 * C, C], decay: true, initStd: projStd },
      { name: `${p}.mlp.c_proj.bias`, shape: [C], decay: false, fill: 0 },
    );
  }
  list.push(
    { name: 'ln_f.weight', shape: [C], decay: false, fill: 1 },
    { name: 'ln_f.bias', shape: [C], decay: false, fill: 0 },
  );
  let offset = 0;
  return list.map((s) => {
    const size = s.shape.reduce((a, b) => a * b, 1);
    const spec = { ...s, size, offset };
    offset += size;
    return spec;
  });
}

export function paramCount(cfg: ModelConfig): number {
  return paramSpecs(cfg).reduce((n, s) => n + s.size, 0);
}

/** Throws unless the configuration can run on the SIMD kernels. */
export function assertConfig(cfg: ModelConfig): void {
  const { vocabSize, ctx, nLayer, nHead, dModel } = cfg;
  for (const [k, v] of Object.entries({ vocabSize, ctx, nLayer, nHead, dModel })) {
    if (!Number.isInteger(v) || v <= 0) throw new Error(`model config: ${k} must be a positive integer, got ${v}`);
  }
  if (dModel % nHead !== 0) throw new Error(`model config: dModel ${dModel} is not divisible by nHead ${nHead}`);
  if (dModel % 8 !== 0) throw new Error(`model config: dModel ${dModel} must be a multiple of 8`);
  if ((dModel / nHead) % 4 !== 0) throw new Error(`model config: head size ${dModel / nHead} must be a multiple of 4`);
}

/** Fresh parameters: normal(0, std) matrices, LayerNorm weights 1, biases 0. */
export function initParams(cfg: ModelConfig, normal: () => number): Float32Array {
  const specs = paramSpecs(cfg);
  const out = new Float32Array(paramCount(cfg));
  for (const s of specs) {
    const view = out.subarray(s.offset, s.offset + s.size);
    if (s.initStd !== undefined) for (let i = 0; i < view.length; i++) view[i] = normal() * s.initStd;
    else view.fill(s.fill ?? 0);
  }
  return out;
}
