// Training checkpoints: weights, AdamW moments, the best weights so far, the PRNG state and progress, in one
// safetensors file written atomically (temp file + rename), so an interrupted run resumes where it stopped.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { type ModelConfig, paramCount, paramSpecs } from '../config.ts';
import type { RngState } from '../rng.ts';
import { readSafetensors, type Tensor, writeSafetensors } from '../safetensors.ts';

export interface Checkpoint {
  step: number;
  rng: RngState;
  params: Float32Array;
  m: Float32Array;
  v: Float32Array;
  bestParams: Float32Array;
  bestValLoss: number;
  tokensSeen: number;
  elapsedSeconds: number;
  history: { step: number; trainLoss: number; valLoss?: number }[];
  options?: unknown;
}

export function saveCheckpoint(path: string, cfg: ModelConfig, c: Checkpoint): void {
  const n = paramCount(cfg);
  const tensors = new Map<string, Tensor>([
    ['params', { shape: [n], data: c.params }],
    ['optim.m', { shape: [n], data: c.m }],
    ['optim.v', { shape: [n], data: c.v }],
    ['best', { shape: [n], data: c.bestParams }],
  ]);
  const bytes = writeSafetensors(tensors, {
    kind: 'axplay-train-checkpoint',
    config: JSON.stringify(cfg),
    step: String(c.step),
    rng: JSON.stringify(c.rng),
    best_val_loss: String(c.bestValLoss),
    tokens_seen: String(c.tokensSeen),
    elapsed_seconds: String(c.elapsedSeconds),
    history: JSON.stringify(c.history),
    options: JSON.stringify(c.options ?? null),
    layout: JSON.stringify(paramSpecs(cfg).map((s) => [s.name, s.shape])),
  });
  writeFileSync(`${path}.tmp`, bytes);
  renameSync(`${path}.tmp`, path);
}

export function loadCheckpoint(path: string, cfg: ModelConfig): Checkpoint {
  const f = readSafetensors(readFileSync(path));
  const md = f.metadata;
  if (md.kind !== 'axplay-train-checkpoint') throw new Error(`${path} is not a training checkpoint`);
  if (md.config !== JSON.stringify(cfg))
    throw new Error(`${path} was made for config ${md.config}, not ${JSON.stringify(cfg)}`);
  const get = (name: string) => {
    const t = f.tensors.get(name);
    if (!t) throw new Error(`${path}: missing ${name}`);
    return t.data;
  };
  return {
    step: Number(md.step),
    rng: JSON.parse(md.rng ?? '[]') as RngState,
    params: get('params'),
    m: get('optim.m'),
    v: get('optim.v'),
    bestParams: get('best'),
    bestValLoss: Number(md.best_val_loss),
    tokensSeen: Number(md.tokens_seen),
    elapsedSeconds: Number(md.elapsed_seconds),
    history: JSON.parse(md.history ?? '[]'),
    options: JSON.parse(md.options ?? 'null'),
  };
}
