// POST /v1/chat/completions: the chat is rendered with the documented template (protocol/chat-template.ts) and
// completed by the local model as one job (all n choices); streamed as OpenAI chunks ending with [DONE] (usage in
// the last chunk; each chunk carries one worker batch of characters), or answered whole. Steering
// (`steering_vector_id` / `steering_vector` + `steering_strength`) is echoed in `axionic.steering` of the answer,
// or of the last chunk.
import { randomUUID } from 'node:crypto';
import type { ChatCompletion, ChatCompletionChunk } from '../../protocol/chat.ts';
import { CHAT_TEMPLATE, renderChat } from '../../protocol/chat-template.ts';
import { DEFAULT_MAX_TOKENS } from '../../protocol/defaults.ts';
import type { ServerDeps } from '../context.ts';
import { ApiError } from '../errors.ts';
import { buildJob, finishOf, stopList, usageOf } from '../job-builder.ts';
import { axionicTokens, chatLogprob, textOf } from '../openai-chunks.ts';
import { generationRouteError, openaiStream } from '../openai-stream.ts';
import { hasPolicy, policyAnswer } from '../policy/openai-policy.ts';
import type { Handlers } from '../register-routes.ts';
import { startJob } from '../run-job.ts';
import { axionicExtras, openAiBehaviors, withBehaviorsOf } from '../sae/openai-behaviors.ts';
import { requestSteering, withSteering } from '../steering/apply.ts';
import type { TokenRecord } from '../worker/job.ts';
import { resolveModel } from './models.ts';

const FINGERPRINT = 'axplay-local';

export function chatHandlers(deps: ServerDeps): Pick<Handlers, 'v1.chat.completions'> {
  return {
    'v1.chat.completions': async (c, body) => {
      try {
        const model = resolveModel(deps, body.model, c.get('apiKey'));
        const continueFinal = body.continue_final_message === true;
        if (continueFinal && body.messages.at(-1)?.role !== 'assistant') {
          throw new ApiError(
            400,
            'invalid_request_error',
            'continue_final_message: the last message must be an assistant message to continue',
            { code: 'invalid_value', param: 'continue_final_message' },
          );
        }
        const behaviors = openAiBehaviors(deps, body, { stream: body.stream === true, prompts: 1 });
        if (hasPolicy(body))
          return await policyAnswer(deps, c, body, {
            kind: 'chat',
            prompt: renderChat(body.messages, CHAT_TEMPLATE, { continueFinal }),
            model,
            stop: [...stopList(body.stop), ...CHAT_TEMPLATE.stop],
          });
        const wantLogprobs = body.logprobs === true;
        const steering = requestSteering(deps, body);
        const echo = () => axionicExtras(steering, behaviors);
        const job = withBehaviorsOf(
          behaviors,
          withSteering(
            buildJob(body, {
              prompts: [renderChat(body.messages, CHAT_TEMPLATE, { continueFinal })],
              defaultMaxTokens: DEFAULT_MAX_TOKENS.openai,
              vocabSize: deps.model.vocabSize,
              extraStop: CHAT_TEMPLATE.stop,
              topLogprobs: wantLogprobs ? (body.top_logprobs ?? 0) : undefined,
            }),
            steering,
          ),
        );
        const head = { id: `chatcmpl-${randomUUID()}`, created: Math.floor(Date.now() / 1000), model };
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
          const res: ChatCompletion = {
            ...head,
            object: 'chat.completion',
            system_fingerprint: FINGERPRINT,
            choices: r.choices.map((ch) => ({
              index: ch.choice,
              message: { role: 'assistant', content: ch.text },
              finish_reason: finishOf(ch),
              logprobs: wantLogprobs ? { content: (tokens.get(ch.choice) ?? []).map(chatLogprob) } : null,
            })),
            usage: usageOf(r.promptTokens, r.completionTokens),
            ...echo(),
          };
          return c.json(res);
        }

        const base = { ...head, object: 'chat.completion.chunk' as const, system_fingerprint: FINGERPRINT };
        const chunk = (index: number, delta: ChatCompletionChunk['choices'][number]['delta'], extra = {}) =>
          ({ ...base, choices: [{ index, delta, finish_reason: null, ...extra }] }) satisfies ChatCompletionChunk;
        return openaiStream(signal, async (s) => {
          const opened = new Set<number>();
          const open = (i: number) => {
            if (opened.has(i)) return;
            opened.add(i);
            s.send(chunk(i, { role: 'assistant', content: '' }));
          };
          let promptTokens = 0;
          let completionTokens = 0;
          for await (const e of run) {
            if (e.type === 'tokens') {
              const first = e.tokens[0];
              if (!first) continue;
              behaviors?.tracker.tokens(e.tokens);
              open(first.choice);
              s.send({
                ...chunk(
                  first.choice,
                  { content: textOf(e.tokens) },
                  wantLogprobs ? { logprobs: { content: e.tokens.map(chatLogprob) } } : {},
                ),
                ...axionicTokens(e.tokens, behaviors?.forced),
              });
            } else if (e.type === 'choice') {
              const ch = e.result;
              open(ch.choice);
              promptTokens = ch.promptTokens;
              completionTokens += ch.completionTokens;
              const last = ch.choice === job.prompts.length * job.n - 1;
              s.send({
                ...base,
                choices: [{ index: ch.choice, delta: {}, finish_reason: finishOf(ch) }],
                ...(last ? { usage: usageOf(promptTokens, completionTokens), ...echo() } : {}),
              } satisfies ChatCompletionChunk);
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
