import { useId } from 'react';
import { useModels } from '../../api/get-models.ts';
import { useStore } from '../../store/store.ts';
import { useModelsTarget } from '../../store/use-models-target.ts';
import { LocalModelCard } from './local-model-card.tsx';

/** The chosen model: what the server says it can do, and for the local model an honest card with sample prompts. */
export function ModelCard() {
  const id = useId();
  const mt = useModelsTarget();
  const models = useModels(mt);
  const model = useStore((s) => s.draft.model);
  const active = models.data?.find((m) => m.name === model || m.id === model);
  return (
    <section className="panel model-card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Model</h2>
      {models.isError && <p className="hint">The model list could not be read: see the connection.</p>}
      {active ? (
        <>
          <p className="model-name">{active.name}</p>
          <div className="badges">
            {active.contextLength && <span className="badge">ctx {active.contextLength}</span>}
            {Object.entries(active.capabilities)
              .filter(([, v]) => v)
              .map(([k]) => (
                <span key={k} className="badge">
                  {k.replace(/_/g, ' ')}
                </span>
              ))}
          </div>
          {mt.target === 'local' && <LocalModelCard description={active.description} />}
        </>
      ) : (
        models.data && <p className="hint">“{model}” is not in this server’s list; it is sent as typed.</p>
      )}
    </section>
  );
}
