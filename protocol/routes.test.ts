import { describe, expect, it } from 'vitest';
import {
  API_PREFIXES,
  findRoute,
  honoPath,
  isApiPath,
  methodsFor,
  pathPattern,
  ROUTES,
  type RouteSpec,
} from './routes.ts';

const all = ROUTES as readonly RouteSpec[];

describe('the route table', () => {
  it('has unique ids and unique method + path pairs', () => {
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    expect(new Set(all.map((r) => `${r.method} ${r.path}`)).size).toBe(all.length);
  });

  it('gives every live POST route a request schema, every streaming live route a frame schema', () => {
    for (const r of all.filter((x) => x.local === 'live')) {
      // a clone takes no body: the path names everything
      if (r.method === 'POST' && r.id !== 'policies.presets.clone') expect(r.request, r.id).toBeDefined();
      if (r.stream !== 'none') expect(r.frame, r.id).toBeDefined();
    }
  });

  it('names the feature of every planned route (for its 501 message)', () => {
    for (const r of all.filter((x) => x.local === 'planned')) expect(r.feature, r.id).toBeTruthy();
  });

  it('needs the key everywhere but /health and /openapi.json', () => {
    expect(all.filter((r) => r.auth === 'none').map((r) => r.path)).toEqual(['/health', '/openapi.json']);
  });

  it('lists static paths before templates that would also match them (Hono takes the first)', () => {
    for (const [i, r] of all.entries()) {
      if (r.path.includes('{')) continue;
      const earlierTemplate = all
        .slice(0, i)
        .find((t) => t.method === r.method && t.path.includes('{') && pathPattern(t.path).test(r.path));
      expect(earlierTemplate?.id, r.id).toBeUndefined();
    }
  });
});

describe('path templates', () => {
  it('match one segment per parameter, and escape the rest', () => {
    const re = pathPattern('/steering/vectors/{vector_id}/download');
    expect(re.test('/steering/vectors/abc-1_2.x/download')).toBe(true);
    expect(re.test('/steering/vectors/a/b/download')).toBe(false);
    expect(re.test('/steering/vectors//download')).toBe(false);
    expect(pathPattern('/openapi.json').test('/openapiXjson')).toBe(false);
    expect(honoPath('/policies/{policy_id}/run')).toBe('/policies/:policy_id/run');
  });

  it('find the route for a method and a concrete path, and the methods a path has', () => {
    expect(findRoute('POST', '/v1/chat/completions')?.id).toBe('v1.chat.completions');
    expect(findRoute('GET', '/v1/models/austen-mini')?.id).toBe('v1.models.get');
    expect(findRoute('GET', '/v1/chat/completions')).toBeUndefined();
    expect(findRoute('GET', '/policies/presets')?.id).toBe('policies.presets');
    expect(methodsFor('/behaviors')).toEqual(['GET']);
    expect(methodsFor('/nope')).toEqual([]);
  });
});

describe('API prefixes', () => {
  it('are the first segments of the table paths', () => {
    expect([...API_PREFIXES].sort()).toEqual(
      [
        '/auth',
        '/behaviors',
        '/generate',
        '/graph',
        '/health',
        '/models',
        '/openapi.json',
        '/policies',
        '/sae',
        '/sampling',
        '/steering',
        '/v1',
      ].sort(),
    );
  });

  it('cover a path exactly or as a folder, never as a string prefix', () => {
    for (const p of ['/v1/anything', '/models', '/models/x', '/auth/whoami', '/generate', '/health'])
      expect(isApiPath(p), p).toBe(true);
    for (const p of ['/', '/v2/chat', '/modelsx', '/upstream/v1/models', '/assets/x.js', '/generatex'])
      expect(isApiPath(p), p).toBe(false);
  });
});
