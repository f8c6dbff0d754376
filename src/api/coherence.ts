// A steered text's coherence: the mean log-probability (nats per character) of the text under the UNSTEERED model,
// given the context it continued. One /v1/completions call with `echo` and `logprobs: 0` scores every character of
// context + text (the one generated token asked for is past the end and ignored). Near the unsteered text's own
// figure the text still reads like the model's prose; far below it, the steering has broken it.
import { completionSchema } from '../../protocol/completions.ts';
import { type ApiTarget, call } from './api-call.ts';
import { ApiError } from './api-error.ts';

export interface CoherenceScore {
  readonly meanLogprob: number;
  /** Characters scored (the text's). */
  readonly chars: number;
}

/** The mean of the echoed token log-probabilities whose characters lie in [from, to) of the echoed text. */
export function meanLogprobIn(
  lp: {
    token_logprobs: readonly (number | null)[];
    text_offset?: readonly number[] | null;
    tokens: readonly string[];
  },
  from: number,
  to: number,
): CoherenceScore | undefined {
  let sum = 0;
  let chars = 0;
  let offset = 0;
  lp.tokens.forEach((tok, i) => {
    // without offsets, the tokens are the echoed text in order
    const at = lp.text_offset?.[i] ?? offset;
    offset = at + tok.length;
    const v = lp.token_logprobs[i];
    if (at < from || at + tok.length > to || v === null || v === undefined) return;
    sum += v;
    chars += tok.length;
  });
  return chars ? { meanLogprob: sum / chars, chars } : undefined;
}

export async function scoreCoherence(
  t: ApiTarget,
  model: string,
  context: string,
  text: string,
  signal?: AbortSignal,
): Promise<CoherenceScore> {
  const body = { model, prompt: context + text, echo: true, logprobs: 0, max_tokens: 1, temperature: 0 };
  const answer = await call(t, 'POST', '/v1/completions', completionSchema, body, signal);
  const lp = answer.choices[0]?.logprobs;
  const score = lp ? meanLogprobIn(lp, context.length, context.length + text.length) : undefined;
  if (!score)
    throw new ApiError(200, 'The server did not score the text (no echoed log-probabilities)', 'bad_response');
  return score;
}
