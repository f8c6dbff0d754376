// POST /v1/completions: one prompt in; OpenAI legacy completion chunks (or one answer) out.
import { completionChunkSchema, completionSchema } from '../../../protocol/completions.ts';
import { MAX_LEGACY_LOGPROBS } from '../../../protocol/limits.ts';
import { route } from '../../../protocol/routes.ts';
import { behaviorBodyFields } from '../behaviors.ts';
import { steeringBodyFields } from '../steering.ts';
import { completionChoiceTokens, decodeOpenAiAnswer, decodeOpenAiFrame } from './openai-decode.ts';
import { guidedFields } from './openai-guided-body.ts';
import { samplingBody } from './sampling-body.ts';
import type { BrowserRoute } from './types.ts';

export const completionRoute: BrowserRoute = {
  key: 'completion',
  routeId: 'v1.completions',
  label: 'Completion',
  hint: 'Plain text the model continues (/v1/completions).',
  input: 'prompt',
  alternatives: true,
  body(spec) {
    const guided = guidedFields(spec);
    if (guided) return { model: spec.model, prompt: spec.prompt, ...guided };
    const body: Record<string, unknown> = { model: spec.model, prompt: spec.prompt, ...samplingBody(spec.params) };
    // the legacy field takes at most 5 alternatives
    if (spec.topLogprobs > 0) body.logprobs = Math.min(MAX_LEGACY_LOGPROBS, spec.topLogprobs);
    Object.assign(body, steeringBodyFields(spec.steering), behaviorBodyFields(spec.behaviors));
    body.stream = spec.stream;
    return body;
  },
  decodeFrame: (data) => decodeOpenAiFrame(data, completionChunkSchema, completionChoiceTokens),
  decodeJson: (data) => decodeOpenAiAnswer(data, completionSchema, completionChoiceTokens),
  requestSchema: route('v1.completions').request,
};
