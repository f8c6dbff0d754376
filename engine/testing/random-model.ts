// Small random models for tests.
import { type ModelConfig, paramCount, paramSpecs } from '../config.ts';
import { Rng } from '../rng.ts';
import { VOCAB_SIZE } from '../tokenizer.ts';
import type { ModelWeights } from '../weights.ts';

export const TINY: ModelConfig = { vocabSize: VOCAB_SIZE, ctx: 32, nLayer: 2, nHead: 4, dModel: 32 };

/** Random weights (biases and LayerNorm gains too), spread wide enough that every path visibly matters. */
export function randomWeights(cfg: ModelConfig = TINY, seed = 1, std = 0.15): ModelWeights {
  const rng = new Rng(seed);
  const params = new Float32Array(paramCount(cfg));
  for (const s of paramSpecs(cfg)) {
    for (let i = s.offset; i < s.offset + s.size; i++) params[i] = (s.fill === 1 ? 1 : 0) + rng.normal() * std;
  }
  return { cfg, params, metadata: {} };
}
