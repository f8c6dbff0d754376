// Evaluate: a list of prompts × the guide panel's policy → pass rate, mean latency and each output
// (/policies/evaluate).
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { type EvaluateResult, evaluatePolicy } from '../../api/policies-client.ts';
import type { ChatTemplate } from '../../api/request-object.ts';
import { useStore } from '../../store/store.ts';
import { useModelsTarget } from '../../store/use-models-target.ts';
import { draftPolicy, draftPrompt } from './draft-policy.ts';

const MAX_PROMPTS = 32;

/** Each line as the route would run it: in chat mode, a user message (after the system prompt) through the template. */
function asPrompt(line: string, template?: ChatTemplate): string {
  const d = useStore.getState().draft;
  const system = d.messages.filter((m) => m.role === 'system');
  return draftPrompt({ ...d, messages: system, composer: line, prompt: line }, template);
}

export function EvaluateView({ chatTemplate }: { chatTemplate?: ChatTemplate }) {
  const id = useId();
  const t = useModelsTarget();
  const [text, setText] = useState('');
  const prompts = text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const evaluate = useMutation({
    mutationFn: async (): Promise<{ result: EvaluateResult; lines: string[] }> => {
      const d = useStore.getState().draft;
      const lines = prompts.slice(0, MAX_PROMPTS);
      const result = await evaluatePolicy(t, {
        prompts: lines.map((l) => asPrompt(l, chatTemplate)),
        ...draftPolicy(d),
        max_new_tokens: d.params.max_tokens,
        seed: d.params.seed ?? 1,
      });
      return { result, lines };
    },
  });
  const r = evaluate.data?.result;
  const sent = evaluate.data?.lines ?? [];
  return (
    <section className="panel evaluate-policy" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Evaluate</h3>
      <div className="field">
        <label htmlFor={`${id}-p`}>Prompts (one per line)</label>
        <textarea id={`${id}-p`} rows={4} value={text} onChange={(e) => setText(e.target.value)} />
        <p className="hint">
          Each runs with the guide panel’s policy (<code>/policies/evaluate</code>, at most {MAX_PROMPTS}).
        </p>
      </div>
      <button
        type="button"
        onClick={() => evaluate.mutate()}
        disabled={evaluate.isPending || prompts.length === 0 || !t.apiKey}
      >
        Evaluate
      </button>
      {evaluate.isPending && (
        <p className="hint" role="status">
          Evaluating…
        </p>
      )}
      {evaluate.isError && (
        <p className="error-box" role="alert">
          {describeError(evaluate.error, { chars: 0 }).message}
        </p>
      )}
      {r && (
        <div data-testid="evaluate-results">
          <p>
            Pass rate <strong>{Math.round(r.success_rate * 100)}%</strong> ({r.pass_count} of {r.num_prompts}) · mean
            latency {Math.round(r.avg_latency_ms)} ms
          </p>
          <ol className="outputs">
            {r.outputs.map((o, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: outputs are in prompt order, with no other identity
              <li key={i}>
                <span className="hint">{sent[i]}</span>
                <pre className="sample-text">{o}</pre>
              </li>
            ))}
          </ol>
          {r.note && <p className="hint">{r.note}</p>}
        </div>
      )}
    </section>
  );
}
