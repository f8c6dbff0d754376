// A training worker thread: holds one TrainModel and computes the loss gradient of its share of each batch.
import { parentPort, workerData } from 'node:worker_threads';
import type { ModelConfig } from '../config.ts';
import { TrainModel } from './train-model.ts';

export interface WorkerInit {
  cfg: ModelConfig;
  B: number;
  T: number;
  params: SharedArrayBuffer;
  grads: SharedArrayBuffer;
}

export type WorkerRequest =
  | { type: 'step'; tokens: Int32Array; targets: Int32Array; denom: number }
  | { type: 'eval'; tokens: Int32Array; targets: Int32Array };

export interface WorkerReply {
  loss: number;
  lossSum: number;
  counted: number;
}

const init = workerData as WorkerInit;
const model = new TrainModel(init.cfg, init.B, init.T);
const params = new Float32Array(init.params);
const grads = new Float32Array(init.grads);

parentPort?.on('message', (msg: WorkerRequest) => {
  model.setParams(params);
  let counted = 0;
  for (const t of msg.targets) if (t >= 0) counted++;
  if (msg.type === 'step') {
    const loss = model.forward(msg.tokens, msg.targets, true, msg.denom);
    model.backward();
    grads.set(model.gradView());
    parentPort?.postMessage({ loss, lossSum: loss * counted, counted } satisfies WorkerReply);
  } else {
    const loss = model.forward(msg.tokens, msg.targets, false);
    parentPort?.postMessage({ loss, lossSum: loss * counted, counted } satisfies WorkerReply);
  }
});
