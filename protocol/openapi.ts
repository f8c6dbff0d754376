// GET /openapi.json: the route table as an OpenAPI 3.1 document (JSON Schema 2020-12, which zod emits), so users
// and tools see the local API's real shapes, as the hosted FastAPI backend publishes its own.
import { z } from 'zod';
import { errorBodySchema } from './errors.ts';
import { ROUTES, type RouteSpec } from './routes.ts';

export interface OpenApiOptions {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
  /** The server's base URL, listed under `servers`. */
  readonly serverUrl?: string;
}

type Json = Record<string, unknown>;

/** A zod schema as JSON Schema: requests as the client may send them, responses as the server produces them. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

const ERROR_REF = { $ref: '#/components/schemas/ErrorBody' };
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ERROR_REF } },
});

function successResponse(r: RouteSpec): Json {
  const json = r.response ? { schema: jsonSchemaOf(r.response, 'output') } : { schema: {} };
  const sse = {
    schema: { type: 'string', description: 'Server-sent events: one JSON object per `data:` line' },
    ...(r.frame ? { 'x-sse-frame': jsonSchemaOf(r.frame, 'output') } : {}),
  };
  if (r.stream === 'openai') {
    return {
      description:
        'The JSON answer, or with `stream: true` OpenAI chunks over SSE (`x-sse-frame`) ending with `data: [DONE]`',
      content: { 'application/json': json, 'text/event-stream': sse },
    };
  }
  if (r.stream === 'native') {
    return {
      description:
        "Status frames over SSE (`x-sse-frame`): started, token…, then exactly one complete or error; with `Accept: application/json` the complete frame's result as JSON",
      content: { 'text/event-stream': sse, 'application/json': json },
    };
  }
  if (r.stream === 'native-on-request') {
    return {
      description:
        'The JSON answer, or with `stream: true` status frames over SSE (`x-sse-frame`): started, token…, then exactly one complete (whose result is the JSON answer) or error',
      content: { 'application/json': json, 'text/event-stream': sse },
    };
  }
  return { description: 'OK', content: { 'application/json': json } };
}

function operation(r: RouteSpec): Json {
  const params = [...r.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const responses: Json = { '200': successResponse(r) };
  if (r.auth === 'key') responses['401'] = errorResponse('Missing or invalid API key');
  if (r.request) {
    responses['400'] = errorResponse('Malformed JSON, or a field of a feature the local runtime does not support');
    responses['422'] = errorResponse('A field failed validation (FastAPI-style list in `detail`)');
  }
  if (r.local === 'planned') responses['501'] = errorResponse(`Not available on the local runtime yet: ${r.feature}`);
  if (r.stream !== 'none') responses['429'] = errorResponse('Every engine worker is busy and the queue is full');
  return {
    operationId: r.id,
    summary: r.summary,
    tags: [r.path.split('/')[1] ?? ''],
    ...(params.length ? { parameters: params } : {}),
    security: r.auth === 'key' ? [{ apiKey: [] }, { bearer: [] }] : [],
    ...(r.request
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchemaOf(r.request, 'input') } },
          },
        }
      : {}),
    responses,
    'x-axplay-local': r.local,
    'x-axplay-stream': r.stream,
  };
}

export function buildOpenApi(o: OpenApiOptions, routes: readonly RouteSpec[] = ROUTES): Json {
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const entry = paths[r.path] ?? {};
    entry[r.method.toLowerCase()] = operation(r);
    paths[r.path] = entry;
  }
  return {
    openapi: '3.1.0',
    info: { title: o.title, version: o.version, ...(o.description ? { description: o.description } : {}) },
    ...(o.serverUrl ? { servers: [{ url: o.serverUrl }] } : {}),
    paths,
    components: {
      schemas: { ErrorBody: jsonSchemaOf(errorBodySchema, 'output') },
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        bearer: { type: 'http', scheme: 'bearer', description: 'The same ax_… key as a Bearer token (OpenAI SDKs)' },
      },
    },
  };
}
