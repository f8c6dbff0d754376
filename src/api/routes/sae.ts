// POST /sae/generate (SAE-monitored generation): one prompt and the behaviors in; status frames out — started (the
// behaviors, their mode and threshold) → token frames with each token's reading → correction frames where drift
// cut the text → complete (result.text and a per-behavior summary) or error. With streaming off the complete
// frame's result comes as JSON (asked for with Accept); it has no per-token readings.
import { route } from '../../../protocol/routes.ts';
import { saeGenerateFrameSchema, saeResultSchema } from '../../../protocol/sae.ts';
import { behaviorBodyFields, TOP_K_FEATURES } from '../behaviors.ts';
import type { RunSpec } from '../run-spec.ts';
import type { SaeEvent } from '../sae-readings.ts';
import { decodeNativeFrame } from './native-decode.ts';
import { parseJsonWith } from './parse.ts';
import type { BrowserRoute, Decoded } from './types.ts';

function saeBody(spec: RunSpec): Record<string, unknown> {
  const p = spec.params;
  const body: Record<string, unknown> = {
    model: spec.model,
    prompt: spec.prompt,
    max_new_tokens: p.max_tokens,
    ...behaviorBodyFields(spec.behaviors),
    temperature: p.temperature,
  };
  if (p.top_p !== undefined) body.top_p = p.top_p;
  if (p.top_k !== undefined) body.top_k = p.top_k;
  if (p.seed !== undefined) body.seed = p.seed;
  if (p.sampling_method !== undefined) body.sampling_method = p.sampling_method;
  if (spec.behaviors?.features && spec.stream) {
    body.include_activations = true;
    body.top_k_features = TOP_K_FEATURES;
  }
  return body;
}

const summaryOf = (r: {
  text: string;
  behaviors: SaeEventSummary['behaviors'];
  corrected: boolean;
  attempts: number;
}): SaeEventSummary => ({
  kind: 'summary',
  behaviors: r.behaviors,
  corrected: r.corrected,
  attempts: r.attempts,
  text: r.text,
});
type SaeEventSummary = Extract<SaeEvent, { kind: 'summary' }>;

export const saeRoute: BrowserRoute = {
  key: 'sae',
  routeId: 'sae.generate',
  label: 'SAE-monitored generation',
  hint: 'The prompt with behaviors monitored (or forced) by the SAE: per-token scores, drift corrected (/sae/generate).',
  input: 'prompt',
  alternatives: false,
  body: saeBody,
  headers: (spec): Record<string, string> => (spec.stream ? {} : { Accept: 'application/json' }),
  decodeFrame(data): Decoded {
    const f = parseJsonWith(saeGenerateFrameSchema, data);
    if (!f.ok) return { tokens: [], problem: f.problem };
    const v = f.value;
    switch (v.status) {
      case 'started':
        return {
          tokens: [],
          sae: [
            {
              kind: 'started',
              hook: v.hook,
              behaviors: v.behaviors.map((b) => ({
                name: b.name,
                mode: b.mode,
                threshold: b.threshold,
                steeringVectorId: b.steering_vector_id,
              })),
            },
          ],
        };
      case 'token':
        return {
          tokens: [
            {
              text: v.text,
              sae: {
                index: v.index,
                attempt: v.attempt,
                behaviors: v.behaviors,
                ...(v.features
                  ? { features: v.features.map((x) => ({ index: x.index, value: x.value, label: x.label })) }
                  : {}),
              },
            },
          ],
        };
      case 'correction':
        return { tokens: [], sae: [{ kind: 'correction', correction: v }] };
      case 'complete':
        return { ...decodeNativeFrame(v), sae: [summaryOf(v.result)] };
      default:
        return decodeNativeFrame(v);
    }
  },
  decodeJson(data): Decoded {
    const r = parseJsonWith(saeResultSchema, data);
    if (!r.ok) return { tokens: [], problem: r.problem };
    return {
      tokens: r.value.text ? [{ text: r.value.text }] : [],
      finish: r.value.finish_reason ?? 'stop',
      usage: r.value.usage,
      end: true,
      sae: [summaryOf(r.value)],
    };
  },
  requestSchema: route('sae.generate').request,
};
