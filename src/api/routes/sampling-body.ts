// The sampling fields of the form, as body fields: only those that are set, in a stable order.
import type { RunParams } from '../run-spec.ts';

export function samplingBody(p: RunParams): Record<string, unknown> {
  const body: Record<string, unknown> = { max_tokens: p.max_tokens, temperature: p.temperature };
  if (p.top_p !== undefined) body.top_p = p.top_p;
  if (p.top_k !== undefined) body.top_k = p.top_k;
  if (p.sampling_method !== undefined) body.sampling_method = p.sampling_method;
  if (p.stop.length) body.stop = [...p.stop];
  if (p.seed !== undefined) body.seed = p.seed;
  return body;
}
