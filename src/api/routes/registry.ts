// The routes the playground can run, in the order the prompt panel offers them. Adding one: a module in this
// folder and one line here.
import { route } from '../../../protocol/routes.ts';
import { chatRoute } from './chat.ts';
import { completionRoute } from './completion.ts';
import { generateRoute } from './generate.ts';
import type { BrowserRoute } from './types.ts';

export const BROWSER_ROUTES: readonly BrowserRoute[] = [chatRoute, completionRoute, generateRoute];

import type { RouteKey } from '../run-spec.ts';
export const ROUTE_KEYS = BROWSER_ROUTES.map((r) => r.key) as readonly RouteKey[];

export function browserRoute(key: RouteKey): BrowserRoute {
  return BROWSER_ROUTES.find((r) => r.key === key) ?? chatRoute;
}

/** The API path of a playground route (from the route table). */
export function routePath(r: BrowserRoute): string {
  return route(r.routeId).path;
}

/** The playground route whose path this is (how the client picks a decoder for a request). */
export function browserRouteForPath(path: string): BrowserRoute | undefined {
  return BROWSER_ROUTES.find((r) => routePath(r) === path);
}
