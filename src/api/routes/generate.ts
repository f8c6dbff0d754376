// POST /generate (mechanex's simple path): one prompt in; native status frames (started → token… → complete or
// error) out, or with streaming off the complete frame's result as JSON (asked for with Accept).
import { generateFrameSchema, generateResultSchema } from '../../../protocol/generate.ts';
import { route } from '../../../protocol/routes.ts';
import { steeringBodyFields } from '../steering.ts';
import { decodeNativeFrame } from './native-decode.ts';
import { parseJsonWith } from './parse.ts';
import { samplingBody } from './sampling-body.ts';
import type { BrowserRoute, Decoded } from './types.ts';

export const generateRoute: BrowserRoute = {
  key: 'generate',
  routeId: 'generate',
  label: 'Generate',
  hint: 'Axionic’s native route (mechanex’s generate): status frames over SSE (/generate).',
  input: 'prompt',
  alternatives: false,
  body: (spec) => ({
    model: spec.model,
    prompt: spec.prompt,
    ...samplingBody(spec.params),
    ...steeringBodyFields(spec.steering),
  }),
  headers: (spec): Record<string, string> => (spec.stream ? {} : { Accept: 'application/json' }),
  decodeFrame(data): Decoded {
    const f = parseJsonWith(generateFrameSchema, data);
    if (!f.ok) return { tokens: [], problem: f.problem };
    return decodeNativeFrame(f.value);
  },
  decodeJson(data): Decoded {
    const r = parseJsonWith(generateResultSchema, data);
    if (!r.ok) return { tokens: [], problem: r.problem };
    return {
      tokens: r.value.output ? [{ text: r.value.output }] : [],
      finish: r.value.finish_reason ?? 'stop',
      usage: r.value.usage,
      end: true,
    };
  },
  requestSchema: route('generate').request,
};
