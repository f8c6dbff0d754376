// GET /models (Axionic HostedModel[]) or, failing that, GET /v1/models (OpenAI list), for the current target.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { hostedModelListSchema, openaiModelListSchema } from '../../protocol/models.ts';
import { ApiError, apiErrorFrom, networkError } from './api-error.ts';
import type { ChatTemplate, TargetKind } from './request-object.ts';
import { parseJsonWith } from './routes/parse.ts';

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

async function readAs<S extends z.ZodType>(res: Response, schema: S, what: string): Promise<z.infer<S>> {
  const r = parseJsonWith(schema, await res.text());
  if (!r.ok) throw new ApiError(res.status, `The server's ${what} could not be read: ${r.problem}`, 'bad_response');
  return r.value;
}

export async function getModels(t: ModelsTarget): Promise<ModelInfo[]> {
  const res = await get(t, '/models');
  if (res.ok) {
    const list = await readAs(res, hostedModelListSchema, 'model list (GET /models)');
    return list.map((m) => ({
      id: m.id,
      name: m.name,
      description: m.description ?? undefined,
      contextLength: m.context_length,
      chatTemplate: m.chat_template,
      capabilities: m.capabilities ?? { sae: typeof m.sae_release_id === 'string' },
      isDefault: m.is_default === true,
    }));
  }
  if (res.status !== 404) throw await apiErrorFrom(res);
  const v1 = await get(t, '/v1/models');
  if (!v1.ok) throw await apiErrorFrom(v1);
  const body = await readAs(v1, openaiModelListSchema, 'model list (GET /v1/models)');
  return body.data.map((m) => ({ id: m.id, name: m.id, capabilities: {} }));
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
