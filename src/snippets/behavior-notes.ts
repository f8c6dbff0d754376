// What a request says about SAE behaviors, and the notes that tell the user where their readings come back:
// /sae/generate's frames or result, and the /v1 routes' `axionic` field (on a stream, behavior_names only report:
// an OpenAI client cannot take back text it has received, so drift is not corrected there).
import type { RequestObject } from '../api/request-object.ts';
import type { JsonObject } from './policy-shape.ts';
import { streamsResponse } from './request-parts.ts';

const BEHAVIOR_FIELDS = ['behavior_names', 'force_steering'] as const;

/** The body's behavior fields that name at least one behavior. */
export function namedBehaviorFields(body: Readonly<JsonObject>): string[] {
  return BEHAVIOR_FIELDS.filter((k) => {
    const v = body[k];
    return Array.isArray(v) && v.length > 0;
  });
}

/** Where /sae/generate's answer holds the text and the scores. */
export function saeAnswerNote(req: RequestObject): string {
  return streamsResponse(req)
    ? "Each token frame holds its text and behaviors {name: {score, drift}}; a correction frame cuts the text at its index (the next attempt goes on from there); the complete frame's result.text is the final text."
    : "The answer is the complete frame's result: text, attempts, corrected, and a summary per behavior.";
}

/** The note for a /v1 request naming behaviors: where the readings are, and that a stream does not correct. */
export function openAiBehaviorsNote(body: Readonly<JsonObject>): string | undefined {
  if (!namedBehaviorFields(body).length) return undefined;
  if (body.stream === true)
    return "Each chunk's axionic.tokens holds the per-token scores and the last one's axionic.behaviors the summary; on a stream drift is reported, not corrected.";
  return "The answer's axionic.behaviors summarises each behavior (max score, drift, correction).";
}
