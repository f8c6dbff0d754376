// GET /models (Axionic HostedModel[]) or, failing that, GET /v1/models (OpenAI list), for the current target.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiErrorFrom, networkError } from './api-error.ts';
import type { ChatTemplate, TargetKind } from './request-object.ts';

export interface ModelInfo {
  id: string;
  name: string;
  description?: string;
  contextLength?: number;
  chatTemplate?: ChatTemplate;
  capabilities: Record<string, boolean>;
  isDefault?: boolean;
}

export interface ModelsTarget {
  target: TargetKind;
  baseUrl: string;
  apiKey: string;
  localKey: string;
  origin: string;
}

function transport(t: ModelsTarget, path: string): { url: string; headers: Record<string, string> } {
  const headers: Record<string, string> = t.apiKey ? { 'x-api-key': t.apiKey } : {};
  if (t.target === 'hosted')
    return { url: `${t.origin}/upstream${path}`, headers: { ...headers, 'x-axplay-key': t.localKey } };
  return { url: `${t.baseUrl}${path}`, headers };
}

async function get(t: ModelsTarget, path: string): Promise<Response> {
  const { url, headers } = transport(t, path);
  try {
    return await fetch(url, { headers });
  } catch (e) {
    throw networkError(url, e);
  }
}

export async function getModels(t: ModelsTarget): Promise<ModelInfo[]> {
  const res = await get(t, '/models');
  if (res.ok) {
    const list = (await res.json()) as Record<string, unknown>[];
    return list.map((m) => ({
      id: String(m.id ?? m.name),
      name: String(m.name ?? m.id),
      description: typeof m.description === 'string' ? m.description : undefined,
      contextLength: typeof m.context_length === 'number' ? m.context_length : undefined,
      chatTemplate: (m.chat_template as ChatTemplate | undefined) ?? undefined,
      capabilities: (m.capabilities as Record<string, boolean> | undefined) ?? {
        sae: typeof m.sae_release_id === 'string',
      },
      isDefault: m.is_default === true,
    }));
  }
  if (res.status !== 404) throw await apiErrorFrom(res);
  const v1 = await get(t, '/v1/models');
  if (!v1.ok) throw await apiErrorFrom(v1);
  const body = (await v1.json()) as { data?: { id: string }[] };
  return (body.data ?? []).map((m) => ({ id: m.id, name: m.id, capabilities: {} }));
}

export function getModelsQueryOptions(t: ModelsTarget) {
  return queryOptions({
    queryKey: ['models', t.target, t.baseUrl, t.apiKey.length, t.apiKey.slice(-6)],
    queryFn: () => getModels(t),
    enabled: Boolean(t.apiKey) && (t.target !== 'custom' || /^https?:\/\//.test(t.baseUrl)),
    retry: false,
    staleTime: 60_000,
  });
}

export function useModels(t: ModelsTarget) {
  return useQuery(getModelsQueryOptions(t));
}
