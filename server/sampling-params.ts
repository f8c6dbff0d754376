// From request fields to the engine's sampling parameters.
//
// The rule: `sampling_method` picks a filter and fills in that filter's default (top-k: top_k 50; top-p: top_p 0.9;
// min-p: min_p 0.05; typical: typical_p 0.9); `greedy` takes the argmax. Every explicitly sent field applies on
// top of that and overrides the method's default (so `top-k` with `top_p: 0.8` uses both filters). Without
// `sampling_method`, only the explicit fields apply. temperature defaults to 0.7; temperature 0 is greedy.
// The defaults live in protocol/defaults.ts (the browser and the snippets read them too).
import type { SamplingParams } from '../engine/sampler.ts';
import { DEFAULT_TEMPERATURE, METHOD_DEFAULTS } from '../protocol/defaults.ts';
import type { SamplingMethodName } from '../protocol/sampling.ts';

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

export function toSamplingParams(f: SamplingFields, vocabSize: number): SamplingParams {
  const method = f.sampling_method ?? undefined;
  const d: Partial<Record<'top_k' | 'top_p' | 'min_p' | 'typical_p', number>> =
    method && method !== 'greedy' ? METHOD_DEFAULTS[method] : {};
  let logitBias: Map<number, number> | undefined;
  if (f.logit_bias) {
    logitBias = new Map();
    for (const [k, v] of Object.entries(f.logit_bias)) {
      const id = Number(k);
      if (id >= vocabSize)
        throw new RangeError(`logit_bias: token id ${k} is outside the vocabulary (0..${vocabSize - 1})`);
      logitBias.set(id, v);
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
