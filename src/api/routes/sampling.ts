// POST /sampling/generate (direct guided generation): one prompt and one constraint in — a chat's messages are
// rendered with the model's chat template first — and, streamed with the extension, the native status frames
// (started → token… → complete with the answer's JSON, or error) out; unstreamed, that JSON.
import { renderChat } from '../../../protocol/chat-template.ts';
import { route } from '../../../protocol/routes.ts';
import { samplingFrameSchema, samplingResponseSchema } from '../../../protocol/sampling-generate.ts';
import { CONSTRAINT_FIELD, constraintValue, GUIDED_METHOD } from '../guide.ts';
import type { RunSpec } from '../run-spec.ts';
import { steeringBodyFields } from '../steering.ts';
import { decodeNativeFrame } from './native-decode.ts';
import { parseJsonWith } from './parse.ts';
import type { BrowserRoute, Decoded } from './types.ts';

/** The prompt the model continues: the prompt itself, or the messages through the chat template. */
export function samplingPrompt(spec: RunSpec): string {
  return spec.mode === 'chat' ? renderChat(spec.messages, spec.chatTemplate) : spec.prompt;
}

function samplingBody(spec: RunSpec): Record<string, unknown> {
  const p = spec.params;
  const params: Record<string, unknown> = { temperature: p.temperature };
  if (p.top_p !== undefined) params.top_p = p.top_p;
  if (p.top_k !== undefined) params.top_k = p.top_k;
  if (p.seed !== undefined) params.seed = p.seed;
  if (p.stop.length) params.stop = [...p.stop];
  const body: Record<string, unknown> = {
    model: spec.model,
    prompt: samplingPrompt(spec),
    method: GUIDED_METHOD,
    max_new_tokens: p.max_tokens,
    params,
  };
  const g = spec.guide;
  if (g && g.kind !== 'policy') body[CONSTRAINT_FIELD[g.kind]] = constraintValue(g);
  Object.assign(body, steeringBodyFields(spec.steering));
  body.stream = spec.stream;
  return body;
}

export const samplingRoute: BrowserRoute = {
  key: 'sampling',
  routeId: 'sampling.generate',
  label: 'Direct guided generation',
  hint: 'One constraint (JSON Schema, regex or grammar) on the rendered prompt (/sampling/generate).',
  input: 'prompt',
  alternatives: false,
  body: samplingBody,
  decodeFrame(data): Decoded {
    const f = parseJsonWith(samplingFrameSchema, data);
    if (!f.ok) return { tokens: [], problem: f.problem };
    return decodeNativeFrame(f.value);
  },
  decodeJson(data): Decoded {
    const r = parseJsonWith(samplingResponseSchema, data);
    if (!r.ok) return { tokens: [], problem: r.problem };
    return {
      tokens: r.value.output ? [{ text: r.value.output }] : [],
      finish: r.value.finish_reason ?? 'stop',
      usage: r.value.usage,
      end: true,
    };
  },
  requestSchema: route('sampling.generate').request,
};
