// What the chosen target and model can do, from the model list (GET /models capabilities).
import { useModels } from '../api/get-models.ts';
import { useStore } from '../store/store.ts';
import { useModelsTarget } from '../store/use-models-target.ts';

export interface ContinueState {
  ok: boolean;
  reason?: string;
}

/** Continue needs the server's `continue_final_message` extension (the local server has it). */
export function useContinueState(): ContinueState {
  const models = useModels(useModelsTarget());
  const model = useStore((s) => s.draft.model);
  const m = models.data?.find((x) => x.name === model || x.id === model) ?? models.data?.[0];
  if (m?.capabilities.continue_final_message) return { ok: true };
  return {
    ok: false,
    reason:
      'Continue needs a server that can continue a reply (the continue_final_message extension); this one does not say it can.',
  };
}
