// A small pool of steering worker threads (scripts/steering/worker.ts): tasks go out in batches, results come back
// in the order of the tasks.
import { cpus } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { modelPath } from '../../engine/node/load-model.ts';
import { startWorker } from '../../engine/node/ts-worker.ts';
import type { Task, TaskResult } from './worker.ts';

export class Pool {
  private readonly workers: Worker[];
  private next = 0;

  constructor(size = Math.max(1, Math.min(cpus().length, 4)), path = modelPath()) {
    this.workers = Array.from({ length: size }, () =>
      startWorker(new URL('./worker.ts', import.meta.url), { workerData: { modelPath: path } }),
    );
  }

  get size(): number {
    return this.workers.length;
  }

  /** Runs every task (in batches of `batch`), `onProgress` after each batch; results in task order. */
  async run<R extends TaskResult>(
    tasks: readonly Task[],
    batch = 8,
    onProgress?: (done: number) => void,
  ): Promise<R[]> {
    const out = new Array<R>(tasks.length);
    let cursor = 0;
    let done = 0;
    const loop = async (w: Worker) => {
      while (cursor < tasks.length) {
        const at = cursor;
        const slice = tasks.slice(at, at + batch);
        cursor += slice.length;
        const results = await this.call(w, slice);
        results.forEach((r, i) => {
          out[at + i] = r as R;
        });
        done += slice.length;
        onProgress?.(done);
      }
    };
    await Promise.all(this.workers.map(loop));
    return out;
  }

  private call(w: Worker, tasks: Task[]): Promise<TaskResult[]> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const onMessage = (m: { id: number; results: TaskResult[] }) => {
        if (m.id !== id) return;
        w.off('message', onMessage);
        w.off('error', reject);
        resolve(m.results);
      };
      w.on('message', onMessage);
      w.once('error', reject);
      w.postMessage({ id, tasks });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
