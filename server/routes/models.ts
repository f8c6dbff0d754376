// Model listing and introspection: /models (HostedModel[]), /v1/models (OpenAI list), /graph, /health, and the
// two /auth routes the SDKs use (set-model, verify-key). Other /auth routes answer 404: no accounts locally.
import type { Hono } from 'hono';
import { CHAT_TEMPLATE } from '../../protocol/chat-template.ts';
import { METHOD_DEFAULTS } from '../../protocol/defaults.ts';
import type { HostedModel } from '../../protocol/models.ts';
import type { AppEnv, ServerDeps } from '../context.ts';
import { ApiError, notFound, respondError } from '../errors.ts';
import type { Handlers } from '../register-routes.ts';

export function resolveModel(deps: ServerDeps, requested: string | null | undefined, apiKey?: string): string {
  const name =
    requested && requested !== 'default'
      ? requested
      : (apiKey && deps.store.keyRow(apiKey)?.selected_model) || deps.model.name;
  if (name !== deps.model.name && name !== deps.model.id) {
    throw notFound(`The model '${name}' does not exist on the local runtime. Available: ${deps.model.name}`);
  }
  return deps.model.name;
}

export function hostedModel(deps: ServerDeps): HostedModel {
  const m = deps.model;
  return {
    id: m.id,
    name: m.name,
    base_url: 'local',
    is_default: true,
    is_active: true,
    created_at: m.createdAt,
    required_auth: false,
    description: m.description,
    hf_model_name: null,
    sae_release_id: null,
    trainable: false,
    inference_only: true,
    // axplay extensions
    context_length: m.ctx,
    tokenizer: 'character (97 ids: newline, printable ASCII, end-of-text)',
    chat_template: CHAT_TEMPLATE,
    sampling_method_defaults: METHOD_DEFAULTS,
    capabilities: {
      chat: true,
      continue_final_message: true,
      completions: true,
      logprobs: true,
      streaming: true,
      steering: true,
      sae: false,
      guided_generation: false,
    },
  };
}

const created = (deps: ServerDeps) => Math.floor(Date.parse(deps.model.createdAt) / 1000);

export function modelHandlers(
  deps: ServerDeps,
): Pick<
  Handlers,
  'health' | 'models.list' | 'v1.models.list' | 'v1.models.get' | 'graph' | 'auth.verify-key' | 'auth.set-model'
> {
  return {
    health: (c) =>
      c.json({
        status: deps.store.state.status === 'failing' ? 'degraded' : 'ok',
        model: deps.model.name,
        device: 'cpu',
        num_layers: deps.model.nLayer,
        workers: deps.pool.size,
        busy: deps.pool.busy,
        queued: deps.pool.queued,
        storage: deps.store.state.status,
        memory_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
      }),
    'models.list': (c) => c.json([hostedModel(deps)]),
    'v1.models.list': (c) =>
      c.json({
        object: 'list',
        data: [
          {
            id: deps.model.name,
            object: 'model',
            created: created(deps),
            owned_by: 'axplay-local',
            axionic: { sae_release_id: null, supports_sae: false, context_length: deps.model.ctx },
          },
        ],
      }),
    'v1.models.get': (c) => {
      if (c.req.param('model_id') !== deps.model.name)
        return respondError(c, notFound(`The model '${c.req.param('model_id')}' does not exist`));
      return c.json({ id: deps.model.name, object: 'model', created: created(deps), owned_by: 'axplay-local' });
    },
    graph: (c) =>
      c.json({
        graph: Array.from({ length: deps.model.nLayer }, (_, l) => [
          { name: `blocks.${l}.hook_resid_pre`, type: 'resid_pre', layer: l, shape: [deps.model.dModel] },
          { name: `blocks.${l}.hook_resid_post`, type: 'resid_post', layer: l, shape: [deps.model.dModel] },
        ]).flat(),
      }),
    'auth.verify-key': (c) => c.json({ valid: true }),
    'auth.set-model': (c, body) => {
      try {
        const name = resolveModel(deps, body.model_name);
        deps.store.setSelectedModel(c.get('apiKey'), name);
        return c.json({ status: 'ok', model_name: name, model_id: deps.model.id });
      } catch (e) {
        if (e instanceof ApiError) return respondError(c, e);
        throw e;
      }
    },
  };
}

/** /auth routes other than the two above: the local runtime has no accounts. */
export function registerNoAccounts(app: Hono<AppEnv>): void {
  app.all('/auth/*', (c) =>
    respondError(
      c,
      notFound('The local runtime has no accounts: only /auth/verify-key and /auth/api-keys/set-model exist here'),
    ),
  );
}
