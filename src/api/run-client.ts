// Sends the one request object and reports what comes back as a small vocabulary of run events — deltas of text
// (with per-token logprobs when asked for), the finish, usage — plus every raw frame with its arrival time.
import { ApiError, apiErrorFrom, networkError } from './api-error.ts';
import { type Transport, transportFor } from './build-request.ts';
import type { RequestObject } from './request-object.ts';
import { readSse } from './sse.ts';

export interface TokenInfo {
  readonly text: string;
  readonly logprob?: number;
  readonly top?: readonly { token: string; logprob: number }[];
}

export interface Usage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

export type RunEvent =
  | { readonly type: 'frame'; readonly data: string; readonly at: number }
  | { readonly type: 'delta'; readonly tokens: readonly TokenInfo[]; readonly at: number }
  | { readonly type: 'finish'; readonly reason: string; readonly usage?: Usage };

interface ChunkChoice {
  delta?: { content?: string };
  text?: string;
  finish_reason?: string | null;
  logprobs?: {
    content?: { token: string; logprob: number; top_logprobs?: { token: string; logprob: number }[] }[];
    tokens?: string[];
    token_logprobs?: (number | null)[];
    top_logprobs?: (Record<string, number> | null)[];
  } | null;
  message?: { content?: string };
}

interface Chunk {
  choices?: ChunkChoice[];
  usage?: Usage | null;
  error?: { message?: string; code?: string };
}

/** Per-token data of one choice, in either the chat or the legacy completions shape. */
export function tokensOf(choice: ChunkChoice): TokenInfo[] {
  const lp = choice.logprobs;
  if (lp?.content) return lp.content.map((t) => ({ text: t.token, logprob: t.logprob, top: t.top_logprobs ?? [] }));
  if (lp?.tokens) {
    return lp.tokens.map((text, i) => ({
      text,
      logprob: lp.token_logprobs?.[i] ?? undefined,
      top: Object.entries(lp.top_logprobs?.[i] ?? {})
        .map(([token, logprob]) => ({ token, logprob }))
        .sort((a, b) => b.logprob - a.logprob),
    }));
  }
  const text = choice.delta?.content ?? choice.text ?? choice.message?.content ?? '';
  return text ? [{ text }] : [];
}

export async function runRequest(
  req: RequestObject,
  opts: {
    localKey: string;
    origin: string;
    signal: AbortSignal;
    onEvent: (e: RunEvent) => void;
    transport?: Transport;
  },
): Promise<void> {
  const t = opts.transport ?? transportFor(req, opts.localKey, opts.origin);
  let res: Response;
  try {
    res = await fetch(t.url, {
      method: req.method,
      headers: t.headers,
      body: req.body ? JSON.stringify(req.body) : undefined,
      signal: opts.signal,
    });
  } catch (e) {
    if (opts.signal.aborted) return;
    throw networkError(t.url, e);
  }
  if (!res.ok) throw await apiErrorFrom(res);
  const isStream = (res.headers.get('content-type') ?? '').includes('text/event-stream');
  if (!isStream || !res.body) {
    const text = await res.text();
    opts.onEvent({ type: 'frame', data: text, at: performance.now() });
    const body = JSON.parse(text) as Chunk;
    const choice = body.choices?.[0];
    if (choice) opts.onEvent({ type: 'delta', tokens: tokensOf(choice), at: performance.now() });
    opts.onEvent({ type: 'finish', reason: choice?.finish_reason ?? 'stop', usage: body.usage ?? undefined });
    return;
  }
  let finish: string | undefined;
  let usage: Usage | undefined;
  for await (const ev of readSse(res.body, opts.signal)) {
    opts.onEvent({ type: 'frame', data: ev.data, at: ev.receivedAt });
    if (ev.data === '[DONE]') break;
    let chunk: Chunk;
    try {
      chunk = JSON.parse(ev.data) as Chunk;
    } catch {
      continue;
    }
    if (chunk.error) throw new ApiError(500, chunk.error.message ?? 'The stream reported an error', chunk.error.code);
    const choice = chunk.choices?.[0];
    if (choice) {
      const tokens = tokensOf(choice);
      if (tokens.length) opts.onEvent({ type: 'delta', tokens, at: ev.receivedAt });
      if (choice.finish_reason) finish = choice.finish_reason;
    }
    if (chunk.usage) usage = chunk.usage;
  }
  if (!opts.signal.aborted) opts.onEvent({ type: 'finish', reason: finish ?? 'stop', usage });
}
