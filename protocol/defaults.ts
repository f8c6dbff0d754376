// Defaults the server applies when a field is left out, shared with the browser (which shows them) and the snippet
// generator (which must know what an omitted field means).
import type { SamplingMethodName } from './sampling.ts';

export const DEFAULT_TEMPERATURE = 0.7;

/** max_tokens when it is left out: OpenAI routes and /generate (the contract's RunRequest default) differ. */
export const DEFAULT_MAX_TOKENS = { openai: 100, generate: 50, sampling: 128 } as const;

/** sampling_method on /generate when it is left out (the contract's default). */
export const DEFAULT_GENERATE_METHOD: SamplingMethodName = 'top-k';

/**
 * What each `sampling_method` fills in. Explicitly sent fields override these defaults and also apply on top
 * (`top-k` with `top_p: 0.8` uses both filters); `greedy` takes the argmax.
 */
export const METHOD_DEFAULTS = {
  'top-k': { top_k: 50 },
  'top-p': { top_p: 0.9 },
  'min-p': { min_p: 0.05 },
  typical: { typical_p: 0.9 },
} as const satisfies Record<Exclude<SamplingMethodName, 'greedy'>, Record<string, number>>;

/** /sampling/generate: the method when a constraint is given and none is named, and the one used otherwise. */
export const GUIDED_METHOD = 'guided-generation';
export const DEFAULT_SAMPLING_METHOD: SamplingMethodName = 'top-p';
/** Methods only the hosted runtime has: the local runtime falls back to this one and says so. */
export const FALLBACK_METHOD: SamplingMethodName = 'top-p';
export const HOSTED_ONLY_METHODS = [
  'ads',
  'constrained-beam-search',
  'speculative-decoding',
  'ssd',
  'ensemble-sampling',
] as const;
