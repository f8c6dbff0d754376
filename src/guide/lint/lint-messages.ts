// The messages between the page and the lint worker: a request carries an id, and its answer the same id.
import type { LintInput, LintReport, SampleResult } from './types.ts';

export type LintRequest =
  | { readonly id: number; readonly op: 'lint'; readonly input: LintInput }
  | { readonly id: number; readonly op: 'sample'; readonly input: LintInput; readonly seed: number };

export type LintResponse =
  | { readonly id: number; readonly report: LintReport }
  | { readonly id: number; readonly sample: SampleResult };
