// OpenAI's per-token shapes built from the engine's token records: chat logprobs, legacy completion logprobs,
// and axplay's per-token extras. A streamed chunk may carry several characters (one worker batch), with one
// `logprobs.content` entry per character; when tokens carry side data (constraint state, behavior scores…), the
// chunk lists it in `axionic.tokens` with each token's index, so nothing per token is lost by batching.

import type { SaeSide } from '../engine/sae/monitor.ts';
import type { CompletionLogprobs } from '../protocol/completions.ts';
import type { TokenLogprob } from '../protocol/openai-common.ts';
import { SAE_MONITOR } from './sae/monitoring.ts';
import { wireReadings } from './sae/readings.ts';
import type { PromptTokenLogprob, TokenRecord } from './worker/job.ts';

const bytes = (s: string) => Array.from(new TextEncoder().encode(s));

export function chatLogprob(t: TokenRecord): TokenLogprob {
  return {
    token: t.text,
    logprob: t.logprob,
    bytes: bytes(t.text),
    top_logprobs: (t.top ?? []).map((a) => ({ token: a.text, logprob: a.logprob, bytes: bytes(a.text) })),
  };
}

/** OpenAI's legacy logprobs for prompt tokens (echo) then generated ones, with offsets from `offset0`. */
export function legacyLogprobs(
  prompt: readonly PromptTokenLogprob[],
  tokens: readonly TokenRecord[],
  offset0: number,
): CompletionLogprobs {
  const out = {
    tokens: [] as string[],
    token_logprobs: [] as (number | null)[],
    top_logprobs: [] as (Record<string, number> | null)[],
    text_offset: [] as number[],
  } satisfies CompletionLogprobs;
  let off = offset0;
  for (const p of prompt) {
    out.tokens.push(p.text);
    out.token_logprobs.push(p.logprob);
    out.top_logprobs.push(p.logprob === null ? null : Object.fromEntries(p.top.map((a) => [a.text, a.logprob])));
    out.text_offset.push(off);
    off += p.text.length;
  }
  for (const t of tokens) {
    out.tokens.push(t.text);
    out.token_logprobs.push(t.logprob);
    out.top_logprobs.push(Object.fromEntries((t.top ?? []).map((a) => [a.text, a.logprob])));
    out.text_offset.push(off);
    off += t.text.length;
  }
  return out;
}

/**
 * `axionic.tokens` for a batch: one entry per token that has side data, with its index and attempt. The SAE
 * monitor's readings appear as `behaviors: {name: {score, drift, forced?}}` (`forced` names the forced behaviors).
 */
export function axionicTokens(
  tokens: readonly TokenRecord[],
  forced: ReadonlySet<string> = new Set(),
): { axionic: { tokens: unknown[] } } | undefined {
  const withSide = tokens.filter((t) => t.side);
  if (!withSide.length) return undefined;
  return {
    axionic: {
      tokens: withSide.map((t) => {
        const { [SAE_MONITOR]: sae, ...rest } = t.side ?? {};
        return {
          index: t.index,
          attempt: t.attempt,
          ...rest,
          ...(sae ? { behaviors: wireReadings(sae as SaeSide, forced) } : {}),
        };
      }),
    },
  };
}

export const textOf = (tokens: readonly TokenRecord[]) => tokens.map((t) => t.text).join('');
