// The lint worker (a module worker, bundled by Vite as its own chunk): compiles and lints constraints and draws
// samples off the page's thread, answering each request with its id (lint-service.ts does the work).
import type { LintRequest, LintResponse } from './lint-messages.ts';
import { createLintService } from './lint-service.ts';

/** The part of a worker's global scope used here (the app's type library is the DOM's, not WebWorker's). */
interface WorkerScope {
  onmessage: ((e: MessageEvent<LintRequest>) => void) | null;
  postMessage(message: LintResponse): void;
}

const scope = self as unknown as WorkerScope;
const service = createLintService();

scope.onmessage = (e) => {
  scope.postMessage(service.handle(e.data));
};
