// POST /v1/chat/completions: messages in; OpenAI chat chunks (or one answer) out.
import { chatCompletionChunkSchema, chatCompletionSchema } from '../../../protocol/chat.ts';
import { MAX_TOP_LOGPROBS } from '../../../protocol/limits.ts';
import { route } from '../../../protocol/routes.ts';
import { behaviorBodyFields } from '../behaviors.ts';
import { steeringBodyFields } from '../steering.ts';
import { chatChoiceTokens, decodeOpenAiAnswer, decodeOpenAiFrame } from './openai-decode.ts';
import { guidedFields } from './openai-guided-body.ts';
import { samplingBody } from './sampling-body.ts';
import type { BrowserRoute } from './types.ts';

export const chatRoute: BrowserRoute = {
  key: 'chat',
  routeId: 'v1.chat.completions',
  label: 'Chat',
  hint: 'System, user and assistant messages, rendered by the model’s chat template (/v1/chat/completions).',
  input: 'messages',
  alternatives: true,
  body(spec) {
    const head = { model: spec.model, messages: spec.messages.map((m) => ({ role: m.role, content: m.content })) };
    const guided = guidedFields(spec);
    if (guided) return { ...head, ...guided };
    const body: Record<string, unknown> = { ...head, ...samplingBody(spec.params) };
    if (spec.topLogprobs > 0) {
      body.logprobs = true;
      body.top_logprobs = Math.min(MAX_TOP_LOGPROBS, spec.topLogprobs);
    }
    if (spec.continueFinal) body.continue_final_message = true;
    Object.assign(body, steeringBodyFields(spec.steering), behaviorBodyFields(spec.behaviors));
    body.stream = spec.stream;
    return body;
  },
  decodeFrame: (data) => decodeOpenAiFrame(data, chatCompletionChunkSchema, chatChoiceTokens),
  decodeJson: (data) => decodeOpenAiAnswer(data, chatCompletionSchema, chatChoiceTokens),
  requestSchema: route('v1.chat.completions').request,
};
