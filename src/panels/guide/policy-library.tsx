// Presets and saved policies for the Policy constraint: load a preset or a saved policy into the editor, save the
// editor's policy to the server (then runs go by its id, `policy_id`), run a saved one by id, delete one.
import { useId, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { useStore } from '../../store/store.ts';
import { useDeletePolicy, usePresets, useSavedPolicies, useSavePolicy } from '../../store/use-policy-api.ts';

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

/** Fields the server fills in that make a loaded policy noisy to edit. */
function forEditing(p: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, ...rest } = p;
  return rest;
}

export function PolicyLibrary() {
  const id = useId();
  const guide = useStore((s) => s.draft.guide);
  const patchDraft = useStore((s) => s.patchDraft);
  const presets = usePresets();
  const saved = useSavedPolicies();
  const save = useSavePolicy();
  const del = useDeletePolicy();
  const [chosen, setChosen] = useState('');
  const [message, setMessage] = useState<string>();
  const setGuide = (p: Partial<typeof guide>) => patchDraft({ guide: { ...useStore.getState().draft.guide, ...p } });
  const loadText = (policy: Record<string, unknown>) => {
    const g = useStore.getState().draft.guide;
    const { policyId: _drop, ...rest } = g;
    patchDraft({ guide: { ...rest, texts: { ...g.texts, policy: pretty(forEditing(policy)) } } });
  };

  const onSave = () => {
    setMessage(undefined);
    let policy: unknown;
    try {
      policy = JSON.parse(useStore.getState().draft.guide.texts.policy);
    } catch (e) {
      setMessage(`The policy is not valid JSON: ${(e as Error).message}`);
      return;
    }
    save.mutate(policy, {
      onSuccess: (r) => {
        setGuide({ policyId: r.policy_id });
        setMessage(`Saved as ${r.policy_id}: runs now use it by id.`);
      },
      onError: (e) => setMessage(describeError(e, { chars: 0 }).message),
    });
  };

  const savedList = saved.data ?? [];
  const chosenPolicy = savedList.find((p) => p.id === chosen);
  return (
    <div className="policy-library">
      <div className="field">
        <label htmlFor={`${id}-preset`}>Preset</label>
        <select
          id={`${id}-preset`}
          value=""
          onChange={(e) => {
            const p = presets.data?.find((x) => x.id === e.target.value);
            if (p) loadText({ ...p.policy, name: p.policy.name ?? p.name });
          }}
        >
          <option value="">
            {presets.isLoading ? 'Loading…' : presets.isError ? 'Presets unavailable' : 'Load a preset…'}
          </option>
          {presets.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-saved`}>Saved policies</label>
        <select id={`${id}-saved`} value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{saved.isLoading ? 'Loading…' : `${savedList.length} saved`}</option>
          {savedList.map((p) => (
            <option key={p.id ?? ''} value={p.id ?? ''}>
              {p.name ? `${p.name} (${p.id})` : p.id}
            </option>
          ))}
        </select>
        <div className="row">
          <button type="button" disabled={!chosenPolicy} onClick={() => chosenPolicy && loadText(chosenPolicy)}>
            Load
          </button>
          <button type="button" disabled={!chosen} onClick={() => setGuide({ policyId: chosen })}>
            Run by id
          </button>
          <button
            type="button"
            disabled={!chosen || del.isPending}
            onClick={() =>
              del.mutate(chosen, {
                onSuccess: () => {
                  if (useStore.getState().draft.guide.policyId === chosen) {
                    const { policyId: _drop, ...g } = useStore.getState().draft.guide;
                    patchDraft({ guide: g });
                  }
                  setChosen('');
                  setMessage(`Deleted ${chosen}.`);
                },
                onError: (e) => setMessage(describeError(e, { chars: 0 }).message),
              })
            }
          >
            Delete
          </button>
        </div>
      </div>
      {guide.policyId ? (
        <p className="policy-by-id" data-testid="policy-by-id">
          Runs the saved policy <code>{guide.policyId}</code> by id.{' '}
          <button
            type="button"
            onClick={() => {
              const { policyId: _drop, ...g } = useStore.getState().draft.guide;
              patchDraft({ guide: g });
            }}
          >
            Edit a policy instead
          </button>
        </p>
      ) : (
        <button type="button" onClick={onSave} disabled={save.isPending}>
          Save policy
        </button>
      )}
      {message && (
        <p className="hint" role="status">
          {message}
        </p>
      )}
    </div>
  );
}
