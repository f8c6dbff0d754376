// Starts a worker thread from a TypeScript (or built JavaScript) module. Node 20 cannot load .ts workers by
// itself, and `execArgv: ['--import', 'tsx']` is not honoured for the worker's entry module, so a .ts worker is
// started from a tiny bootstrap that registers tsx's loader first and then imports the module.
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(code, { ...options, eval: true });
}
