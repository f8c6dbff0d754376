// The OpenAI routes' body when the run carries a guide: the policy replaces the request's own sampling fields (the
// server applies the policy's sampling block), so only max_tokens, seed and stop stay beside it; logprobs are not
// asked for (a policy's answer is its selected candidate's text). Steering rides in the policy's steering block.
import { policyFields } from '../guide.ts';
import type { RunSpec } from '../run-spec.ts';
import { withSteeringBlock } from '../steering.ts';

export function guidedFields(spec: RunSpec): Record<string, unknown> | undefined {
  const g = spec.guide;
  if (!g) return undefined;
  const p = spec.params;
  const body: Record<string, unknown> = { max_tokens: p.max_tokens };
  if (p.seed !== undefined) body.seed = p.seed;
  if (p.stop.length) body.stop = [...p.stop];
  const fields = policyFields(g, p);
  // steering beside a policy goes in its steering block (a saved policy with steering is refused before this)
  if (spec.steering && typeof fields.policy === 'object' && fields.policy !== null)
    fields.policy = withSteeringBlock(fields.policy as Record<string, unknown>, spec.steering);
  return { ...body, ...fields, stream: spec.stream };
}
