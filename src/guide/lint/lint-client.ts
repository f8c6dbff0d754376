// The page's side of the lint: requests go to one lazily started module worker (lint.worker.ts), answered by id.
// Where there is no Worker (tests, jsdom) or the worker fails to start, the same work runs on this thread, loaded on
// first use (so the compiler never weighs on the page's own bundle). A lint never throws out of here: anything
// unexpected becomes an error lint (or a sample's error).
import type { LintRequest, LintResponse } from './lint-messages.ts';
import type { LintService } from './lint-service.ts';
import type { LintInput, LintReport, SampleResult } from './types.ts';

type Pending = { readonly request: LintRequest; readonly resolve: (r: LintResponse) => void };

let worker: Worker | undefined;
/** The worker could not start or broke: run on this thread from now on. */
let broken = false;
let nextId = 1;
const pending = new Map<number, Pending>();

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The answer to a request that failed in an unexpected way. */
function failed(r: LintRequest, why: string): LintResponse {
  return r.op === 'sample'
    ? { id: r.id, sample: { error: `the sample failed: ${why}` } }
    : { id: r.id, report: { lints: [{ severity: 'error', source: 'compiler', message: `the lint failed: ${why}` }] } };
}

/** The same work on this thread (lint-service.ts: lintConstraint/sampleInstance with the last compile kept). */
let here: Promise<LintService> | undefined;
async function runHere(r: LintRequest): Promise<LintResponse> {
  try {
    here ??= import('./lint-service.ts').then((m) => m.createLintService());
    return (await here).handle(r);
  } catch (e) {
    here = undefined;
    return failed(r, message(e));
  }
}

/** The worker failed: what it still owed is answered here, and so is everything after. */
function fallBack(): void {
  broken = true;
  worker?.terminate();
  worker = undefined;
  const owed = [...pending.values()];
  pending.clear();
  for (const p of owed) void runHere(p.request).then(p.resolve);
}

function workerOrUndefined(): Worker | undefined {
  if (broken || typeof Worker === 'undefined') return undefined;
  if (!worker) {
    try {
      worker = new Worker(new URL('./lint.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      broken = true;
      return undefined;
    }
    worker.onmessage = (e: MessageEvent<LintResponse>) => {
      const p = pending.get(e.data.id);
      if (!p) return;
      pending.delete(e.data.id);
      p.resolve(e.data);
    };
    worker.onerror = fallBack;
    worker.onmessageerror = fallBack;
  }
  return worker;
}

function send(request: LintRequest): Promise<LintResponse> {
  const w = workerOrUndefined();
  if (!w) return runHere(request);
  return new Promise((resolve) => {
    pending.set(request.id, { request, resolve });
    try {
      w.postMessage(request);
    } catch {
      // an input the worker cannot be sent (not cloneable): this one is answered here
      pending.delete(request.id);
      void runHere(request).then(resolve);
    }
  });
}

/** Lints a constraint in the lint worker. Never rejects. */
export async function lintInWorker(input: LintInput): Promise<LintReport> {
  const request: LintRequest = { id: nextId++, op: 'lint', input };
  const r = await send(request);
  return 'report' in r ? r.report : { lints: [{ severity: 'error', source: 'compiler', message: 'the lint failed' }] };
}

/** A seeded sample output of the constraint, drawn in the lint worker. Never rejects. */
export async function sampleInWorker(input: LintInput, seed: number): Promise<SampleResult> {
  const r = await send({ id: nextId++, op: 'sample', input, seed });
  return 'sample' in r ? r.sample : { error: 'the sample failed' };
}
