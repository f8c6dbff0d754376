// The steering panel's vector and strength → the one request object: request-level fields on every plain route
// (the seed page's shape), the policy's steering block beside a policy, nothing at strength 0, and a clear refusal
// where the request cannot carry it.
import { describe, expect, it } from 'vitest';
import { findRoute } from '../../protocol/routes.ts';
import { DEFAULT_GUIDE, type DraftGuide } from './guide-from-draft.ts';
import { type DraftInput, requestFromDraft } from './request-from-draft.ts';
import type { RouteKey } from './run-spec.ts';
import { DEFAULT_STEERING, type DraftSteering } from './steering.ts';

const draft = (mode: RouteKey, steering: Partial<DraftSteering>, guide: Partial<DraftGuide> = {}): DraftInput => ({
  mode,
  model: 'austen-mini',
  messages: [{ role: 'user', content: 'Who is Emma?' }],
  composer: '',
  prompt: 'It is a truth',
  params: { max_tokens: 40, temperature: 0.8, stop: [], seed: 3 },
  stream: true,
  topLogprobs: 0,
  guide: { ...DEFAULT_GUIDE, ...guide, texts: { ...DEFAULT_GUIDE.texts, ...guide.texts } },
  steering: { ...DEFAULT_STEERING, ...steering },
});
const conn = { target: 'local' as const, baseUrl: 'http://127.0.0.1:8420', apiKey: 'ax_k' };
const ON = { vectorId: 'austen-mini/exclamation', strength: 1.5 };

describe('request-level steering', () => {
  it.each(['chat', 'completion', 'generate'] as const)(
    'the %s route carries steering_vector_id and steering_strength',
    (mode) => {
      const req = requestFromDraft(draft(mode, ON), conn);
      expect(req.body).toMatchObject({ steering_vector_id: 'austen-mini/exclamation', steering_strength: 1.5 });
      // and the server's own schema for that route accepts the body
      const r = findRoute(req.method, req.meta.path);
      expect(r?.request?.safeParse(req.body).success).toBe(true);
    },
  );

  it('puts the fields last, before stream, as the seed page does', () => {
    const keys = Object.keys(requestFromDraft(draft('chat', ON), conn).body ?? {});
    expect(keys.slice(-3)).toEqual(['steering_vector_id', 'steering_strength', 'stream']);
  });

  it('sends nothing at strength 0 or without a vector (0 is off)', () => {
    for (const s of [
      { ...ON, strength: 0 },
      { vectorId: '', strength: 2 },
      { vectorId: '   ', strength: 2 },
    ]) {
      const body = requestFromDraft(draft('chat', s), conn).body ?? {};
      expect(body).not.toHaveProperty('steering_vector_id');
      expect(body).not.toHaveProperty('steering_strength');
    }
  });

  it('rides the direct guided route (/sampling/generate) as request-level fields', () => {
    const req = requestFromDraft(
      draft('chat', ON, { kind: 'regex', transport: 'direct', texts: { regex: '[a-z]+' } as never }),
      conn,
    );
    expect(req.meta.path).toBe('/sampling/generate');
    expect(req.body).toMatchObject({ steering_vector_id: ON.vectorId, steering_strength: 1.5 });
  });
});

describe('steering beside a policy', () => {
  it('a constraint’s inline policy gets the steering block (never request-level fields)', () => {
    const req = requestFromDraft(draft('chat', ON, { kind: 'regex', texts: { regex: '[a-z]+' } as never }), conn);
    expect(req.body).not.toHaveProperty('steering_vector_id');
    expect((req.body?.policy as Record<string, unknown> | undefined)?.steering).toEqual({
      enabled: true,
      vector_id: ON.vectorId,
      strength: 1.5,
    });
  });

  it('the editor’s policy keeps its other steering fields and gets the vector', () => {
    const policy = JSON.stringify({ steering: { enabled: false, layer_scope: 'all' } });
    const req = requestFromDraft(draft('chat', ON, { kind: 'policy', texts: { policy } as never }), conn);
    expect((req.body?.policy as Record<string, unknown> | undefined)?.steering).toEqual({
      enabled: true,
      layer_scope: 'all',
      vector_id: ON.vectorId,
      strength: 1.5,
    });
  });

  it('refuses, in words, a policy that steers already and a saved policy', () => {
    const policy = JSON.stringify({ steering: { enabled: true, vector_id: 'x' } });
    expect(() => requestFromDraft(draft('chat', ON, { kind: 'policy', texts: { policy } as never }), conn)).toThrow(
      /own steering block/,
    );
    expect(() => requestFromDraft(draft('chat', ON, { kind: 'policy', policyId: 'pol_1' }), conn)).toThrow(
      /saved policy/,
    );
    // at strength 0 both run as they are
    expect(() =>
      requestFromDraft(draft('chat', { ...ON, strength: 0 }, { kind: 'policy', policyId: 'pol_1' }), conn),
    ).not.toThrow();
  });

  it('raw mode sends the edited body untouched', () => {
    const req = requestFromDraft({ ...draft('chat', ON), rawBody: '{"model":"m","messages":[]}' }, conn);
    expect(req.body).toEqual({ model: 'm', messages: [] });
  });
});

describe('a mix of vectors', () => {
  const floats = { 'austen-mini/json': { '3': [1, 0] }, 'austen-mini/exclamation': { '5': [0, 2] } };
  const mix: Partial<DraftSteering> = {
    vectorId: 'austen-mini/json',
    strength: 0.5,
    more: [{ vectorId: 'austen-mini/exclamation', strength: 1 }],
    floats,
    floatsFrom: conn.baseUrl,
  };

  it('travels as one inline steering_vector at strength 1 (the contract names one id at most)', () => {
    const req = requestFromDraft(draft('chat', mix), conn);
    expect(req.body).toMatchObject({ steering_vector: { '3': [0.5, 0], '5': [0, 2] }, steering_strength: 1 });
    expect(req.body).not.toHaveProperty('steering_vector_id');
    const r = findRoute(req.method, req.meta.path);
    expect(r?.request?.safeParse(req.body).success).toBe(true);
  });

  it('goes in a policy’s block as its inline vector', () => {
    const req = requestFromDraft(draft('chat', mix, { kind: 'regex', texts: { regex: '[a-z]+' } as never }), conn);
    expect((req.body?.policy as Record<string, unknown> | undefined)?.steering).toEqual({
      enabled: true,
      vector: { '3': [0.5, 0], '5': [0, 2] },
      strength: 1,
    });
  });

  it('is one vector when only one of them steers, and waits for floats it does not have', () => {
    const one = requestFromDraft(draft('chat', { ...mix, strength: 0 }), conn);
    expect(one.body).toMatchObject({ steering_vector_id: 'austen-mini/exclamation', steering_strength: 1 });
    expect(() => requestFromDraft(draft('chat', { ...mix, floats: {} }), conn)).toThrow(/still loading/);
    // floats downloaded from another server are not this one's
    expect(() => requestFromDraft(draft('chat', { ...mix, floatsFrom: 'http://elsewhere' }), conn)).toThrow(
      /still loading/,
    );
  });

  it('is not sent where a mix cannot go (hosted): the first vector alone steers', () => {
    const hosted = { target: 'hosted' as const, baseUrl: 'https://api.axioniclabs.ai', apiKey: 'ax_h' };
    const req = requestFromDraft(draft('chat', mix), hosted);
    expect(req.body).toMatchObject({ steering_vector_id: 'austen-mini/json', steering_strength: 0.5 });
    expect(req.body).not.toHaveProperty('steering_vector');
  });
});
