import { useId } from 'react';
import { useModels } from '../../api/get-models.ts';
import { useStore } from '../../store/store.ts';
import { useModelsTarget } from '../../store/use-models-target.ts';

/** The request's model id, in the header: the target's models are offered, any id can be typed. */
export function ModelPicker() {
  const id = useId();
  const models = useModels(useModelsTarget());
  const model = useStore((s) => s.draft.model);
  const patchDraft = useStore((s) => s.patchDraft);
  const known = models.data?.some((m) => m.name === model || m.id === model);
  return (
    <div className="model-picker">
      <label htmlFor={`${id}-model`}>Model</label>
      <input
        id={`${id}-model`}
        type="text"
        list={`${id}-models`}
        value={model}
        spellCheck={false}
        onChange={(e) => patchDraft({ model: e.target.value })}
        aria-describedby={`${id}-state`}
      />
      <datalist id={`${id}-models`}>
        {models.data?.map((m) => (
          <option key={m.id} value={m.name} />
        ))}
      </datalist>
      <span id={`${id}-state`} className="sr-only">
        {models.data ? (known ? 'listed by the server' : 'not in the server’s list') : ''}
      </span>
    </div>
  );
}
