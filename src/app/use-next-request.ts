// The request Run would send now (for the inspector and the snippets), and the chat template of the chosen model.
import { useMemo } from 'react';
import { transportFor } from '../api/build-request.ts';
import { useModels } from '../api/get-models.ts';
import type { NextRequest } from '../api/next-request.ts';
import type { ChatTemplate } from '../api/request-object.ts';
import { pageOrigin } from '../store/connection-slice.ts';
import { useStore } from '../store/store.ts';
import { useModelsTarget } from '../store/use-models-target.ts';
import { draftRequest } from './draft-request.ts';

export function useChatTemplate(): ChatTemplate | undefined {
  const models = useModels(useModelsTarget());
  const model = useStore((s) => s.draft.model);
  return models.data?.find((m) => m.name === model)?.chatTemplate ?? models.data?.[0]?.chatTemplate;
}

export function useNextRequest(chatTemplate: ChatTemplate | undefined): NextRequest {
  const draft = useStore((s) => s.draft);
  const target = useStore((s) => s.target);
  const customBaseUrl = useStore((s) => s.customBaseUrl);
  const keys = useStore((s) => s.keys);
  return useMemo(() => {
    void [draft, target, customBaseUrl, keys];
    try {
      const request = draftRequest(useStore.getState(), chatTemplate);
      return { request, transportUrl: transportFor(request, keys.local, pageOrigin()).url };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, [draft, target, customBaseUrl, keys, chatTemplate]);
}
