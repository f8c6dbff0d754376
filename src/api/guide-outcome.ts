// What the server said about a guided run, read from its frames (the last one that says it): a policy's outcome
// (`axionic.policy` on the OpenAI routes: accepted, score, flags, the trace) or the direct route's result (`valid`,
// the validation error, the compiled constraint's facts).
import { z } from 'zod';
import { policyOutcomeSchema } from '../../protocol/policy.ts';
import { samplingFrameSchema, samplingResponseSchema } from '../../protocol/sampling-generate.ts';
import { parseJsonWith } from './routes/parse.ts';

export type PolicyOutcome = z.infer<typeof policyOutcomeSchema>;
export type SamplingResult = z.infer<typeof samplingResponseSchema>;

export interface GuideOutcome {
  readonly policy?: PolicyOutcome;
  readonly sampling?: SamplingResult;
}

const withPolicy = z.object({ axionic: z.object({ policy: policyOutcomeSchema }) });

export function guideOutcome(path: string, frames: readonly { readonly data: string }[]): GuideOutcome {
  for (let i = frames.length - 1; i >= 0; i--) {
    const data = frames[i]?.data ?? '';
    if (path === '/sampling/generate') {
      const f = parseJsonWith(samplingFrameSchema, data);
      if (f.ok && f.value.status === 'complete') return { sampling: f.value.result };
      const r = parseJsonWith(samplingResponseSchema, data);
      if (r.ok) return { sampling: r.value };
    } else {
      const r = parseJsonWith(withPolicy, data);
      if (r.ok) return { policy: r.value.axionic.policy };
    }
  }
  return {};
}
