// Compare: two policies (or a policy and no policy) on the same prompt and seed, side by side — one call to
// /policies/compare. Policy A is what the guide panel describes; B is no policy, a preset or a saved policy.
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { type CompareResult, comparePolicies } from '../../api/policies-client.ts';
import type { ChatTemplate } from '../../api/request-object.ts';
import { useStore } from '../../store/store.ts';
import { usePolicyTarget, usePresets, useSavedPolicies } from '../../store/use-policy-api.ts';
import { draftPolicy, draftPrompt, noPolicy } from './draft-policy.ts';
import { ResultCard } from './result-card.tsx';

export function CompareView({ chatTemplate }: { chatTemplate?: ChatTemplate }) {
  const id = useId();
  const { t, enabled } = usePolicyTarget();
  const presets = usePresets();
  const saved = useSavedPolicies();
  const [other, setOther] = useState('none');
  const [labels, setLabels] = useState<[string, string]>(['A', 'B']);
  const compare = useMutation({
    mutationFn: async (): Promise<CompareResult> => {
      const d = useStore.getState().draft;
      const a = d.guide.kind === 'none' ? { policy: noPolicy(d) } : draftPolicy(d);
      const policyA = 'policy' in a ? a.policy : (saved.data?.find((p) => p.id === a.policy_id) ?? undefined);
      if (!policyA) throw new Error(`The saved policy ${'policy_id' in a ? a.policy_id : ''} is not in the list`);
      const preset = presets.data?.find((p) => `preset:${p.id}` === other);
      const kept = saved.data?.find((p) => `saved:${p.id}` === other);
      const policyB = preset?.policy ?? kept ?? noPolicy(d);
      setLabels([
        `A: ${d.guide.kind === 'none' ? 'no policy' : 'the guide panel’s policy'}`,
        `B: ${preset ? preset.name : kept ? (kept.name ?? kept.id ?? 'saved') : 'no policy'}`,
      ]);
      return comparePolicies(t, {
        prompt: draftPrompt(d, chatTemplate),
        policies: [policyA, policyB],
        max_new_tokens: d.params.max_tokens,
        seed: d.params.seed ?? 1,
      });
    },
  });
  return (
    <section className="panel compare-policies" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Compare</h3>
      <p className="hint">
        The guide panel’s policy beside another, on this prompt with the same seed (<code>/policies/compare</code>).
      </p>
      <div className="field">
        <label htmlFor={`${id}-b`}>Compare with</label>
        <select id={`${id}-b`} value={other} onChange={(e) => setOther(e.target.value)}>
          <option value="none">No policy</option>
          {presets.data?.map((p) => (
            <option key={p.id} value={`preset:${p.id}`}>
              Preset: {p.name}
            </option>
          ))}
          {saved.data?.map((p) => (
            <option key={p.id ?? ''} value={`saved:${p.id}`}>
              Saved: {p.name ?? p.id}
            </option>
          ))}
        </select>
      </div>
      <button type="button" onClick={() => compare.mutate()} disabled={compare.isPending || !enabled}>
        Compare
      </button>
      {(presets.isError || saved.isError) && (
        <p className="hint">
          The {presets.isError ? 'presets' : 'saved policies'} could not be listed:{' '}
          {describeError(presets.error ?? saved.error, { chars: 0 }).message}
        </p>
      )}
      {compare.isPending && (
        <p className="hint" role="status">
          Comparing…
        </p>
      )}
      {compare.isError && (
        <p className="error-box" role="alert">
          {describeError(compare.error, { chars: 0 }).message}
        </p>
      )}
      {compare.data && (
        <div className="compare-results" data-testid="compare-results">
          {compare.data.results.map((r, i) => (
            <ResultCard key={labels[i] ?? i} title={labels[i] ?? `#${i + 1}`} result={r} />
          ))}
          {compare.data.note && <p className="hint">{compare.data.note}</p>}
        </div>
      )}
    </section>
  );
}
