// POST /v1/completions: plain-text continuation as one job (every prompt × n choice), with OpenAI's legacy
// logprobs shape, `echo` (the prompt is prepended to the text, and scored too when logprobs are asked for) and
// `n`; several prompts give choices prompt-major (index = prompt × n + i). `suffix` (fill-in-the-middle) is
// refused: a left-to-right model cannot honour it. Steering is echoed in `axionic.steering` (answer or last chunk).
import { randomUUID } from 'node:crypto';
import type { Completion, CompletionChunk } from '../../protocol/completions.ts';
import { DEFAULT_MAX_TOKENS } from '../../protocol/defaults.ts';
import type { ServerDeps } from '../context.ts';
import { ApiError, unsupported } from '../errors.ts';
import { buildJob, finishOf, stopList, usageOf } from '../job-builder.ts';
import { axionicTokens, legacyLogprobs, textOf } from '../openai-chunks.ts';
import { generationRouteError, openaiStream } from '../openai-stream.ts';
import { hasPolicy, policyAnswer } from '../policy/openai-policy.ts';
import type { Handlers } from '../register-routes.ts';
import { startJob } from '../run-job.ts';
import { axionicExtras, openAiBehaviors, withBehaviorsOf } from '../sae/openai-behaviors.ts';
import { requestSteering, withSteering } from '../steering/apply.ts';
import type { TokenRecord } from '../worker/job.ts';
import { resolveModel } from './models.ts';

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
        const prompts = Array.isArray(body.prompt) ? body.prompt : [body.prompt];
        const behaviors = openAiBehaviors(deps, body, { stream: body.stream === true, prompts: prompts.length });
        if (hasPolicy(body)) {
          if (prompts.length !== 1)
            throw new ApiError(400, 'invalid_request_error', 'prompt: a policy runs on one prompt', {
              code: 'invalid_value',
              param: 'prompt',
            });
          return await policyAnswer(deps, c, body, {
            kind: 'completion',
            prompt: prompts[0] ?? '',
            model,
            stop: stopList(body.stop),
          });
        }
        const lp = body.logprobs ?? undefined;
        const echo = body.echo === true;
        const steering = requestSteering(deps, body);
        const applied = () => axionicExtras(steering, behaviors);
        const job = withBehaviorsOf(
          behaviors,
          withSteering(
            buildJob(body, {
              prompts,
              defaultMaxTokens: DEFAULT_MAX_TOKENS.openai,
              vocabSize: deps.model.vocabSize,
              topLogprobs: lp,
              promptLogprobs: echo && lp !== undefined ? lp : undefined,
            }),
            steering,
          ),
        );
        const base = {
          id: `cmpl-${randomUUID()}`,
          object: 'text_completion' as const,
          created: Math.floor(Date.now() / 1000),
          model,
          system_fingerprint: 'axplay-local',
        };
        const promptOf = (choice: number) => prompts[Math.floor(choice / job.n)] ?? '';
        const signal = c.req.raw.signal;
        const run = startJob(deps, job, signal);
        await run.accepted;

        if (!body.stream) {
          const tokens = new Map<number, TokenRecord[]>();
          for await (const e of run) {
            if (e.type === 'correction') {
              behaviors?.tracker.correction(e);
              // a regenerate drops the tail from its index on: its tokens leave the answer's logprobs too
              if (e.action === 'regenerate')
                tokens.set(
                  e.choice,
                  (tokens.get(e.choice) ?? []).filter((t) => t.index < e.index),
                );
            }
            if (e.type !== 'tokens') continue;
            behaviors?.tracker.tokens(e.tokens);
            for (const t of e.tokens) {
              const list = tokens.get(t.choice) ?? [];
              list.push(t);
              tokens.set(t.choice, list);
            }
          }
          const r = await run.result;
          const res: Completion = {
            ...base,
            choices: r.choices.map((ch) => ({
              index: ch.choice,
              text: echo ? promptOf(ch.choice) + ch.text : ch.text,
              logprobs:
                lp === undefined ? null : legacyLogprobs(ch.promptLogprobs ?? [], tokens.get(ch.choice) ?? [], 0),
              finish_reason: finishOf(ch),
            })),
            usage: usageOf(r.promptTokens, r.completionTokens),
            ...applied(),
          };
          return c.json(res);
        }

        return openaiStream(signal, async (s) => {
          const offsets = new Map<number, number>();
          /** The echoed prompt opens each choice (once). */
          const open = (i: number) => {
            if (offsets.has(i)) return;
            offsets.set(i, echo ? promptOf(i).length : 0);
            if (echo)
              s.send({
                ...base,
                choices: [{ text: promptOf(i), index: i, logprobs: null, finish_reason: null }],
              } satisfies CompletionChunk);
          };
          let promptTokens = 0;
          let completionTokens = 0;
          let lastPrompt = -1;
          for await (const e of run) {
            if (e.type === 'tokens') {
              const first = e.tokens[0];
              if (!first) continue;
              behaviors?.tracker.tokens(e.tokens);
              open(first.choice);
              const offset = offsets.get(first.choice) ?? 0;
              const text = textOf(e.tokens);
              s.send({
                ...base,
                choices: [
                  {
                    text,
                    index: first.choice,
                    logprobs: lp === undefined ? null : legacyLogprobs([], e.tokens, offset),
                    finish_reason: null,
                  },
                ],
                ...axionicTokens(e.tokens, behaviors?.forced),
              } satisfies CompletionChunk);
              offsets.set(first.choice, offset + text.length);
            } else if (e.type === 'choice') {
              const ch = e.result;
              open(ch.choice);
              if (ch.prompt !== lastPrompt) promptTokens += ch.promptTokens;
              lastPrompt = ch.prompt;
              completionTokens += ch.completionTokens;
              const last = ch.choice === prompts.length * job.n - 1;
              s.send({
                ...base,
                choices: [{ text: '', index: ch.choice, logprobs: null, finish_reason: finishOf(ch) }],
                ...(last ? { usage: usageOf(promptTokens, completionTokens), ...applied() } : {}),
              } satisfies CompletionChunk);
            }
          }
          await run.result;
        });
      } catch (e) {
        return generationRouteError(c, e);
      }
    },
  };
}
