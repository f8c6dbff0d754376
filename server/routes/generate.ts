// POST /generate (mechanex's simple path): status frames over SSE — `started`, one `token` frame per character,
// then exactly one terminal `complete` (result.output) or `error`. `Accept: application/json` (or ?stream=false)
// answers the `complete` frame's result as plain JSON instead.
import { randomUUID } from 'node:crypto';
import { DEFAULT_GENERATE_METHOD, DEFAULT_MAX_TOKENS } from '../../protocol/defaults.ts';
import type { GenerateFrame } from '../../protocol/generate.ts';
import type { ServerDeps } from '../context.ts';
import type { GenerationJob, JobResult } from '../engine-worker.ts';
import { ApiError, respondError } from '../errors.ts';
import type { Handlers } from '../register-routes.ts';
import { assertCapacity, startJob, stopList } from '../run-job.ts';
import { toSamplingParams } from '../sampling-params.ts';
import { sseResponse } from '../sse.ts';
import { resolveModel } from './models.ts';

export function generateHandlers(deps: ServerDeps): Pick<Handlers, 'generate'> {
  return {
    generate: async (c, body) => {
      try {
        const model = resolveModel(deps, body.model, c.get('apiKey'));
        const method = body.sampling_method ?? DEFAULT_GENERATE_METHOD;
        const job: GenerationJob = {
          prompt: body.prompt,
          maxTokens: body.max_tokens ?? DEFAULT_MAX_TOKENS.generate,
          sampling: toSamplingParams({ ...body, sampling_method: method }, deps.model.vocabSize),
          seed: body.seed ?? undefined,
          stop: stopList(body.stop),
        };
        const t0 = Date.now();
        const complete = (r: JobResult): Extract<GenerateFrame, { status: 'complete' }> => ({
          status: 'complete',
          result: {
            output: r.text,
            model,
            sampling_method: method,
            steering: null,
            finish_reason: r.finishReason === 'stop' ? 'stop' : 'length',
            usage: {
              prompt_tokens: r.promptTokens,
              completion_tokens: r.completionTokens,
              total_tokens: r.promptTokens + r.completionTokens,
            },
            latency_ms: Date.now() - t0,
          },
        });
        const wantsJson =
          c.req.query('stream') === 'false' || (c.req.header('accept') ?? '').startsWith('application/json');
        if (wantsJson) return c.json(complete(await startJob(deps, job, c.req.raw.signal)).result);

        assertCapacity(deps);
        return sseResponse(
          async (s) => {
            const send = (f: GenerateFrame) => s.send(f, f.status);
            send({ status: 'started', request_id: `req_${randomUUID()}`, model, max_tokens: job.maxTokens });
            try {
              const r = await startJob(deps, job, s.signal, (t) =>
                send({
                  status: 'token',
                  index: t.index,
                  token: t.text,
                  text: t.text,
                  token_id: t.token,
                  logprob: t.logprob,
                }),
              );
              if (r.finishReason !== 'abort') send(complete(r));
            } catch (e) {
              if (s.signal.aborted) return;
              const err = e instanceof ApiError ? e : new ApiError(500, 'server_error', (e as Error).message);
              send({ status: 'error', message: err.message, code: err.code, http_status: err.status });
            }
          },
          { requestSignal: c.req.raw.signal },
        );
      } catch (e) {
        if (e instanceof ApiError) return respondError(c, e);
        throw e;
      }
    },
  };
}
