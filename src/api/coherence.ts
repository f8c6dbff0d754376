// A steered text's coherence: the mean log-probability (nats per character) of the text under the UNSTEERED model,
// given the context it continued. One /v1/completions call with `echo` and `logprobs: 0` scores every character of
// context + text (the one generated token asked for is past the end and ignored). Near the unsteered text's own
// figure the text still reads like the model's prose; far below it, the steering has broken it.
import { completionSchema } from '../../protocol/completions.ts';
import { ApiError, apiErrorFrom, networkError } from './api-error.ts';
import type { ModelsTarget } from './get-models.ts';
import { parseJsonWith } from './routes/parse.ts';

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
  t: ModelsTarget,
  model: string,
  context: string,
  text: string,
  signal?: AbortSignal,
): Promise<CoherenceScore> {
  const path = '/v1/completions';
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'x-api-key': t.apiKey };
  const hosted = t.target === 'hosted';
  if (hosted) headers['x-axplay-key'] = t.localKey;
  const url = hosted ? `${t.origin}/upstream${path}` : `${t.baseUrl}${path}`;
  const body = { model, prompt: context + text, echo: true, logprobs: 0, max_tokens: 1, temperature: 0 };
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw networkError(url, e);
  }
  if (!res.ok) throw await apiErrorFrom(res);
  const r = parseJsonWith(completionSchema, await res.text());
  if (!r.ok) throw new ApiError(res.status, `The scoring answer could not be read: ${r.problem}`, 'bad_response');
  const lp = r.value.choices[0]?.logprobs;
  const score = lp ? meanLogprobIn(lp, context.length, context.length + text.length) : undefined;
  if (!score)
    throw new ApiError(res.status, 'The server did not score the text (no echoed log-probabilities)', 'bad_response');
  return score;
}
