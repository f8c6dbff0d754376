// POST /v1/chat/completions: the chat is rendered with the documented template (chat-template.ts) and completed
// by the local model; streamed as OpenAI chunks ending with [DONE] (usage in the last chunk), or answered whole.

import { randomUUID } from 'node:crypto';
import type { GeneratedToken } from '../../engine/generate.ts';
import type { ChatCompletion, ChatCompletionChunk } from '../../protocol/chat.ts';
import { CHAT_TEMPLATE, renderChat } from '../../protocol/chat-template.ts';
import { DEFAULT_MAX_TOKENS } from '../../protocol/defaults.ts';
import type { TokenLogprob } from '../../protocol/openai-common.ts';
import type { ServerDeps } from '../context.ts';
import type { GenerationJob } from '../engine-worker.ts';
import { generationRouteError, openaiStream } from '../openai-stream.ts';
import type { Handlers } from '../register-routes.ts';
import { assertCapacity, startJob, stopList } from '../run-job.ts';
import { toSamplingParams } from '../sampling-params.ts';
import { resolveModel } from './models.ts';

const FINGERPRINT = 'axplay-local';

function tokenLogprob(t: GeneratedToken): TokenLogprob {
  const bytes = (s: string) => Array.from(new TextEncoder().encode(s));
  return {
    token: t.text,
    logprob: t.logprob,
    bytes: bytes(t.text),
    top_logprobs: (t.top ?? []).map((a) => ({ token: a.text, logprob: a.logprob, bytes: bytes(a.text) })),
  };
}

export function chatHandlers(deps: ServerDeps): Pick<Handlers, 'v1.chat.completions'> {
  return {
    'v1.chat.completions': async (c, body) => {
      try {
        const model = resolveModel(deps, body.model, c.get('apiKey'));
        const sampling = toSamplingParams(body, deps.model.vocabSize);
        const n = body.n ?? 1;
        const wantLogprobs = body.logprobs === true;
        const job = (i: number): GenerationJob => ({
          prompt: renderChat(body.messages),
          maxTokens: body.max_tokens ?? DEFAULT_MAX_TOKENS.openai,
          sampling,
          seed: body.seed == null ? undefined : body.seed + i,
          stop: [...stopList(body.stop), ...CHAT_TEMPLATE.stop],
          topLogprobs: wantLogprobs ? (body.top_logprobs ?? 0) : undefined,
        });
        const id = `chatcmpl-${randomUUID()}`;
        const created = Math.floor(Date.now() / 1000);
        const signal = c.req.raw.signal;

        if (!body.stream) {
          const choices: ChatCompletion['choices'] = [];
          let promptTokens = 0;
          let completionTokens = 0;
          for (let i = 0; i < n; i++) {
            const tokens: GeneratedToken[] = [];
            const r = await startJob(deps, job(i), signal, (t) => tokens.push(t));
            promptTokens = r.promptTokens;
            completionTokens += r.completionTokens;
            choices.push({
              index: i,
              message: { role: 'assistant', content: r.text },
              finish_reason: r.finishReason === 'stop' ? 'stop' : 'length',
              logprobs: wantLogprobs ? { content: tokens.map(tokenLogprob) } : null,
            });
          }
          const res: ChatCompletion = {
            id,
            object: 'chat.completion',
            created,
            model,
            system_fingerprint: FINGERPRINT,
            choices,
            usage: {
              prompt_tokens: promptTokens,
              completion_tokens: completionTokens,
              total_tokens: promptTokens + completionTokens,
            },
          };
          return c.json(res);
        }

        assertCapacity(deps);
        const base = { id, object: 'chat.completion.chunk' as const, created, model, system_fingerprint: FINGERPRINT };
        return openaiStream(signal, async (s) => {
          let promptTokens = 0;
          let completionTokens = 0;
          for (let i = 0; i < n; i++) {
            s.send({
              ...base,
              choices: [{ index: i, delta: { role: 'assistant', content: '' }, finish_reason: null }],
            } satisfies ChatCompletionChunk);
            const r = await startJob(deps, job(i), s.signal, (t) =>
              s.send({
                ...base,
                choices: [
                  {
                    index: i,
                    delta: { content: t.text },
                    finish_reason: null,
                    ...(wantLogprobs ? { logprobs: { content: [tokenLogprob(t)] } } : {}),
                  },
                ],
              } satisfies ChatCompletionChunk),
            );
            if (r.finishReason === 'abort') return;
            promptTokens = r.promptTokens;
            completionTokens += r.completionTokens;
            const last = i === n - 1;
            s.send({
              ...base,
              choices: [{ index: i, delta: {}, finish_reason: r.finishReason === 'stop' ? 'stop' : 'length' }],
              ...(last
                ? {
                    usage: {
                      prompt_tokens: promptTokens,
                      completion_tokens: completionTokens,
                      total_tokens: promptTokens + completionTokens,
                    },
                  }
                : {}),
            } satisfies ChatCompletionChunk);
          }
        });
      } catch (e) {
        return generationRouteError(c, e);
      }
    },
  };
}
