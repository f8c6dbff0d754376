// The training loop: data-parallel gradient computation on worker threads (or in-process with workers = 0),
// global-norm clipping, AdamW with warm-up + cosine decay, periodic validation, resumable checkpoints.
// Deterministic given a seed: one PRNG draws initial weights and batches, gradients are summed in worker order.
import { existsSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { initParams, type ModelConfig, paramCount, paramSpecs } from '../config.ts';
import { evalWindows } from '../eval-windows.ts';
import { Arena } from '../kernels/wasm.ts';
import { startWorker } from '../node/ts-worker.ts';
import { Rng } from '../rng.ts';
import { encode } from '../tokenizer.ts';
import { type Checkpoint, loadCheckpoint, saveCheckpoint } from './checkpoint.ts';
import { TrainModel } from './train-model.ts';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker.ts';

export interface TrainOptions {
  readonly cfg: ModelConfig;
  readonly seed: number;
  readonly steps: number;
  /** Sequences per worker per step. */
  readonly batch: number;
  readonly workers: number;
  readonly lr: number;
  readonly minLr: number;
  readonly warmup: number;
  readonly weightDecay: number;
  readonly gradClip: number;
  /** Probability that a training window is drawn from the JSON stream instead of the prose. */
  readonly jsonFraction: number;
  readonly evalEvery: number;
  readonly checkpointSeconds: number;
  /** Checkpoint path (resumed from when it exists); undefined = no checkpoints. */
  readonly checkpointPath?: string;
  readonly bestPath?: string;
  /** Stop (saving the checkpoint) when this step is reached, as if interrupted; the schedule still uses `steps`. */
  readonly stopAtStep?: number;
}

export interface TrainData {
  readonly prose: string;
  readonly json: string;
  readonly validation: string;
}

export interface TrainResult {
  readonly params: Float32Array;
  readonly bestParams: Float32Array;
  readonly bestValLoss: number;
  readonly history: readonly { step: number; trainLoss: number; valLoss?: number }[];
  readonly tokensSeen: number;
  readonly elapsedSeconds: number;
  readonly step: number;
}

type Log = (line: string) => void;

/** Learning rate at a step: linear warm-up, then cosine decay to minLr. */
export function learningRate(o: Pick<TrainOptions, 'lr' | 'minLr' | 'warmup' | 'steps'>, step: number): number {
  if (step < o.warmup) return (o.lr * (step + 1)) / o.warmup;
  const p = Math.min(1, (step - o.warmup) / Math.max(1, o.steps - o.warmup));
  return o.minLr + 0.5 * (o.lr - o.minLr) * (1 + Math.cos(Math.PI * p));
}

interface GradSource {
  step(tokens: Int32Array[], targets: Int32Array[], denom: number): Promise<number>;
  evaluate(tokens: Int32Array[], targets: Int32Array[]): Promise<{ lossSum: number; counted: number }>;
  close(): Promise<void>;
}

/** Computes gradients in-process (workers = 0). */
function localSource(cfg: ModelConfig, B: number, T: number, params: Float32Array, grads: Float32Array): GradSource {
  const model = new TrainModel(cfg, B, T);
  return {
    async step(tokens, targets, denom) {
      model.setParams(params);
      const loss = model.forward(tokens[0] as Int32Array, targets[0] as Int32Array, true, denom);
      model.backward();
      grads.set(model.gradView());
      return loss;
    },
    async evaluate(tokens, targets) {
      model.setParams(params);
      let lossSum = 0;
      let counted = 0;
      for (let i = 0; i < tokens.length; i++) {
        const tg = targets[i] as Int32Array;
        const n = tg.reduce((a, t) => a + (t >= 0 ? 1 : 0), 0);
        lossSum += model.forward(tokens[i] as Int32Array, tg, false) * n;
        counted += n;
      }
      return { lossSum, counted };
    },
    async close() {},
  };
}

/** Computes gradients on worker threads; their gradients are summed (in worker order) into `grads`. */
function workerSource(
  cfg: ModelConfig,
  B: number,
  T: number,
  n: number,
  paramsSab: SharedArrayBuffer,
  grads: Float32Array,
): GradSource {
  const nParams = paramCount(cfg);
  const gradSabs = Array.from({ length: n }, () => new SharedArrayBuffer(nParams * 4));
  const workers = gradSabs.map((g) =>
    startWorker(new URL('./worker.ts', import.meta.url), {
      workerData: { cfg, B, T, params: paramsSab, grads: g } satisfies WorkerInit,
    }),
  );
  const call = (w: Worker, msg: WorkerRequest) =>
    new Promise<WorkerReply>((resolve, reject) => {
      const onMsg = (r: WorkerReply) => {
        w.off('error', onErr);
        resolve(r);
      };
      const onErr = (e: Error) => {
        w.off('message', onMsg);
        reject(e);
      };
      w.once('message', onMsg);
      w.once('error', onErr);
      w.postMessage(msg);
    });
  return {
    async step(tokens, targets, denom) {
      const replies = await Promise.all(
        workers.map((w, i) =>
          call(w, { type: 'step', tokens: tokens[i] as Int32Array, targets: targets[i] as Int32Array, denom }),
        ),
      );
      grads.fill(0);
      for (const sab of gradSabs) {
        const g = new Float32Array(sab);
        for (let i = 0; i < nParams; i++) grads[i] = (grads[i] ?? 0) + (g[i] ?? 0);
      }
      return replies.reduce((a, r) => a + r.loss, 0) / replies.length;
    },
    async evaluate(tokens, targets) {
      let lossSum = 0;
      let counted = 0;
      for (let i = 0; i < tokens.length; i += workers.length) {
        const batch = workers.slice(0, Math.min(workers.length, tokens.length - i));
        const replies = await Promise.all(
          batch.map((w, j) =>
            call(w, { type: 'eval', tokens: tokens[i + j] as Int32Array, targets: targets[i + j] as Int32Array }),
          ),
        );
        for (const r of replies) {
          lossSum += r.lossSum;
          counted += r.counted;
        }
      }
      return { lossSum, counted };
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

export async function train(o: TrainOptions, data: TrainData, log: Log = () => {}): Promise<TrainResult> {
  const { cfg } = o;
  const T = cfg.ctx;
  const B = o.batch;
  const nParams = paramCount(cfg);
  const prose = Int32Array.from(encode(data.prose));
  const json = Int32Array.from(encode(data.json));
  const valIds = encode(data.validation);
  const nShards = Math.max(1, o.workers);

  let ckpt: Checkpoint | undefined;
  if (o.checkpointPath && existsSync(o.checkpointPath)) {
    ckpt = loadCheckpoint(o.checkpointPath, cfg);
    log(`resuming from ${o.checkpointPath} at step ${ckpt.step}`);
  }
  const rng = ckpt ? new Rng(ckpt.rng) : new Rng(o.seed);
  const initial = ckpt ? ckpt.params : initParams(cfg, () => rng.normal());

  // optimizer state lives in one kernels instance: params, grads, m, v
  const arena = new Arena();
  const P = arena.alloc(nParams);
  const G = arena.alloc(nParams);
  const M = arena.alloc(nParams);
  const V = arena.alloc(nParams);
  arena.f32(P).set(initial);
  if (ckpt) {
    arena.f32(M).set(ckpt.m);
    arena.f32(V).set(ckpt.v);
  }
  const paramsSab = new SharedArrayBuffer(nParams * 4);
  const shared = new Float32Array(paramsSab);
  shared.set(initial);
  const grads = new Float32Array(nParams);
  const source =
    o.workers > 0 ? workerSource(cfg, B, T, o.workers, paramsSab, grads) : localSource(cfg, B, T, shared, grads);

  const history: { step: number; trainLoss: number; valLoss?: number }[] = [...(ckpt?.history ?? [])];
  let bestValLoss = ckpt?.bestValLoss ?? Number.POSITIVE_INFINITY;
  let bestParams = ckpt?.bestParams ?? Float32Array.from(initial);
  let tokensSeen = ckpt?.tokensSeen ?? 0;
  let elapsedBefore = ckpt?.elapsedSeconds ?? 0;
  let step = ckpt?.step ?? 0;
  const t0 = performance.now();
  let lastCkpt = t0;
  let windowStart = performance.now();
  let windowTokens = 0;
  let lossEma = Number.NaN;
  const elapsed = () => elapsedBefore + (performance.now() - t0) / 1000;

  const validate = async (): Promise<number> => {
    const windows = evalWindows(valIds, T);
    const tokens: Int32Array[] = [];
    const targets: Int32Array[] = [];
    for (let i = 0; i < windows.length; i += B) {
      const tk = new Int32Array(B * T);
      const tg = new Int32Array(B * T).fill(-1);
      windows.slice(i, i + B).forEach((w, j) => {
        tk.set(w.inputs, j * T);
        tg.set(w.targets, j * T);
      });
      tokens.push(tk);
      targets.push(tg);
    }
    const r = await source.evaluate(tokens, targets);
    return r.lossSum / r.counted;
  };

  const save = (path: string) =>
    saveCheckpoint(path, cfg, {
      step,
      rng: rng.state,
      params: arena.f32(P),
      m: arena.f32(M),
      v: arena.f32(V),
      bestParams,
      bestValLoss,
      tokensSeen,
      elapsedSeconds: elapsed(),
      history,
      options: o,
    });

  try {
    const stopAt = Math.min(o.steps, o.stopAtStep ?? o.steps);
    while (step < stopAt) {
      const lr = learningRate(o, step);
      const tokens: Int32Array[] = [];
      const targets: Int32Array[] = [];
      for (let w = 0; w < nShards; w++) {
        const tk = new Int32Array(B * T);
        const tg = new Int32Array(B * T);
        for (let b = 0; b < B; b++) {
          const src = rng.next() < o.jsonFraction ? json : prose;
          const start = rng.int(src.length - T - 1);
          tk.set(src.subarray(start, start + T), b * T);
          tg.set(src.subarray(start + 1, start + T + 1), b * T);
        }
        tokens.push(tk);
        targets.push(tg);
      }
      const loss = await source.step(tokens, targets, B * T * nShards);
      // global-norm clipping, then AdamW (decay on matrices only)
      let sq = 0;
      for (let i = 0; i < nParams; i++) sq += (grads[i] ?? 0) ** 2;
      const norm = Math.sqrt(sq);
      const clip = norm > o.gradClip ? o.gradClip / norm : 1;
      const g = arena.f32(G);
      for (let i = 0; i < nParams; i++) g[i] = (grads[i] ?? 0) * clip;
      const t = step + 1;
      const bc1 = 1 - 0.9 ** t;
      const bc2 = 1 - 0.99 ** t;
      for (const s of paramSpecs(cfg)) {
        const off = s.offset * 4;
        arena.k.adamw(
          P.ptr + off,
          G.ptr + off,
          M.ptr + off,
          V.ptr + off,
          s.size,
          lr,
          0.9,
          0.99,
          1e-8,
          s.decay ? o.weightDecay : 0,
          bc1,
          bc2,
        );
      }
      shared.set(arena.f32(P));
      step++;
      tokensSeen += B * T * nShards;
      windowTokens += B * T * nShards;
      lossEma = Number.isNaN(lossEma) ? loss : 0.95 * lossEma + 0.05 * loss;
      const entry: { step: number; trainLoss: number; valLoss?: number } = { step, trainLoss: loss };
      if (step % o.evalEvery === 0 || step === o.steps) {
        const val = await validate();
        entry.valLoss = val;
        if (val < bestValLoss) {
          bestValLoss = val;
          bestParams = Float32Array.from(arena.f32(P));
          if (o.bestPath) save(o.bestPath);
        }
        log(`step ${step}: val_loss ${val.toFixed(4)} (best ${bestValLoss.toFixed(4)})`);
      }
      if (step % 10 === 0 || entry.valLoss !== undefined) history.push(entry);
      if (step % 10 === 0 || step === o.steps) {
        const now = performance.now();
        const tps = (windowTokens / (now - windowStart)) * 1000;
        windowStart = now;
        windowTokens = 0;
        const eta = ((o.steps - step) * B * T * nShards) / tps;
        log(progressLine(step, o.steps, lossEma, lr, tps, norm, eta));
      }
      if (o.checkpointPath && (performance.now() - lastCkpt) / 1000 >= o.checkpointSeconds) {
        save(o.checkpointPath);
        lastCkpt = performance.now();
        log(`checkpoint at step ${step} → ${o.checkpointPath}`);
      }
    }
    if (o.checkpointPath) save(o.checkpointPath);
  } finally {
    await source.close();
  }
  const result = {
    params: Float32Array.from(arena.f32(P)),
    bestParams,
    bestValLoss,
    history,
    tokensSeen,
    elapsedSeconds: elapsed(),
    step,
  };
  elapsedBefore = 0;
  return result;
}

function progressLine(
  step: number,
  total: number,
  loss: number,
  lr: number,
  tps: number,
  norm: number,
  etaSec: number,
): string {
  const width = 30;
  const filled = Math.round((step / total) * width);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
  const eta = `${Math.floor(etaSec / 3600)}h${String(Math.floor((etaSec % 3600) / 60)).padStart(2, '0')}m${String(Math.floor(etaSec % 60)).padStart(2, '0')}s`;
  return `[${bar}] ${step}/${total} ${((step / total) * 100).toFixed(1)}% loss ${loss.toFixed(4)} lr ${lr.toExponential(2)} |g| ${norm.toFixed(2)} ${(tps / 1000).toFixed(2)}k tok/s ETA ${eta}`;
}
