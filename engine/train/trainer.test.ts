import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelConfig } from '../config.ts';
import { Rng } from '../rng.ts';
import { VOCAB_SIZE } from '../tokenizer.ts';
import { learningRate, type TrainOptions, train } from './trainer.ts';

const cfg: ModelConfig = { vocabSize: VOCAB_SIZE, ctx: 32, nLayer: 2, nHead: 2, dModel: 32 };

function toyText(chars: number): string {
  const rng = new Rng(11);
  const words = ['the', 'cat', 'sat', 'on', 'a', 'mat', 'and', 'dog', 'ran', 'to', 'her', 'house', 'said', 'Emma'];
  let s = '';
  while (s.length < chars) s += `${words[rng.int(words.length)]}${rng.next() < 0.1 ? '.\n' : ' '}`;
  return s;
}

const data = { prose: toyText(20_000), json: '{"name": "Emma", "age": 21}\n'.repeat(200), validation: toyText(3_000) };
const base: TrainOptions = {
  cfg,
  seed: 5,
  steps: 60,
  batch: 8,
  workers: 0,
  lr: 5e-3,
  minLr: 5e-4,
  warmup: 10,
  weightDecay: 0.1,
  gradClip: 1,
  jsonFraction: 0.1,
  evalEvery: 30,
  checkpointSeconds: 0,
};
const dir = mkdtempSync(join(tmpdir(), 'axplay-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trainer', () => {
  it('a short toy run lowers the training and validation loss', async () => {
    const r = await train(base, data);
    const first = r.history.find((h) => h.step === 10)?.trainLoss ?? Number.NaN;
    const last = r.history.at(-1)?.trainLoss ?? Number.NaN;
    expect(first).toBeGreaterThan(2.5);
    expect(last).toBeLessThan(first - 0.5);
    const vals = r.history.filter((h) => h.valLoss !== undefined).map((h) => h.valLoss ?? 0);
    expect(vals).toHaveLength(2);
    expect(r.bestValLoss).toBeLessThan(Math.log(VOCAB_SIZE) - 1.5);
    expect(r.tokensSeen).toBe(60 * 8 * 32);
  });

  it('is deterministic given a seed, and a run interrupted and resumed from its checkpoint ends identically', async () => {
    const steps = 16;
    const a = await train({ ...base, steps, checkpointPath: join(dir, 'a.safetensors') }, data);
    const b1 = await train({ ...base, steps, stopAtStep: 7, checkpointPath: join(dir, 'b.safetensors') }, data);
    expect(b1.step).toBe(7);
    const b2 = await train({ ...base, steps, checkpointPath: join(dir, 'b.safetensors') }, data);
    expect(b2.step).toBe(steps);
    expect(Array.from(b2.params)).toEqual(Array.from(a.params));
    const c = await train({ ...base, steps, seed: 6 }, data);
    expect(Array.from(c.params)).not.toEqual(Array.from(a.params));
  });

  it('computes the same result on worker threads, run after run', async () => {
    const o = { ...base, steps: 6, workers: 2, evalEvery: 6 };
    const a = await train(o, data);
    const b = await train(o, data);
    expect(Array.from(a.params)).toEqual(Array.from(b.params));
    expect(a.tokensSeen).toBe(6 * 2 * 8 * 32);
    expect(a.bestValLoss).toBeLessThan(Math.log(VOCAB_SIZE));
  });

  it('warms up linearly, then decays to the minimum along a cosine', () => {
    const o = { lr: 1e-3, minLr: 1e-4, warmup: 10, steps: 110 };
    expect(learningRate(o, 0)).toBeCloseTo(1e-4);
    expect(learningRate(o, 9)).toBeCloseTo(1e-3);
    expect(learningRate(o, 60)).toBeCloseTo(5.5e-4);
    expect(learningRate(o, 110)).toBeCloseTo(1e-4);
  });
});
