// The policy API for the playground's guide panel: saved policies (list, save, delete), presets, compare and
// evaluate — on the current target (the hosted API through the local relay, so saved policies and presets there
// are the upstream's). Every answer is read with its protocol schema.
import type { z } from 'zod';
import {
  policyCompareResponseSchema,
  policyEvaluateResponseSchema,
  policyListSchema,
  policySaveResponseSchema,
  presetSchema,
} from '../../protocol/policy.ts';
import { type ApiTarget, call } from './api-call.ts';

export type { ApiTarget } from './api-call.ts';

export type SavedPolicy = z.infer<typeof policyListSchema>[number];
export type Preset = z.infer<typeof presetSchema>;
export type CompareResult = z.infer<typeof policyCompareResponseSchema>;
export type EvaluateResult = z.infer<typeof policyEvaluateResponseSchema>;

export const listPolicies = (t: ApiTarget) => call(t, 'GET', '/policies', policyListSchema);
export const listPresets = (t: ApiTarget) => call(t, 'GET', '/policies/presets', presetSchema.array());
export const savePolicy = (t: ApiTarget, policy: unknown) =>
  call(t, 'POST', '/policies/save', policySaveResponseSchema, { policy });
export const deletePolicy = (t: ApiTarget, id: string) =>
  call(t, 'DELETE', `/policies/${encodeURIComponent(id)}`, policySaveResponseSchema.pick({ policy_id: true }));

export interface CompareInput {
  readonly prompt: string;
  readonly policies: readonly unknown[];
  readonly max_new_tokens: number;
  readonly seed?: number;
}
export const comparePolicies = (t: ApiTarget, input: CompareInput, signal?: AbortSignal) =>
  call(t, 'POST', '/policies/compare', policyCompareResponseSchema, input, signal);

export interface EvaluateInput {
  readonly prompts: readonly string[];
  readonly policy?: unknown;
  readonly policy_id?: string;
  readonly max_new_tokens: number;
  readonly seed?: number;
}
export const evaluatePolicy = (t: ApiTarget, input: EvaluateInput, signal?: AbortSignal) =>
  call(t, 'POST', '/policies/evaluate', policyEvaluateResponseSchema, input, signal);
