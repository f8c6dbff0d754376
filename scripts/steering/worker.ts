// A steering worker thread: holds the committed model and runs the build's and the measurement's tasks.
import { parentPort, workerData } from 'node:worker_threads';
import { loadModel } from '../../engine/node/load-model.ts';
import { spanResiduals } from '../../engine/steering/builtin/diffmean.ts';
import { hooksFor, steeredLoss, steeredSample } from '../../engine/steering/builtin/dose.ts';
import type { ContrastExample } from '../../engine/steering/builtin/sets.ts';
import type { VectorLayer } from '../../engine/steering/vector.ts';

export type Task =
  | { kind: 'residuals'; examples: ContrastExample[]; hooks: string[] }
  | { kind: 'sample'; layers: VectorLayer[]; strength: number; prompt: string; seed: number; chars: number }
  | { kind: 'loss'; layers: VectorLayer[]; strength: number; text: string };

export type TaskResult =
  | { kind: 'residuals'; means: Record<string, number[][]> }
  | { kind: 'sample'; text: string }
  | { kind: 'loss'; loss: number };

const model = loadModel((workerData as { modelPath: string }).modelPath);
const session = model.newSession();

async function run(t: Task): Promise<TaskResult> {
  switch (t.kind) {
    case 'residuals': {
      const r = spanResiduals(model, t.examples, t.hooks);
      return {
        kind: 'residuals',
        means: Object.fromEntries([...r].map(([h, rows]) => [h, rows.map((x) => Array.from(x))])),
      };
    }
    case 'sample':
      return {
        kind: 'sample',
        text: await steeredSample(model, session, t.prompt, t.seed, hooksFor(t.layers, t.strength), t.chars),
      };
    case 'loss':
      return { kind: 'loss', loss: steeredLoss(model, t.text, hooksFor(t.layers, t.strength)) };
  }
}

parentPort?.on('message', async (msg: { id: number; tasks: Task[] }) => {
  const results: TaskResult[] = [];
  for (const t of msg.tasks) results.push(await run(t));
  parentPort?.postMessage({ id: msg.id, results });
});
