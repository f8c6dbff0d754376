// GET /openapi.json: the API's description, generated once from the route table (no key needed: it holds none).
import { buildOpenApi } from '../../protocol/openapi.ts';
import type { ServerDeps } from '../context.ts';
import type { Handlers } from '../register-routes.ts';

export function openApiHandlers(deps: ServerDeps): Pick<Handlers, 'openapi'> {
  let doc: Record<string, unknown> | undefined;
  return {
    openapi: (c) => {
      doc ??= buildOpenApi({
        title: 'axplay local runtime',
        version: '0.1.0',
        description: `The local Axionic-compatible API serving ${deps.model.name}. Routes marked x-axplay-local: planned answer 501 until their feature lands.`,
      });
      return c.json(doc);
    },
  };
}
