// POST /sampling/generate: a prompt decoded with a named method, optionally under one constraint (json_schema,
// regex_pattern or grammar; `json_schema_options` — whitespace, lenient — is an extension). Methods only the hosted runtime has fall back to top-p and say so. The
// answer is JSON; with `stream: true` (an extension) the same run streams as /generate's status frames, the last
// (`complete`) carrying the JSON answer. Constraints compile in the worker: a pattern or grammar that does not
// compile, or needs more characters than max_new_tokens, is a 400 naming the field before any byte is sent.
// Steering (`steering_vector_id` / `steering_vector` + `steering_strength`, an extension here) works with a
// constraint: the mask still decides what may be drawn; `steering` in the answer says what was applied.
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_MAX_TOKENS,
  DEFAULT_SAMPLING_METHOD,
  FALLBACK_METHOD,
  GUIDED_METHOD,
  HOSTED_ONLY_METHODS,
} from '../../protocol/defaults.ts';
import { type SamplingMethodName, samplingMethods } from '../../protocol/sampling.ts';
import type { SamplingRequest, SamplingResponse } from '../../protocol/sampling-generate.ts';
import type { ServerDeps } from '../context.ts';
import { ApiError, unsupported } from '../errors.ts';
import { buildJob, finishOf, usageOf } from '../job-builder.ts';
import { nativeStream } from '../native-stream.ts';
import { generationRouteError } from '../openai-stream.ts';
import type { Handlers } from '../register-routes.ts';
import { startJob } from '../run-job.ts';
import { requestSteering, withSteering } from '../steering/apply.ts';
import type { ConstraintSpec, JobResult } from '../worker/job.ts';
import { resolveModel } from './models.ts';

const set = (v: unknown) =>
  v !== undefined &&
  v !== null &&
  v !== '' &&
  !(Array.isArray(v) && v.length === 0) &&
  !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

const badRequest = (param: string, message: string) =>
  new ApiError(400, 'invalid_request_error', message, { code: 'invalid_value', param });

/** The one constraint of a request (two are refused, naming the second). */
function constraintOf(body: SamplingRequest): ConstraintSpec | undefined {
  const given = (['json_schema', 'regex_pattern', 'grammar'] as const).filter((f) => set(body[f]));
  if (given.length > 1) {
    throw badRequest(
      given[1] ?? 'grammar',
      `Give at most one constraint: json_schema, regex_pattern or grammar (this request has ${given.join(' and ')})`,
    );
  }
  const field = given[0];
  if (!field) {
    if (set(body.json_schema_options))
      throw badRequest('json_schema_options', 'json_schema_options applies only with json_schema');
    return undefined;
  }
  if (set(body.json_schema_options) && field !== 'json_schema')
    throw badRequest('json_schema_options', 'json_schema_options applies only with json_schema');
  if (field === 'json_schema') {
    const s = body.json_schema;
    if (typeof s !== 'object' && typeof s !== 'boolean')
      throw badRequest('json_schema', 'json_schema must be a JSON Schema: an object (or true/false)');
    const o = body.json_schema_options ?? {};
    return { kind: 'json_schema', source: s, field, budgetField: 'max_new_tokens', options: { ...o } };
  }
  const kind = field === 'regex_pattern' ? 'regex' : 'grammar';
  return { kind, source: body[field], field, budgetField: 'max_new_tokens' };
}

interface Method {
  readonly used: string;
  /** The sampling_method the engine runs (undefined: the explicit params only). */
  readonly sampling?: SamplingMethodName;
  readonly fellBack: boolean;
  readonly reason: string | null;
}

/** What `method` asks for, what runs locally, and whether that is a fallback. */
function methodOf(name: string | null | undefined, constrained: boolean): Method {
  if (name == null || name === '')
    return constrained
      ? { used: GUIDED_METHOD, fellBack: false, reason: null }
      : { used: DEFAULT_SAMPLING_METHOD, sampling: DEFAULT_SAMPLING_METHOD, fellBack: false, reason: null };
  if (name === GUIDED_METHOD) {
    if (!constrained)
      throw badRequest('method', `method "${GUIDED_METHOD}" needs one of json_schema, regex_pattern or grammar`);
    return { used: GUIDED_METHOD, fellBack: false, reason: null };
  }
  if ((samplingMethods as readonly string[]).includes(name))
    return { used: name, sampling: name as SamplingMethodName, fellBack: false, reason: null };
  if ((HOSTED_ONLY_METHODS as readonly string[]).includes(name)) {
    return {
      used: FALLBACK_METHOD,
      sampling: FALLBACK_METHOD,
      fellBack: true,
      reason: `"${name}" runs only on the hosted runtime; the local runtime used ${FALLBACK_METHOD}${constrained ? ' under the same constraint' : ''}`,
    };
  }
  throw badRequest(
    'method',
    `Unknown method "${name}": use ${[GUIDED_METHOD, ...samplingMethods].join(', ')} (or a hosted-only method: ${HOSTED_ONLY_METHODS.join(', ')}, which falls back to ${FALLBACK_METHOD})`,
  );
}

export function samplingHandlers(deps: ServerDeps): Pick<Handlers, 'sampling.generate'> {
  return {
    'sampling.generate': async (c, body) => {
      try {
        for (const f of ['draft_model', 'ensemble_models', 'best_of_n'] as const)
          if (set(body[f]))
            throw unsupported(f, `${f} belongs to methods only the hosted runtime has; the local runtime refuses it`);
        const model = resolveModel(deps, body.model, c.get('apiKey'));
        const constraint = constraintOf(body);
        const method = methodOf(body.method, constraint !== undefined);
        const p = body.params ?? {};
        const steering = requestSteering(deps, body);
        const job = withSteering(
          {
            ...buildJob(
              { ...p, sampling_method: method.sampling, max_tokens: body.max_new_tokens },
              {
                prompts: [body.prompt],
                defaultMaxTokens: DEFAULT_MAX_TOKENS.sampling,
                vocabSize: deps.model.vocabSize,
              },
            ),
            ...(constraint ? { constraint } : {}),
          },
          steering,
        );
        const t0 = Date.now();
        const answer = (r: JobResult): SamplingResponse => {
          const ch = r.choices[0];
          const k = ch?.constraint;
          return {
            output: ch?.text ?? '',
            method_used: method.used,
            valid: k ? k.valid : null,
            validation_error: k?.error ?? null,
            fell_back: method.fellBack,
            fallback_reason: method.reason,
            finish_reason: finishOf(ch ?? { finishReason: 'length' }),
            usage: usageOf(r.promptTokens, r.completionTokens),
            constraint: k ? { kind: kindName(k.kind), min_chars: k.minChars, ...jsonInfo(k.info) } : null,
            model,
            latency_ms: Date.now() - t0,
            steering: steering.applied,
          };
        };
        const signal = c.req.raw.signal;
        const run = startJob(deps, job, signal);
        await run.accepted;
        if (body.stream !== true) {
          for await (const _ of run) {
            // the JSON answer needs only the result
          }
          return c.json(answer(await run.result));
        }
        return nativeStream(
          c,
          run,
          { request_id: `req_${randomUUID()}`, model, max_tokens: job.maxTokens, method: method.used },
          answer,
        );
      } catch (e) {
        return generationRouteError(c, e);
      }
    },
  };
}

/** The JSON Schema facts of a constraint outcome, as the answer names them (absent for other kinds). */
function jsonInfo(info: Readonly<Record<string, unknown>> | undefined) {
  if (!info) return {};
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  const ws = info.whitespace;
  return {
    ...(ws === 'spaced' || ws === 'compact' || ws === 'flexible' ? { whitespace: ws } : {}),
    ignored_keywords: list(info.ignored_keywords),
    skipped_keywords: list(info.skipped_keywords),
  } as const;
}

const kindName = (k: string): 'regex' | 'grammar' | 'json_schema' =>
  k === 'grammar' ? 'grammar' : k === 'json_schema' ? 'json_schema' : 'regex';
