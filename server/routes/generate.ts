// POST /generate (mechanex's simple path): status frames over SSE — `started`, one `token` frame per character
// (a worker batch of them per socket write), then exactly one terminal `complete` (result.output) or `error`.
// `Accept: application/json` (or ?stream=false) answers the `complete` frame's result as plain JSON instead.
import { randomUUID } from 'node:crypto';
import { DEFAULT_GENERATE_METHOD, DEFAULT_MAX_TOKENS } from '../../protocol/defaults.ts';
import type { GenerateFrame } from '../../protocol/generate.ts';
import type { ServerDeps } from '../context.ts';
import { buildJob, finishOf, usageOf } from '../job-builder.ts';
import { nativeStream } from '../native-stream.ts';
import { generationRouteError } from '../openai-stream.ts';
import type { Handlers } from '../register-routes.ts';
import { startJob } from '../run-job.ts';
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

        return nativeStream(
          c,
          run,
          { request_id: `req_${randomUUID()}`, model, max_tokens: job.maxTokens },
          (r) => complete(r).result,
        );
      } catch (e) {
        return generationRouteError(c, e);
      }
    },
  };
}
