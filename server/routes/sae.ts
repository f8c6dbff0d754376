// GET /sae/features (extension): the model's SAE latents with their automatic labels, a page at a time
// (`offset`, `limit` ≤ MAX_FEATURE_PAGE, and `q` to keep the latents whose label contains it, any case).
import type { Context } from 'hono';
import { MAX_FEATURE_PAGE } from '../../protocol/sae.ts';
import type { ServerDeps } from '../context.ts';
import { ApiError, respondError } from '../errors.ts';
import type { Handlers } from '../register-routes.ts';

const DEFAULT_PAGE = 100;

/** A whole number query parameter in [min, max], or the default; a 400 naming it otherwise. */
function intParam(c: Context, name: string, dflt: number, min: number, max: number): number {
  const v = c.req.query(name);
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max)
    throw new ApiError(400, 'invalid_request_error', `${name}: a whole number from ${min} to ${max}, not '${v}'`, {
      code: 'invalid_value',
      param: name,
    });
  return n;
}

export function saeHandlers(deps: ServerDeps): Pick<Handlers, 'sae.features'> {
  return {
    'sae.features': (c) => {
      try {
        const sae = deps.saeFeatures;
        if (!sae)
          throw new ApiError(404, 'not_found', `The model "${deps.model.name}" has no SAE on this server`, {
            code: 'not_found',
          });
        const offset = intParam(c, 'offset', 0, 0, 1_000_000);
        const limit = intParam(c, 'limit', DEFAULT_PAGE, 1, MAX_FEATURE_PAGE);
        const q = (c.req.query('q') ?? '').trim().toLowerCase();
        const all = q ? sae.features.filter((f) => f.label.toLowerCase().includes(q)) : sae.features;
        return c.json({
          hook: sae.hook,
          sae_release: sae.release,
          total: all.length,
          offset,
          features: all.slice(offset, offset + limit),
        });
      } catch (e) {
        if (e instanceof ApiError) return respondError(c, e);
        throw e;
      }
    },
  };
}
