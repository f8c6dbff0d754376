// The routes the playground can run, in the order the prompt panel offers them, and the one a guided run's direct
// transport takes. Adding one: a module in this folder and one line here.
import { route } from '../../../protocol/routes.ts';
import { usesSamplingRoute } from '../guide.ts';
import type { RouteKey, RunSpec } from '../run-spec.ts';
import { chatRoute } from './chat.ts';
import { completionRoute } from './completion.ts';
import { generateRoute } from './generate.ts';
import { saeRoute } from './sae.ts';
import { samplingRoute } from './sampling.ts';
import type { BrowserRoute, ModeRoute } from './types.ts';

export const BROWSER_ROUTES: readonly ModeRoute[] = [
  chatRoute as ModeRoute,
  completionRoute as ModeRoute,
  generateRoute as ModeRoute,
];

export const ROUTE_KEYS: readonly RouteKey[] = BROWSER_ROUTES.map((r) => r.key);

export function browserRoute(key: RouteKey): ModeRoute {
  return BROWSER_ROUTES.find((r) => r.key === key) ?? (chatRoute as ModeRoute);
}

/** The route a run takes: its mode's, /sampling/generate for a constraint sent directly, or /sae/generate for a
 * Generate run with behaviors. */
export function routeFor(spec: Pick<RunSpec, 'mode' | 'guide' | 'behaviors'>): BrowserRoute {
  if (usesSamplingRoute(spec.guide, spec.mode)) return samplingRoute;
  if (spec.behaviors && spec.mode === 'generate') return saeRoute;
  return browserRoute(spec.mode);
}

/** The API path of a playground route (from the route table). */
export function routePath(r: BrowserRoute): string {
  return route(r.routeId).path;
}

/** The playground route whose path this is (how the client picks a decoder for a request). */
export function browserRouteForPath(path: string): BrowserRoute | undefined {
  return [...BROWSER_ROUTES, samplingRoute, saeRoute].find((r) => routePath(r) === path);
}
