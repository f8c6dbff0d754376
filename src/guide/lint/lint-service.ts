// What the lint worker does with each request, kept apart from the worker's wiring so it runs in tests: it keeps the
// last compiled constraint by what the compile depends on (kind, text, route, whitespace, lenient, field), so a "new
// sample" or a change of max tokens does not compile again.
import { lintPrepared, samplePrepared } from './lint.ts';
import type { LintRequest, LintResponse } from './lint-messages.ts';
import { type Prepared, prepare, prepareKey } from './prepare.ts';
import type { LintInput } from './types.ts';

export interface LintService {
  handle(request: LintRequest): LintResponse;
  /** Compiles done so far (the cache's misses). */
  readonly compiles: number;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function createLintService(): LintService {
  let last: { key: string; prepared: Prepared } | undefined;
  let compiles = 0;
  const prepared = (input: LintInput): Prepared => {
    const key = prepareKey(input);
    if (last?.key !== key) {
      compiles++;
      last = { key, prepared: prepare(input) };
    }
    return last.prepared;
  };
  return {
    get compiles() {
      return compiles;
    },
    handle(r) {
      try {
        if (r.op === 'sample') return { id: r.id, sample: samplePrepared(prepared(r.input), r.input, r.seed) };
        return { id: r.id, report: lintPrepared(prepared(r.input), r.input) };
      } catch (e) {
        if (r.op === 'sample') return { id: r.id, sample: { error: `the sample failed: ${message(e)}` } };
        return {
          id: r.id,
          report: { lints: [{ severity: 'error', source: 'compiler', message: `the lint failed: ${message(e)}` }] },
        };
      }
    },
  };
}
