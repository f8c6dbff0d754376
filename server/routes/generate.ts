// POST /generate (mechanex's simple path): status frames over SSE — `started`, one `token` frame per character
// (a worker batch of them per socket write), then exactly one terminal `complete` (result.output) or `error`.
// `Accept: application/json` (or ?stream=false) answers the `complete` frame's result as plain JSON instead.
import { randomUUID } from 'node:crypto';
import { DEFAULT_GENERATE_METHOD, DEFAULT_MAX_TOKENS } from '../../protocol/defaults.ts';
import type { GenerateFrame } from '../../protocol/generate.ts';
import type { ServerDeps } from '../context.ts';
import { ApiError } from '../errors.ts';
import { buildJob, finishOf, usageOf } from '../job-builder.ts';
import { generationRouteError } from '../openai-stream.ts';
import type { Handlers } from '../register-routes.ts';
import { startJob } from '../run-job.ts';
import { sseResponse } from '../sse.ts';
import type { JobResult } from '../worker/job.ts';
import { resolveModel } from './models.ts';

export function generateHandlers(deps: ServerDeps): Pick<Handlers, 'generate'> {
  return {
    generate: async (c, body) => {
      try {
        const model = resolveModel(deps, body.model, c.get('apiKey'));
        const method = body.sampling_method ?? DEFAULT_GENERATE_METHOD;
        const job = buildJob(
          { ...body, sampling_method: method },
          { prompts: [body.prompt], defaultMaxTokens: DEFAULT_MAX_TOKENS.generate, vocabSize: deps.model.vocabSize },
        );
        const t0 = Date.now();
        const complete = (r: JobResult): Extract<GenerateFrame, { status: 'complete' }> => {
          const ch = r.choices[0];
          return {
            status: 'complete',
            result: {
              output: ch?.text ?? '',
              model,
              sampling_method: method,
              steering: null,
              finish_reason: finishOf(ch ?? { finishReason: 'length' }),
              usage: usageOf(r.promptTokens, r.completionTokens),
              latency_ms: Date.now() - t0,
            },
          };
        };
        const signal = c.req.raw.signal;
        const wantsJson =
          c.req.query('stream') === 'false' || (c.req.header('accept') ?? '').startsWith('application/json');
        const run = startJob(deps, job, signal);
        await run.accepted;
        if (wantsJson) {
          for await (const _ of run) {
            // the JSON answer needs only the result
          }
          return c.json(complete(await run.result).result);
        }

        return sseResponse(
          async (s) => {
            const send = (f: GenerateFrame) => s.send(f, f.status);
            send({ status: 'started', request_id: `req_${randomUUID()}`, model, max_tokens: job.maxTokens });
            try {
              for await (const e of run) {
                if (e.type !== 'tokens') continue;
                s.sendMany(
                  e.tokens.map((t) => ({
                    event: 'token',
                    data: {
                      status: 'token',
                      index: t.index,
                      token: t.text,
                      text: t.text,
                      token_id: t.token,
                      logprob: t.logprob,
                    } satisfies GenerateFrame,
                  })),
                );
              }
              const r = await run.result;
              if (!r.aborted) send(complete(r));
            } catch (e) {
              if (s.signal.aborted) return;
              const err = e instanceof ApiError ? e : new ApiError(500, 'server_error', (e as Error).message);
              send({ status: 'error', message: err.message, code: err.code, http_status: err.status });
            }
          },
          { requestSignal: signal },
        );
      } catch (e) {
        return generationRouteError(c, e);
      }
    },
  };
}
