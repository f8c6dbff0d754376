// POST /v1/completions: plain-text continuation, with OpenAI's legacy logprobs shape, `echo` (the prompt is
// prepended to the text, and scored too when logprobs are asked for) and `n`; several prompts give
// choices prompt-major (index = prompt × n + i). `suffix` (fill-in-the-middle) is refused: a left-to-right
// model cannot honour it.

import { randomUUID } from 'node:crypto';
import type { GeneratedToken } from '../../engine/generate.ts';
import type { Completion, CompletionLogprobs } from '../../protocol/completions.ts';
import { DEFAULT_MAX_TOKENS } from '../../protocol/defaults.ts';
import type { ServerDeps } from '../context.ts';
import type { GenerationJob, JobResult } from '../engine-worker.ts';
import { unsupported } from '../errors.ts';
import { generationRouteError, openaiStream } from '../openai-stream.ts';
import type { Handlers } from '../register-routes.ts';
import { assertCapacity, startJob, stopList } from '../run-job.ts';
import { toSamplingParams } from '../sampling-params.ts';
import { resolveModel } from './models.ts';

function legacyLogprobs(
  prompt: JobResult['promptLogprobs'],
  tokens: GeneratedToken[],
  offset0: number,
): CompletionLogprobs {
  const out = {
    tokens: [] as string[],
    token_logprobs: [] as (number | null)[],
    top_logprobs: [] as (Record<string, number> | null)[],
    text_offset: [] as number[],
  } satisfies CompletionLogprobs;
  let off = offset0;
  for (const p of prompt ?? []) {
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

export function completionHandlers(deps: ServerDeps): Pick<Handlers, 'v1.completions'> {
  return {
    'v1.completions': async (c, body) => {
      try {
        if (body.suffix)
          throw unsupported(
            'suffix',
            'suffix (fill-in-the-middle) is not supported: the local model only continues text left to right',
          );
        const model = resolveModel(deps, body.model, c.get('apiKey'));
        const sampling = toSamplingParams(body, deps.model.vocabSize);
        const prompts = Array.isArray(body.prompt) ? body.prompt : [body.prompt];
        const n = body.n ?? 1;
        const lp = body.logprobs ?? undefined;
        const echo = body.echo === true;
        const job = (prompt: string, i: number): GenerationJob => ({
          prompt,
          maxTokens: body.max_tokens ?? DEFAULT_MAX_TOKENS.openai,
          sampling,
          seed: body.seed == null ? undefined : body.seed + i,
          stop: stopList(body.stop),
          topLogprobs: lp,
          promptLogprobs: echo && lp !== undefined ? lp : undefined,
        });
        const id = `cmpl-${randomUUID()}`;
        const created = Math.floor(Date.now() / 1000);
        const base = { id, object: 'text_completion' as const, created, model, system_fingerprint: 'axplay-local' };
        const signal = c.req.raw.signal;

        if (!body.stream) {
          const choices: Completion['choices'] = [];
          let promptTokens = 0;
          let completionTokens = 0;
          for (const [p, prompt] of prompts.entries()) {
            for (let i = 0; i < n; i++) {
              const tokens: GeneratedToken[] = [];
              const r = await startJob(deps, job(prompt, i), signal, (t) => tokens.push(t));
              promptTokens += i === 0 ? r.promptTokens : 0;
              completionTokens += r.completionTokens;
              choices.push({
                index: p * n + i,
                text: echo ? prompt + r.text : r.text,
                logprobs: lp === undefined ? null : legacyLogprobs(r.promptLogprobs, tokens, 0),
                finish_reason: r.finishReason === 'stop' ? 'stop' : 'length',
              });
            }
          }
          const res: Completion = {
            ...base,
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
        return openaiStream(signal, async (s) => {
          let promptTokens = 0;
          let completionTokens = 0;
          const total = prompts.length * n;
          for (const [p, prompt] of prompts.entries()) {
            for (let i = 0; i < n; i++) {
              const index = p * n + i;
              let offset = 0;
              if (echo) {
                s.send({ ...base, choices: [{ text: prompt, index, logprobs: null, finish_reason: null }] });
                offset = prompt.length;
              }
              const r = await startJob(deps, job(prompt, i), s.signal, (t) => {
                s.send({
                  ...base,
                  choices: [
                    {
                      text: t.text,
                      index,
                      logprobs: lp === undefined ? null : legacyLogprobs([], [t], offset),
                      finish_reason: null,
                    },
                  ],
                });
                offset += t.text.length;
              });
              if (r.finishReason === 'abort') return;
              promptTokens += i === 0 ? r.promptTokens : 0;
              completionTokens += r.completionTokens;
              const last = index === total - 1;
              s.send({
                ...base,
                choices: [
                  { text: '', index, logprobs: null, finish_reason: r.finishReason === 'stop' ? 'stop' : 'length' },
                ],
                ...(last
                  ? {
                      usage: {
                        prompt_tokens: promptTokens,
                        completion_tokens: completionTokens,
                        total_tokens: promptTokens + completionTokens,
                      },
                    }
                  : {}),
              });
            }
          }
        });
      } catch (e) {
        return generationRouteError(c, e);
      }
    },
  };
}
