import { useId } from 'react';
import { useModels } from '../../api/get-models.ts';
import { useStore } from '../../store/store.ts';
import { useModelsTarget } from '../../store/use-models-target.ts';
import { LocalModelCard } from './local-model-card.tsx';

export function ModelsPanel() {
  const id = useId();
  const mt = useModelsTarget();
  const models = useModels(mt);
  const model = useStore((s) => s.draft.model);
  const patchDraft = useStore((s) => s.patchDraft);
  const active = models.data?.find((m) => m.name === model || m.id === model);

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Models</h2>
      <div className="row">
        <button type="button" onClick={() => void models.refetch()} disabled={!mt.apiKey || models.isFetching}>
          Refresh
        </button>
        {models.isFetching && <span className="hint">Loading…</span>}
      </div>
      {models.isError && <p className="error-box">Could not list models: {(models.error as Error).message}</p>}
      {models.data && models.data.length === 0 && <p className="hint">The server lists no models.</p>}
      {models.data && models.data.length > 0 && (
        <ul aria-label="Available models" style={{ listStyle: 'none', padding: 0, margin: '6px 0' }}>
          {models.data.map((m) => (
            <li key={m.id}>
              <label className="inline">
                <input
                  type="radio"
                  name={`${id}-m`}
                  checked={m.name === model}
                  onChange={() => patchDraft({ model: m.name })}
                />
                {m.name}
              </label>
              <div>
                {m.contextLength && <span className="badge">ctx {m.contextLength}</span>}
                {Object.entries(m.capabilities)
                  .filter(([, v]) => v)
                  .map(([k]) => (
                    <span key={k} className="badge">
                      {k.replace(/_/g, ' ')}
                    </span>
                  ))}
              </div>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={`${id}-model`}>Model</label>
      <input
        id={`${id}-model`}
        type="text"
        value={model}
        onChange={(e) => patchDraft({ model: e.target.value })}
        spellCheck={false}
      />
      <p className="hint">The request’s model id; type any id the target knows.</p>
      {mt.target === 'local' && active && <LocalModelCard description={active.description} />}
    </section>
  );
}
