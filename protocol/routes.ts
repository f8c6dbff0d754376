// The route table: every path of the API this project speaks, with its method, auth, schemas and streaming kind.
// The server registers its handlers from it (a live route without a handler does not type-check), answers 501
// for the contract's routes whose feature has not landed, derives its API prefixes and the relay's allowlist from
// it, and generates GET /openapi.json from it; the Vite dev proxy reads the prefixes; the browser's route
// registry names its routes by these ids.
import { z } from 'zod';
import { chatCompletionChunkSchema, chatCompletionRequestSchema, chatCompletionSchema } from './chat.ts';
import { completionChunkSchema, completionRequestSchema, completionSchema } from './completions.ts';
import { generateFrameSchema, generateResultSchema, runRequestSchema } from './generate.ts';
import {
  graphSchema,
  healthSchema,
  hostedModelListSchema,
  openaiModelListSchema,
  openaiModelSchema,
  setModelRequestSchema,
  setModelResponseSchema,
  verifyKeyResponseSchema,
} from './models.ts';
import {
  policyAutotuneRequestSchema,
  policyAutotuneResponseSchema,
  policyCompareRequestSchema,
  policyCompareResponseSchema,
  policyEvaluateRequestSchema,
  policyEvaluateResponseSchema,
  policyListSchema,
  policyRunRequestSchema,
  policyRunResponseSchema,
  policySaveRequestSchema,
  policySaveResponseSchema,
  presetPublishRequestSchema,
  presetSchema,
  runtimePolicySchema,
} from './policy.ts';
import {
  behaviorCreateRequestSchema,
  behaviorDeleteResponseSchema,
  behaviorListSchema,
  behaviorRenameRequestSchema,
  behaviorSchema,
  saeFeaturePageSchema,
  saeGenerateFrameSchema,
  saeGenerateRequestSchema,
  saeResultSchema,
} from './sae.ts';
import { samplingFrameSchema, samplingRequestSchema, samplingResponseSchema } from './sampling-generate.ts';
import {
  steeringBulkDeleteRequestSchema,
  steeringBulkDeleteResponseSchema,
  steeringDeleteResponseSchema,
  steeringDownloadSchema,
  steeringGenerateFrameSchema,
  steeringGenerateRequestSchema,
  steeringGenerateResultSchema,
  steeringLabelRequestSchema,
  steeringRunRequestSchema,
  steeringVectorItemSchema,
  steeringVectorListSchema,
} from './steering.ts';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * How a route answers. `none`: one JSON body. `openai`: one JSON body, or OpenAI chunks over SSE ending with
 * `data: [DONE]` when the body says `stream: true`. `native`: status frames over SSE (started → … → one
 * `complete` or `error`), or the `complete` frame's result as JSON with `Accept: application/json`.
 * `native-on-request`: the result as JSON, or the native status frames when the body says `stream: true`.
 */
export type StreamKind = 'none' | 'openai' | 'native' | 'native-on-request';

export interface RouteSpec {
  readonly id: string;
  readonly method: HttpMethod;
  /** OpenAPI path template, e.g. /v1/models/{model_id}. */
  readonly path: string;
  readonly summary: string;
  /** `key`: x-api-key or Authorization: Bearer with the server's key. */
  readonly auth: 'none' | 'key';
  /** `planned`: part of the contract, answered 501 locally until its feature lands. */
  readonly local: 'live' | 'planned';
  /** For planned routes: the feature, in words, for the 501 message. */
  readonly feature?: string;
  readonly stream: StreamKind;
  readonly request?: z.ZodType;
  readonly response?: z.ZodType;
  /** The stream's frame (one SSE `data:` payload), for `openai` and `native` routes. */
  readonly frame?: z.ZodType;
  /** Forwarded by the relay (/upstream/*) to the hosted API. */
  readonly relay: boolean;
}

const planned = <const Id extends string>(
  id: Id,
  method: HttpMethod,
  path: string,
  summary: string,
  feature: string,
  stream: StreamKind = 'none',
) => ({ id, method, path, summary, auth: 'key', local: 'planned', feature, stream, relay: true }) as const;

export const ROUTES = [
  {
    id: 'health',
    method: 'GET',
    path: '/health',
    summary: 'Liveness and the served model (no key needed)',
    auth: 'none',
    local: 'live',
    stream: 'none',
    response: healthSchema,
    relay: true,
  },
  {
    id: 'openapi',
    method: 'GET',
    path: '/openapi.json',
    summary: 'This API described as OpenAPI 3.1, generated from the route table (no key needed)',
    auth: 'none',
    local: 'live',
    stream: 'none',
    relay: true,
  },
  {
    id: 'models.list',
    method: 'GET',
    path: '/models',
    summary: 'Active models (HostedModel[]) with the chat template and capabilities',
    auth: 'key',
    local: 'live',
    stream: 'none',
    response: hostedModelListSchema,
    relay: true,
  },
  {
    id: 'v1.models.list',
    method: 'GET',
    path: '/v1/models',
    summary: "Models in OpenAI's list shape",
    auth: 'key',
    local: 'live',
    stream: 'none',
    response: openaiModelListSchema,
    relay: true,
  },
  {
    id: 'v1.models.get',
    method: 'GET',
    path: '/v1/models/{model_id}',
    summary: "One model in OpenAI's shape",
    auth: 'key',
    local: 'live',
    stream: 'none',
    response: openaiModelSchema,
    relay: true,
  },
  {
    id: 'graph',
    method: 'GET',
    path: '/graph',
    summary: 'Hook points of the model (TransformerLens names)',
    auth: 'key',
    local: 'live',
    stream: 'none',
    response: graphSchema,
    relay: true,
  },
  {
    id: 'auth.verify-key',
    method: 'GET',
    path: '/auth/verify-key',
    summary: 'Checks the API key',
    auth: 'key',
    local: 'live',
    stream: 'none',
    response: verifyKeyResponseSchema,
    relay: true,
  },
  {
    id: 'auth.set-model',
    method: 'POST',
    path: '/auth/api-keys/set-model',
    summary: "Sets the key's default model (mechanex's set_model)",
    auth: 'key',
    local: 'live',
    stream: 'none',
    request: setModelRequestSchema,
    response: setModelResponseSchema,
    relay: true,
  },
  {
    id: 'v1.chat.completions',
    method: 'POST',
    path: '/v1/chat/completions',
    summary: 'OpenAI-compatible chat completions with Axionic extensions',
    auth: 'key',
    local: 'live',
    stream: 'openai',
    request: chatCompletionRequestSchema,
    response: chatCompletionSchema,
    frame: chatCompletionChunkSchema,
    relay: true,
  },
  {
    id: 'v1.completions',
    method: 'POST',
    path: '/v1/completions',
    summary: 'OpenAI-compatible legacy completions with Axionic extensions',
    auth: 'key',
    local: 'live',
    stream: 'openai',
    request: completionRequestSchema,
    response: completionSchema,
    frame: completionChunkSchema,
    relay: true,
  },
  {
    id: 'generate',
    method: 'POST',
    path: '/generate',
    summary: "Run Steered Gen: mechanex's simple generate path, status frames over SSE",
    auth: 'key',
    local: 'live',
    stream: 'native',
    request: runRequestSchema,
    response: generateResultSchema,
    frame: generateFrameSchema,
    relay: true,
  },
  {
    id: 'sampling.generate',
    method: 'POST',
    path: '/sampling/generate',
    summary:
      'Direct decoding strategies and guided generation (JSON Schema, regex, GBNF grammar); JSON, or status frames with stream: true',
    auth: 'key',
    local: 'live',
    stream: 'native-on-request',
    request: samplingRequestSchema,
    response: samplingResponseSchema,
    frame: samplingFrameSchema,
    relay: true,
  },
  {
    id: 'sae.generate',
    method: 'POST',
    path: '/sae/generate',
    summary:
      'SAE-monitored generation: per-token behavior scores over SSE, drift corrected by regeneration (monitor) or steered from the start (force_steering)',
    auth: 'key',
    local: 'live',
    stream: 'native',
    request: saeGenerateRequestSchema,
    response: saeResultSchema,
    frame: saeGenerateFrameSchema,
    relay: true,
  },
  {
    id: 'sae.features',
    method: 'GET',
    path: '/sae/features',
    summary:
      "The model's SAE latents with their automatic labels and top contexts (extension; ?offset=&limit=&q= on the label)",
    auth: 'key',
    local: 'live',
    stream: 'none',
    response: saeFeaturePageSchema,
    relay: false,
  },
  {
    id: 'policies.list',
    method: 'GET',
    path: '/policies',
    summary: 'Saved policies (defaults filled in)',
    auth: 'key',
    local: 'live',
    stream: 'none',
    response: policyListSchema,
    relay: true,
  },
  {
    id: 'policies.presets',
    method: 'GET',
    path: '/policies/presets',
    summary: 'Presets: the built-in ones and those published here',
    auth: 'key',
    local: 'live',
    stream: 'none',
    response: z.array(presetSchema),
    relay: true,
  },
  {
    id: 'policies.save',
    method: 'POST',
    path: '/policies/save',
    summary: 'Save a policy (replaces one with the same id)',
    auth: 'key',
    local: 'live',
    stream: 'none',
    request: policySaveRequestSchema,
    response: policySaveResponseSchema,
    relay: true,
  },
  {
    id: 'policies.run',
    method: 'POST',
    path: '/policies/run',
    summary: 'Run an inline or saved policy: candidates, verifiers, retries, best-of-n, trace',
    auth: 'key',
    local: 'live',
    stream: 'none',
    request: policyRunRequestSchema,
    response: policyRunResponseSchema,
    relay: true,
  },
  {
    id: 'policies.compare',
    method: 'POST',
    path: '/policies/compare',
    summary: 'Run several policies on one prompt',
    auth: 'key',
    local: 'live',
    stream: 'none',
    request: policyCompareRequestSchema,
    response: policyCompareResponseSchema,
    relay: true,
  },
  {
    id: 'policies.evaluate',
    method: 'POST',
    path: '/policies/evaluate',
    summary: 'Run one policy over several prompts: pass rate, latency, outputs',
    auth: 'key',
    local: 'live',
    stream: 'none',
    request: policyEvaluateRequestSchema,
    response: policyEvaluateResponseSchema,
    relay: true,
  },
  {
    id: 'policies.autotune',
    method: 'POST',
    path: '/policies/autotune',
    summary: 'Grid search over dotted policy paths (trials capped)',
    auth: 'key',
    local: 'live',
    stream: 'none',
    request: policyAutotuneRequestSchema,
    response: policyAutotuneResponseSchema,
    relay: true,
  },
  {
    id: 'policies.presets.publish',
    method: 'POST',
    path: '/policies/presets/publish',
    summary: 'Publish a preset',
    auth: 'key',
    local: 'live',
    stream: 'none',
    request: presetPublishRequestSchema,
    response: z.object({ preset_id: z.string() }),
    relay: true,
  },
  {
    id: 'policies.presets.clone',
    method: 'POST',
    path: '/policies/presets/{preset_id}/clone',
    summary: 'Save a copy of a preset as a policy',
    auth: 'key',
    local: 'live',
    stream: 'none',
    response: policySaveResponseSchema,
    relay: true,
  },
  {
    id: 'policies.get',
    method: 'GET',
    path: '/policies/{policy_id}',
    summary: 'One saved policy',
    auth: 'key',
    local: 'live',
    stream: 'none',
    response: runtimePolicySchema,
    relay: true,
  },
  {
    id: 'policies.run-saved',
    method: 'POST',
    path: '/policies/{policy_id}/run',
    summary: 'Run a saved policy',
    auth: 'key',
    local: 'live',
    stream: 'none',
    request: policyRunRequestSchema.omit({ policy: true, policy_id: true }),
    response: policyRunResponseSchema,
    relay: true,
  },
  {
    id: 'policies.delete',
    method: 'DELETE',
    path: '/policies/{policy_id}',
    summary: 'Delete a saved policy (extension)',
    auth: 'key',
    local: 'live',
    stream: 'none',
    response: z.object({ deleted: z.boolean(), policy_id: z.string() }),
    relay: true,
  },
  {
    id: 'behaviors.list',
    method: 'GET',
    path: '/behaviors',
    summary:
      "Behaviors: the model's built-ins (read-only, with their measured evidence) and those made here; ?format=list answers a bare array (extension)",
    auth: 'key',
    local: 'live',
    stream: 'none',
    response: behaviorListSchema,
    relay: true,
  },
  {
    id: 'behaviors.create',
    method: 'POST',
    path: '/behaviors/create',
    summary:
      "A behavior from contrast pairs: a sparse probe over the SAE's latents at the answers' characters, Platt-calibrated, with a drift threshold and a correction vector (CAA from the same pairs unless steering_vector_id is given), stored in SQLite",
    auth: 'key',
    local: 'live',
    stream: 'none',
    request: behaviorCreateRequestSchema,
    response: behaviorSchema.extend({
      sae_baseline_path: z.string(),
      generation_prompts_path: z.string().nullable(),
      sae_id: z.string(),
    }),
    relay: true,
  },
  planned(
    'behaviors.recompute-baselines',
    'POST',
    '/behaviors/recompute-baselines',
    'Recompute behavior baselines',
    'behaviors',
  ),
  {
    id: 'behaviors.rename',
    method: 'PATCH',
    path: '/behaviors/{behavior_id}/rename',
    summary: 'Rename a user behavior (built-ins are read-only)',
    auth: 'key',
    local: 'live',
    stream: 'none',
    request: behaviorRenameRequestSchema,
    response: behaviorSchema,
    relay: true,
  },
  {
    id: 'behaviors.delete',
    method: 'DELETE',
    path: '/behaviors/{behavior_id}',
    summary: 'Delete a user behavior (extension; built-ins are read-only; its correction vector stays)',
    auth: 'key',
    local: 'live',
    stream: 'none',
    response: behaviorDeleteResponseSchema,
    relay: true,
  },
  {
    id: 'steering.generate',
    method: 'POST',
    path: '/steering/generate',
    summary:
      "A steering vector from the user's contrast pairs (CAA at the answer positions; few-shot is computed as CAA and says so), stored in SQLite; status frames over SSE",
    auth: 'key',
    local: 'live',
    stream: 'native',
    request: steeringGenerateRequestSchema,
    response: steeringGenerateResultSchema,
    frame: steeringGenerateFrameSchema,
    relay: true,
  },
  {
    id: 'steering.run',
    method: 'POST',
    path: '/steering/run',
    summary: 'Run Steered Endpoint: /generate as plain JSON, with multiplier scaling the strength',
    auth: 'key',
    local: 'live',
    stream: 'none',
    request: steeringRunRequestSchema,
    response: generateResultSchema,
    relay: true,
  },
  planned('steering.evaluate', 'POST', '/steering/evaluate', 'Evaluate steering', 'steering evaluation'),
  planned('steering.generate-pairs', 'POST', '/steering/generate-pairs', 'Generate contrast pairs', 'pair generation'),
  {
    id: 'steering.vectors.list',
    method: 'GET',
    path: '/steering/vectors',
    summary:
      "Steering vectors: the model's built-in ones and those computed here (extension; the hosted list is JWT-only)",
    auth: 'key',
    local: 'live',
    stream: 'none',
    response: steeringVectorListSchema,
    relay: true,
  },
  {
    id: 'steering.vectors.bulk-delete',
    method: 'POST',
    path: '/steering/vectors/bulk-delete',
    summary: 'Delete several user vectors (extension; built-ins are read-only)',
    auth: 'key',
    local: 'live',
    stream: 'none',
    request: steeringBulkDeleteRequestSchema,
    response: steeringBulkDeleteResponseSchema,
    relay: true,
  },
  {
    id: 'steering.vectors.download',
    method: 'GET',
    path: '/steering/vectors/{vector_id}/download',
    summary: "A vector as {layer key: floats} (each layer's direction × scale), as mechanex's save_vectors writes it",
    auth: 'key',
    local: 'live',
    stream: 'none',
    response: steeringDownloadSchema,
    relay: true,
  },
  {
    id: 'steering.vectors.download-built-in',
    method: 'GET',
    path: '/steering/vectors/{model}/{name}/download',
    summary:
      'A built-in vector by its id `model/name` with the slash unencoded (mechanex puts the id in the path as it is)',
    auth: 'key',
    local: 'live',
    stream: 'none',
    response: steeringDownloadSchema,
    relay: false,
  },
  {
    id: 'steering.vectors.label',
    method: 'PATCH',
    path: '/steering/vectors/{vector_id}',
    summary: 'Relabel a user vector (extension; built-ins are read-only)',
    auth: 'key',
    local: 'live',
    stream: 'none',
    request: steeringLabelRequestSchema,
    response: steeringVectorItemSchema,
    relay: true,
  },
  {
    id: 'steering.vectors.delete',
    method: 'DELETE',
    path: '/steering/vectors/{vector_id}',
    summary: 'Delete a user vector (built-ins are read-only)',
    auth: 'key',
    local: 'live',
    stream: 'none',
    response: steeringDeleteResponseSchema,
    relay: true,
  },
] as const satisfies readonly RouteSpec[];

export type RouteEntry = (typeof ROUTES)[number];
export type RouteId = RouteEntry['id'];
export type LiveRouteId = Extract<RouteEntry, { local: 'live' }>['id'];
export type RouteById<Id extends RouteId> = Extract<RouteEntry, { id: Id }>;

const byId = new Map<string, RouteSpec>(ROUTES.map((r) => [r.id, r]));

export function route<Id extends RouteId>(id: Id): RouteById<Id> {
  return byId.get(id) as RouteById<Id>;
}

/** `{param}` segments in a template match one path segment of these characters (`%`: a percent-encoded one, e.g. a
 * built-in vector id `austen-mini%2Fdialogue`). */
const PARAM_CHARS = '[A-Za-z0-9._:%-]+';

/** A regular expression matching the concrete paths of a template (anchored). */
export function pathPattern(template: string): RegExp {
  const src = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? PARAM_CHARS : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${src}$`);
}

/** The path template in Hono's syntax (`{id}` → `:id`). */
export function honoPath(template: string): string {
  return template.replace(/\{([^}]+)\}/g, ':$1');
}

const patterns = ROUTES.map((r) => ({ r: r as RouteSpec, re: pathPattern(r.path) }));

/** The table's route for a concrete method and path, if any. */
export function findRoute(method: string, path: string): RouteSpec | undefined {
  return patterns.find((p) => p.r.method === method && p.re.test(path))?.r;
}

/** The methods the table has for a concrete path (empty when no route has it). */
export function methodsFor(path: string): string[] {
  return [...new Set(patterns.filter((p) => p.re.test(path)).map((p) => p.r.method))];
}

/**
 * The API's URL prefixes: the first segment of every route path (`/v1`, `/models`, `/auth`, …). Every path under
 * them belongs to the API (and needs the key unless its route says otherwise), never to the SPA.
 */
export const API_PREFIXES: readonly string[] = [...new Set(ROUTES.map((r) => `/${r.path.split('/')[1] ?? ''}`))];

export function isApiPath(path: string): boolean {
  return API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}
