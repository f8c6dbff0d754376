// One policy run's result (/policies/run, compare): the output and its flags.
import type { z } from 'zod';
import type { policyRunResponseSchema } from '../../../protocol/policy.ts';

type Result = z.infer<typeof policyRunResponseSchema>;

export function ResultCard({ title, result }: { title: string; result: Result }) {
  return (
    <article className="result-card" aria-label={title}>
      <h4>{title}</h4>
      <pre className="sample-text">{result.output}</pre>
      <p className="hint">
        {result.accepted ? 'accepted' : 'not accepted'} · score {result.score.toFixed(3)} · constraints{' '}
        {result.constraints_ok ? 'ok' : 'failed'} · verifier {result.verifier_ok ? 'ok' : 'failed'} ·{' '}
        {Math.round(result.latency_ms)} ms
      </p>
    </article>
  );
}
