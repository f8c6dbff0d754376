// The request the inspector and snippets show: the last run's, or what Run would send now.
import { useMemo } from 'react';
import { buildRequest, transportFor } from '../api/build-request.ts';
import { useModels } from '../api/get-models.ts';
import type { RequestObject } from '../api/request-object.ts';
import { pageOrigin } from '../store/connection-slice.ts';
import { useStore } from '../store/store.ts';
import { currentSpec } from './run-controller.ts';
import { useModelsTarget } from './use-models-target.ts';

export interface CurrentRequest {
  request?: RequestObject;
  transportUrl?: string;
  error?: string;
  fromRun: boolean;
}

export function useChatTemplate() {
  const models = useModels(useModelsTarget());
  const model = useStore((s) => s.draft.model);
  return models.data?.find((m) => m.name === model)?.chatTemplate ?? models.data?.[0]?.chatTemplate;
}

export function useNextRequest(): CurrentRequest {
  const draft = useStore((s) => s.draft);
  const target = useStore((s) => s.target);
  const customBaseUrl = useStore((s) => s.customBaseUrl);
  const keys = useStore((s) => s.keys);
  const chatTemplate = useChatTemplate();
  return useMemo(() => {
    void [draft, target, customBaseUrl, keys];
    try {
      const req = buildRequest(currentSpec(chatTemplate));
      // the composer's pending text is part of what Run will send
      const d = useStore.getState().draft;
      const body =
        d.mode === 'chat' && d.composer.trim() && d.rawBody === undefined && Array.isArray(req.body?.messages)
          ? { ...req.body, messages: [...(req.body.messages as unknown[]), { role: 'user', content: d.composer }] }
          : req.body;
      const request = { ...req, body };
      return { request, transportUrl: transportFor(request, keys.local, pageOrigin()).url, fromRun: false };
    } catch (e) {
      return { error: (e as Error).message, fromRun: false };
    }
  }, [draft, target, customBaseUrl, keys, chatTemplate]);
}
