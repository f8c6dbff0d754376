import { describe, expect, it } from 'vitest';
import { type RouteSpec, route } from '../../../protocol/routes.ts';
import type { RunSpec } from '../run-spec.ts';
import { BROWSER_ROUTES, browserRoute, browserRouteForPath, ROUTE_KEYS, routePath } from './registry.ts';

const spec = (mode: RunSpec['mode'], over: Partial<RunSpec> = {}): RunSpec => ({
  target: 'local',
  baseUrl: 'http://127.0.0.1:8420',
  apiKey: 'ax_x',
  mode,
  model: 'austen-mini',
  messages: [{ role: 'user', content: 'Hi' }],
  prompt: 'It is',
  params: { max_tokens: 4096, temperature: 2, top_p: 1, top_k: 0, sampling_method: 'min-p', stop: ['a', 'b'], seed: 0 },
  stream: true,
  topLogprobs: 20,
  ...over,
});

describe('the browser route registry', () => {
  it('names live routes of the table by id, one module per key', () => {
    expect(new Set(ROUTE_KEYS).size).toBe(BROWSER_ROUTES.length);
    for (const r of BROWSER_ROUTES) {
      expect(route(r.routeId).local, r.key).toBe('live');
      expect(browserRouteForPath(routePath(r))).toBe(r);
      expect(browserRoute(r.key)).toBe(r);
    }
    expect(browserRouteForPath('/nope')).toBeUndefined();
  });

  it('every body the form can build is accepted by the server schema of its route', () => {
    for (const r of BROWSER_ROUTES) {
      for (const over of [
        {},
        { stream: false, topLogprobs: 0 },
        { params: { max_tokens: 1, temperature: 0, stop: [] } },
      ]) {
        const body = r.body(spec(r.key, over));
        const schema = (route(r.routeId) as RouteSpec).request;
        const parsed = schema?.safeParse(body);
        expect(parsed?.error, `${r.key} ${JSON.stringify(body)}`).toBeUndefined();
      }
    }
  });

  it('alternatives per token are capped to what each route takes', () => {
    expect(browserRoute('chat').body(spec('chat'))).toMatchObject({ logprobs: true, top_logprobs: 20 });
    expect(browserRoute('completion').body(spec('completion')).logprobs).toBe(5);
    expect(browserRoute('generate').body(spec('generate'))).not.toHaveProperty('logprobs');
  });

  it('/generate asks for JSON with Accept when streaming is off', () => {
    expect(browserRoute('generate').headers?.(spec('generate', { stream: false }))).toEqual({
      Accept: 'application/json',
    });
    expect(browserRoute('generate').headers?.(spec('generate'))).toEqual({});
  });
});
