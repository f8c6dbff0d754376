// The one place request fields become an engine job, and the one usage/finish helper, shared by every route.
import { DEFAULT_TEMPERATURE, METHOD_DEFAULTS } from '../protocol/defaults.ts';
import type { FinishReason, Usage } from '../protocol/openai-common.ts';
import type { SamplingMethodName } from '../protocol/sampling.ts';
import { ApiError } from './errors.ts';
import type { GenerationJob, SamplingSpec } from './worker/job.ts';

export interface SamplingFields {
  sampling_method?: SamplingMethodName | null;
  temperature?: number | null;
  top_k?: number | null;
  top_p?: number | null;
  min_p?: number | null;
  typical_p?: number | null;
  repetition_penalty?: number | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  logit_bias?: Record<string, number> | null;
}

/**
 * `sampling_method` picks a filter and fills in that filter's default (protocol/defaults.ts); `greedy` takes the
 * argmax. Every explicitly sent field applies on top and overrides the method's default (so `top-k` with
 * `top_p: 0.8` uses both filters). Without `sampling_method`, only the explicit fields apply. temperature defaults
 * to 0.7; temperature 0 is greedy.
 */
export function samplingSpec(f: SamplingFields, vocabSize: number): SamplingSpec {
  const method = f.sampling_method ?? undefined;
  const d: Partial<Record<'top_k' | 'top_p' | 'min_p' | 'typical_p', number>> =
    method && method !== 'greedy' ? METHOD_DEFAULTS[method] : {};
  let logitBias: [number, number][] | undefined;
  if (f.logit_bias) {
    logitBias = [];
    for (const [k, v] of Object.entries(f.logit_bias)) {
      const id = Number(k);
      if (id >= vocabSize) {
        throw new ApiError(
          400,
          'invalid_request_error',
          `logit_bias: token id ${k} is outside the vocabulary (0..${vocabSize - 1})`,
          { code: 'invalid_value', param: 'logit_bias' },
        );
      }
      logitBias.push([id, v]);
    }
  }
  return {
    method: method === 'greedy' ? 'greedy' : 'sample',
    temperature: f.temperature ?? DEFAULT_TEMPERATURE,
    topK: f.top_k ?? d.top_k,
    topP: f.top_p ?? d.top_p,
    minP: f.min_p ?? d.min_p,
    typicalP: f.typical_p ?? d.typical_p,
    repetitionPenalty: f.repetition_penalty ?? undefined,
    presencePenalty: f.presence_penalty ?? undefined,
    frequencyPenalty: f.frequency_penalty ?? undefined,
    logitBias,
  };
}

export interface JobFields extends SamplingFields {
  max_tokens?: number | null;
  seed?: number | null;
  stop?: string | string[] | null;
  n?: number | null;
}

export const stopList = (stop: string | string[] | null | undefined): string[] =>
  stop == null ? [] : Array.isArray(stop) ? stop : [stop];

/** A job from a route's fields: its prompts, its default max_tokens, and what the route adds. */
export function buildJob(
  f: JobFields,
  o: {
    prompts: readonly string[];
    defaultMaxTokens: number;
    vocabSize: number;
    extraStop?: readonly string[];
    topLogprobs?: number;
    promptLogprobs?: number;
  },
): GenerationJob {
  return {
    prompts: o.prompts,
    n: f.n ?? 1,
    maxTokens: f.max_tokens ?? o.defaultMaxTokens,
    sampling: samplingSpec(f, o.vocabSize),
    seed: f.seed ?? undefined,
    stop: [...stopList(f.stop), ...(o.extraStop ?? [])],
    topLogprobs: o.topLogprobs,
    promptLogprobs: o.promptLogprobs,
  };
}

export function usageOf(promptTokens: number, completionTokens: number): Usage {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

/** The API's finish reason of an engine result ('abort' never reaches a client). */
export const finishOf = (r: { finishReason: string }): FinishReason => (r.finishReason === 'stop' ? 'stop' : 'length');
