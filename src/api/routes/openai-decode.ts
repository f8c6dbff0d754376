// Decoding OpenAI answers and stream chunks (both chat's and legacy completions' shapes) into run events, with
// the protocol's schemas. Only choice 0 is shown.
import type { z } from 'zod';
import type { chatCompletionChunkSchema, chatCompletionSchema } from '../../../protocol/chat.ts';
import type { completionLogprobsSchema, completionSchema } from '../../../protocol/completions.ts';
import { streamErrorChunkSchema, type tokenLogprobSchema } from '../../../protocol/openai-common.ts';
import { ApiError } from '../api-error.ts';
import type { TokenInfo } from '../run-events.ts';
import { openAiSae } from './openai-sae.ts';
import { parseJsonWith } from './parse.ts';
import type { Decoded } from './types.ts';

type ChatTokenLogprob = z.infer<typeof tokenLogprobSchema>;
type LegacyLogprobs = z.infer<typeof completionLogprobsSchema>;

export function chatTokens(content: readonly ChatTokenLogprob[]): TokenInfo[] {
  return content.map((t) => ({
    text: t.token,
    logprob: t.logprob,
    top: t.top_logprobs.map((a) => ({ token: a.token, logprob: a.logprob })),
  }));
}

export function legacyTokens(lp: LegacyLogprobs): TokenInfo[] {
  return lp.tokens.map((text, i) => ({
    text,
    logprob: lp.token_logprobs[i] ?? undefined,
    top: Object.entries(lp.top_logprobs?.[i] ?? {})
      .map(([token, logprob]) => ({ token, logprob }))
      .sort((a, b) => b.logprob - a.logprob),
  }));
}

const textTokens = (text: string | null | undefined): TokenInfo[] => (text ? [{ text }] : []);

type ChatChoice = z.infer<typeof chatCompletionChunkSchema>['choices'][number];
type ChatAnswerChoice = z.infer<typeof chatCompletionSchema>['choices'][number];
type CompletionChoice = z.infer<typeof completionSchema>['choices'][number];

export function chatChoiceTokens(c: ChatChoice | ChatAnswerChoice): TokenInfo[] {
  if (c.logprobs?.content) return chatTokens(c.logprobs.content);
  return textTokens('delta' in c ? c.delta.content : c.message.content);
}

export function completionChoiceTokens(c: CompletionChoice): TokenInfo[] {
  return c.logprobs ? legacyTokens(c.logprobs) : textTokens(c.text);
}

/** A /v1 stream frame: `[DONE]`, an error chunk, or a chunk of the route's shape. */
export function decodeOpenAiFrame<S extends z.ZodType<{ choices: { index: number }[]; usage?: unknown }>>(
  data: string,
  chunkSchema: S,
  tokensOf: (choice: z.infer<S>['choices'][number]) => TokenInfo[],
): Decoded {
  if (data === '[DONE]') return { tokens: [], end: true };
  const err = parseJsonWith(streamErrorChunkSchema, data);
  if (err.ok) {
    const e = err.value.error;
    return { tokens: [], error: new ApiError(500, e.message, e.code ?? undefined, e.param ?? undefined) };
  }
  const chunk = parseJsonWith(chunkSchema, data);
  if (!chunk.ok) return { tokens: [], problem: chunk.problem };
  const choice = chunk.value.choices.find((c) => c.index === 0);
  const usage = (chunk.value as { usage?: Decoded['usage'] | null }).usage ?? undefined;
  const finish = (choice as { finish_reason?: string | null } | undefined)?.finish_reason ?? undefined;
  const { tokens, sae } = openAiSae((chunk.value as { axionic?: unknown }).axionic, choice ? tokensOf(choice) : []);
  return { tokens, finish, usage, ...(sae ? { sae } : {}) };
}

/** A whole /v1 JSON answer. */
export function decodeOpenAiAnswer<S extends z.ZodType<{ choices: { index: number }[]; usage?: unknown }>>(
  data: string,
  schema: S,
  tokensOf: (choice: z.infer<S>['choices'][number]) => TokenInfo[],
): Decoded {
  const d = decodeOpenAiFrame(data, schema, tokensOf);
  return d.problem ? d : { ...d, finish: d.finish ?? 'stop', end: true };
}
