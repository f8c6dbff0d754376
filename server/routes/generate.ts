// POST /generate (mechanex's simple path): status frames over SSE — `started`, one `token` frame per character
// (a worker batch of them per socket write), then exactly one terminal `complete` (result.output) or `error`.
// `Accept: application/json` (or ?stream=false) answers the `complete` frame's result as plain JSON instead.
// POST /steering/run is the same run answered as plain JSON, its strength scaled by `multiplier` (the contract's
// rule: strength = steering_strength × multiplier, or multiplier when steering_strength is 0 or absent).
// Both steer with `steering_vector_id` / `steering_vector` + `steering_strength`; result.steering says what applied.
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { DEFAULT_GENERATE_METHOD, DEFAULT_MAX_TOKENS } from '../../protocol/defaults.ts';
import type { GenerateFrame, RunRequest } from '../../protocol/generate.ts';
import type { AppEnv, ServerDeps } from '../context.ts';
import { ApiError } from '../errors.ts';
import { buildJob, finishOf, usageOf } from '../job-builder.ts';
import { nativeStream } from '../native-stream.ts';
import { generationRouteError } from '../openai-stream.ts';
import type { Handlers } from '../register-routes.ts';
import { startJob } from '../run-job.ts';
import { asksRequestSteering, requestSteering, type Steering, withSteering } from '../steering/apply.ts';
import type { JobResult } from '../worker/job.ts';
import { resolveModel } from './models.ts';

async function runGenerate(
  deps: ServerDeps,
  c: Context<AppEnv>,
  body: RunRequest,
  steering: Steering,
  wantsJson: boolean,
): Promise<Response> {
  const model = resolveModel(deps, body.model, c.get('apiKey'));
  const method = body.sampling_method ?? DEFAULT_GENERATE_METHOD;
  const job = withSteering(
    buildJob(
      { ...body, sampling_method: method },
      { prompts: [body.prompt], defaultMaxTokens: DEFAULT_MAX_TOKENS.generate, vocabSize: deps.model.vocabSize },
    ),
    steering,
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
        steering: steering.applied,
        finish_reason: finishOf(ch ?? { finishReason: 'length' }),
        usage: usageOf(r.promptTokens, r.completionTokens),
        latency_ms: Date.now() - t0,
      },
    };
  };
  const run = startJob(deps, job, c.req.raw.signal);
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
}

export function generateHandlers(deps: ServerDeps): Pick<Handlers, 'generate' | 'steering.run'> {
  return {
    generate: async (c, body) => {
      try {
        const wantsJson =
          c.req.query('stream') === 'false' || (c.req.header('accept') ?? '').startsWith('application/json');
        return await runGenerate(deps, c, body, requestSteering(deps, body), wantsJson);
      } catch (e) {
        return generationRouteError(c, e);
      }
    },
    'steering.run': async (c, body) => {
      try {
        const m = body.multiplier ?? 1;
        const s = body.steering_strength ?? 0;
        const named = asksRequestSteering({ ...body, steering_strength: 0 });
        if (!named && m !== 1)
          throw new ApiError(
            400,
            'invalid_request_error',
            `multiplier is ${m} but no vector is named: give steering_vector_id (GET /steering/vectors lists them)`,
            { code: 'invalid_value', param: 'multiplier' },
          );
        const steering = requestSteering(deps, body, named ? (s === 0 ? m : s * m) : undefined);
        return await runGenerate(deps, c, body, steering, true);
      } catch (e) {
        return generationRouteError(c, e);
      }
    },
  };
}
