// Model weights ⇄ safetensors. The config and vocabulary travel in the file's metadata; loading checks the
// architecture, the vocabulary and every tensor's shape, and fails with a message naming what is wrong.
import { assertConfig, type ModelConfig, paramCount, paramSpecs } from './config.ts';
import { readSafetensors, type Tensor, WeightsFormatError, writeSafetensors } from './safetensors.ts';
import { VOCAB_CHARS, VOCAB_SIZE } from './tokenizer.ts';

export const ARCH = 'axplay-gpt-char';

export interface ModelWeights {
  readonly cfg: ModelConfig;
  /** All parameters, flat, in paramSpecs order. */
  readonly params: Float32Array;
  readonly metadata: Readonly<Record<string, string>>;
}

export function weightsToSafetensors(
  cfg: ModelConfig,
  params: Float32Array,
  extra: Record<string, string> = {},
): Uint8Array {
  if (params.length !== paramCount(cfg))
    throw new Error(`expected ${paramCount(cfg)} parameters, got ${params.length}`);
  const tensors = new Map<string, Tensor>();
  for (const s of paramSpecs(cfg))
    tensors.set(s.name, { shape: s.shape, data: params.subarray(s.offset, s.offset + s.size) });
  return writeSafetensors(tensors, {
    ...extra,
    arch: ARCH,
    vocab: VOCAB_CHARS,
    eos: '<|endoftext|>',
    config: JSON.stringify(cfg),
    positions: 'learned',
    weight_layout: 'linear weights are [in, out]; wte is tied to the output projection',
  });
}

export function loadWeights(bytes: Uint8Array): ModelWeights {
  const file = readSafetensors(bytes);
  const md = file.metadata;
  if (md.arch !== ARCH)
    throw new WeightsFormatError(`unsupported model: metadata.arch is ${JSON.stringify(md.arch)}, expected "${ARCH}"`);
  if (md.vocab !== VOCAB_CHARS)
    throw new WeightsFormatError('the vocabulary in the weights does not match this tokenizer');
  let cfg: ModelConfig;
  try {
    cfg = JSON.parse(md.config ?? '') as ModelConfig;
    assertConfig(cfg);
  } catch (e) {
    throw new WeightsFormatError(`invalid metadata.config: ${(e as Error).message}`);
  }
  if (cfg.vocabSize !== VOCAB_SIZE)
    throw new WeightsFormatError(`config.vocabSize ${cfg.vocabSize} != tokenizer vocabulary ${VOCAB_SIZE}`);
  const params = new Float32Array(paramCount(cfg));
  for (const s of paramSpecs(cfg)) {
    const t = file.tensors.get(s.name);
    if (!t) throw new WeightsFormatError(`missing tensor ${s.name}`);
    if (t.shape.length !== s.shape.length || t.shape.some((d, i) => d !== s.shape[i])) {
      throw new WeightsFormatError(
        `tensor ${s.name} has shape [${t.shape.join(', ')}], expected [${s.shape.join(', ')}]`,
      );
    }
    params.set(t.data, s.offset);
  }
  return { cfg, params, metadata: md };
}
