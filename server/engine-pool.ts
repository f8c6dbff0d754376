// A pool of generation workers (one model copy each) with a bounded queue. Generation never runs on the
// server's event loop, so /health and other streams stay responsive. run() checks capacity once, synchronously:
// when every worker is busy and the queue is full it throws QueueFullError (answered 429 with Retry-After).
// A job's events (accepted, token batches, restarts, each choice's end) go to its listener; the promise settles
// with the job's result, a refusal of its content (JobRefusedError, a 400), or a failure.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../engine/node/ts-worker.ts';
import type {
  BehaviorFitResult,
  BehaviorFitTask,
  ChoiceResult,
  ExtractResult,
  ExtractTask,
  GenerationJob,
  JobRefusal,
  JobResult,
  TokenRecord,
  WorkerCommand,
  WorkerEvent,
} from './worker/job.ts';

export class QueueFullError extends Error {
  override name = 'QueueFullError';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('The local engine is busy: every worker is generating and the queue is full');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class AbortedError extends Error {
  override name = 'AbortedError';
}

export class JobRefusedError extends Error {
  override name = 'JobRefusedError';
  readonly param: string;
  constructor(r: JobRefusal) {
    super(r.message);
    this.param = r.param;
  }
}

/** What a job reports while it runs. */
export type JobEvent =
  | { readonly type: 'accepted' }
  | { readonly type: 'tokens'; readonly tokens: readonly TokenRecord[] }
  | { readonly type: 'restart'; readonly choice: number; readonly fromIndex: number; readonly attempt: number }
  | { readonly type: 'choice'; readonly result: ChoiceResult }
  | {
      readonly type: 'correction';
      readonly choice: number;
      readonly index: number;
      readonly attempt: number;
      readonly behavior: string;
      readonly score: number;
      readonly action: 'regenerate' | 'give_up';
    }
  /** An extract task's progress (examples read of total). */
  | { readonly type: 'progress'; readonly done: number; readonly total: number };

export interface RunOptions {
  signal?: AbortSignal;
  onEvent?: (e: JobEvent) => void;
}

interface Job {
  id: number;
  startedAt?: number;
  /** The command that starts it on a worker. */
  command: (id: number) => WorkerCommand;
  opts: RunOptions;
  resolve: (r: never) => void;
  reject: (e: Error) => void;
  worker?: Slot;
}

interface Slot {
  worker: Worker;
  job?: Job;
}

export interface PoolOptions {
  modelPath: string;
  size: number;
  maxQueue: number;
  workerUrl?: URL;
}

export class EnginePool {
  readonly size: number;
  readonly maxQueue: number;
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private readonly readyPromise: Promise<number>;
  private readonly url: URL;
  private readonly modelPath: string;
  private closing = false;
  /** Tokens received from workers since start (lets tests see that an aborted job stopped producing). */
  tokensProduced = 0;
  /** Worker messages received since start (lets the bench see the batching). */
  messagesReceived = 0;

  constructor(o: PoolOptions) {
    this.size = o.size;
    this.maxQueue = o.maxQueue;
    this.url = o.workerUrl ?? new URL('./worker/engine-worker.ts', import.meta.url);
    this.modelPath = o.modelPath;
    this.slots = Array.from({ length: o.size }, () => ({ worker: this.spawn() }));
    this.readyPromise = Promise.all(
      this.slots.map(
        (s) =>
          new Promise<number>((resolve, reject) => {
            const onMsg = (m: WorkerEvent) => {
              if (m.type === 'ready') {
                s.worker.off('error', reject);
                resolve(m.ctx);
              }
            };
            s.worker.once('message', onMsg);
            s.worker.once('error', reject);
          }),
      ),
    ).then((ctxs) => {
      for (const s of this.slots) this.attach(s);
      return ctxs[0] ?? 0;
    });
  }

  private spawn(): Worker {
    // a small young generation: token records are short-lived, and a worker's heap should not grow with uptime
    return startWorker(this.url, {
      workerData: { modelPath: this.modelPath },
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    });
  }

  /** Routes a worker's messages, and replaces it if it dies: its job fails, the pool keeps serving. */
  private attach(s: Slot): void {
    s.worker.on('message', (m: WorkerEvent) => this.onMessage(s, m));
    const replace = (why: string) => {
      if (this.closing) return;
      const j = s.job;
      s.job = undefined;
      j?.reject(new Error(`generation worker failed: ${why}`));
      s.worker.removeAllListeners();
      s.worker = this.spawn();
      s.worker.once('message', () => {
        this.attach(s);
        const next = this.queue.shift();
        if (next) this.start(s, next);
      });
      s.worker.once('error', () => {});
    };
    s.worker.on('error', (e) => replace(e.message));
    s.worker.on('exit', (code) => replace(`exited with code ${code}`));
  }

  /** Mean time of recent jobs (ms), an exponential moving average; undefined before the first job ends. */
  private recentJobMs?: number;

  /**
   * An honest Retry-After: when a worker would be free for one more job, from the jobs queued and how long recent
   * jobs took (2 s each until the first has finished), at least 1 s.
   */
  retryAfterSeconds(): number {
    const jobMs = this.recentJobMs ?? 2000;
    const waitMs = ((this.queue.length + 1) / this.size) * jobMs;
    return Math.max(1, Math.min(600, Math.ceil(waitMs / 1000)));
  }

  private recordDuration(ms: number): void {
    this.recentJobMs = this.recentJobMs === undefined ? ms : 0.7 * this.recentJobMs + 0.3 * ms;
  }

  /** Resolves with the model's context length once every worker has loaded the model. */
  ready(): Promise<number> {
    return this.readyPromise;
  }

  get busy(): number {
    return this.slots.filter((s) => s.job).length;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Starts (or queues) a job; throws QueueFullError at once when there is no room. */
  run(job: GenerationJob, opts: RunOptions = {}): Promise<JobResult> {
    return this.enqueue<JobResult>((id) => ({ type: 'run', id, job }), opts);
  }

  /**
   * Computes a steering vector from contrast pairs on a worker (same queue and capacity as generation); progress
   * arrives as `progress` events. Throws QueueFullError at once when there is no room.
   */
  extract(task: ExtractTask, opts: RunOptions = {}): Promise<ExtractResult> {
    return this.enqueue<ExtractResult>((id) => ({ type: 'extract', id, task }), opts);
  }

  /**
   * Fits a behavior's scorer to contrast pairs on a worker (same queue and capacity as generation); progress (answers
   * read) arrives as `progress` events. Throws QueueFullError at once when there is no room.
   */
  fitBehavior(task: BehaviorFitTask, opts: RunOptions = {}): Promise<BehaviorFitResult> {
    return this.enqueue<BehaviorFitResult>((id) => ({ type: 'behavior-fit', id, task }), opts);
  }

  private enqueue<R>(command: (id: number) => WorkerCommand, opts: RunOptions): Promise<R> {
    if (opts.signal?.aborted) return Promise.reject(new AbortedError('aborted before start'));
    const free = this.slots.find((s) => !s.job);
    if (!free && this.queue.length >= this.maxQueue) throw new QueueFullError(this.retryAfterSeconds());
    return new Promise<R>((resolve, reject) => {
      const j: Job = { id: this.nextId++, command, opts, resolve: resolve as (r: never) => void, reject };
      opts.signal?.addEventListener(
        'abort',
        () => {
          const qi = this.queue.indexOf(j);
          if (qi >= 0) {
            this.queue.splice(qi, 1);
            reject(new AbortedError('aborted while queued'));
          } else if (j.worker) {
            j.worker.worker.postMessage({ type: 'abort', id: j.id } satisfies WorkerCommand);
          }
        },
        { once: true },
      );
      if (free) this.start(free, j);
      else this.queue.push(j);
    });
  }

  private start(slot: Slot, j: Job): void {
    if (slot.job) {
      this.queue.unshift(j);
      return;
    }
    slot.job = j;
    j.worker = slot;
    j.startedAt = performance.now();
    slot.worker.postMessage(j.command(j.id));
  }

  private onMessage(slot: Slot, m: WorkerEvent): void {
    this.messagesReceived++;
    const j = slot.job;
    if (m.type === 'ready' || !j || m.id !== j.id) return;
    switch (m.type) {
      case 'accepted':
        j.opts.onEvent?.({ type: 'accepted' });
        return;
      case 'tokens':
        this.tokensProduced += m.tokens.length;
        j.opts.onEvent?.({ type: 'tokens', tokens: m.tokens });
        return;
      case 'restart':
        j.opts.onEvent?.({ type: 'restart', choice: m.choice, fromIndex: m.fromIndex, attempt: m.attempt });
        return;
      case 'choice':
        j.opts.onEvent?.({ type: 'choice', result: m.result });
        return;
      case 'correction': {
        const { type: _t, id: _i, ...rest } = m;
        j.opts.onEvent?.({ type: 'correction', ...rest });
        return;
      }
      case 'progress':
        j.opts.onEvent?.({ type: 'progress', done: m.done, total: m.total });
        return;
      default:
        break;
    }
    slot.job = undefined;
    if (j.startedAt !== undefined) this.recordDuration(performance.now() - j.startedAt);
    if (m.type === 'behavior-fit') (j.resolve as (r: BehaviorFitResult) => void)(m.result);
    else if (m.type === 'done' || m.type === 'extracted')
      (j.resolve as (r: JobResult | ExtractResult) => void)(m.result);
    else if (m.type === 'refused') j.reject(new JobRefusedError(m.refusal));
    else j.reject(new Error(m.message));
    const next = this.queue.shift();
    if (next) this.start(slot, next);
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const j of this.queue.splice(0)) j.reject(new AbortedError('server shutting down'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
