// Behaviors in the request: the Generate mode goes to /sae/generate with the seed page's body; the OpenAI routes carry
// behavior_names / force_steering; what cannot ride is refused in words before anything is sent.
import { describe, expect, it } from 'vitest';
import { saeGenerateRequestSchema } from '../../protocol/sae.ts';
import {
  behaviorsFromDraft,
  DEFAULT_BEHAVIORS,
  type RunBehaviors,
  requestHasBehaviors,
  setPickedMode,
  togglePicked,
} from './behaviors.ts';
import { buildRequest } from './build-request.ts';
import { requestFromDraft } from './request-from-draft.ts';
import type { RunSpec } from './run-spec.ts';

const behaviors: RunBehaviors = { monitor: ['dialogue', 'json'], forced: ['exclamation'], features: true };
const spec: RunSpec = {
  target: 'local',
  baseUrl: 'http://127.0.0.1:8420',
  apiKey: 'ax_key',
  mode: 'generate',
  model: 'austen-mini',
  messages: [{ role: 'user', content: 'Hi' }],
  prompt: 'Anne said, ',
  params: { max_tokens: 60, temperature: 0.8, top_p: 0.95, stop: ['\n'], seed: 2 },
  stream: true,
  topLogprobs: 0,
  behaviors,
};

describe('a run with behaviors', () => {
  it('Generate goes to /sae/generate: the seed body, sampling fields, features only when streamed', () => {
    const r = buildRequest(spec);
    expect(r.meta.path).toBe('/sae/generate');
    expect(r.url).toBe('http://127.0.0.1:8420/sae/generate');
    expect(r.body).toEqual({
      model: 'austen-mini',
      prompt: 'Anne said, ',
      max_new_tokens: 60,
      behavior_names: ['dialogue', 'json'],
      force_steering: ['exclamation'],
      temperature: 0.8,
      top_p: 0.95,
      seed: 2,
      include_activations: true,
      top_k_features: 8,
    });
    expect(saeGenerateRequestSchema.safeParse(r.body).success).toBe(true);
    expect(r.headers.Accept).toBeUndefined();
    const whole = buildRequest({ ...spec, stream: false });
    expect(whole.headers.Accept).toBe('application/json');
    expect(whole.body).not.toHaveProperty('include_activations');
    expect(buildRequest({ ...spec, behaviors: { ...behaviors, features: false } }).body).not.toHaveProperty(
      'top_k_features',
    );
  });

  it('Chat and Completion carry the names in the body (OpenAI clients send them in extra_body)', () => {
    const chat = buildRequest({ ...spec, mode: 'chat' });
    expect(chat.meta.path).toBe('/v1/chat/completions');
    expect(chat.body).toMatchObject({ behavior_names: ['dialogue', 'json'], force_steering: ['exclamation'] });
    expect(chat.body).not.toHaveProperty('include_activations');
    const completion = buildRequest({
      ...spec,
      mode: 'completion',
      behaviors: { monitor: ['json'], forced: [], features: true },
    });
    expect(completion.body).toMatchObject({ behavior_names: ['json'] });
    expect(completion.body).not.toHaveProperty('force_steering');
  });

  it('without behaviors nothing changes: Generate stays /generate', () => {
    expect(buildRequest({ ...spec, behaviors: undefined }).meta.path).toBe('/generate');
  });

  it('is recognised as monitored by path or by the names in the body', () => {
    expect(requestHasBehaviors(buildRequest(spec))).toBe(true);
    expect(requestHasBehaviors(buildRequest({ ...spec, mode: 'chat' }))).toBe(true);
    expect(requestHasBehaviors(buildRequest({ ...spec, mode: 'chat', behaviors: undefined }))).toBe(false);
    expect(requestHasBehaviors({ body: { behavior_names: [] }, meta: { path: '/v1/completions' } })).toBe(false);
  });
});

describe('the panel’s behaviors', () => {
  it('toggles on as Monitor, switches mode, toggles off', () => {
    let b = togglePicked(DEFAULT_BEHAVIORS, 'dialogue');
    expect(b.picked).toEqual([{ name: 'dialogue', mode: 'monitor' }]);
    b = setPickedMode(togglePicked(b, 'json'), 'json', 'forced');
    expect(behaviorsFromDraft(b, { mode: 'generate' })).toEqual({
      monitor: ['dialogue'],
      forced: ['json'],
      features: true,
    });
    expect(togglePicked(b, 'dialogue').picked).toEqual([{ name: 'json', mode: 'forced' }]);
  });

  it('none picked (or only blank names) is no behaviors at all', () => {
    expect(behaviorsFromDraft(DEFAULT_BEHAVIORS, { mode: 'chat' })).toBeUndefined();
    expect(
      behaviorsFromDraft({ picked: [{ name: '  ', mode: 'monitor' }], features: true }, { mode: 'chat' }),
    ).toBeUndefined();
  });

  it('refuses in words what the server would refuse: beside a constraint or policy; steering on /sae/generate', () => {
    const b = togglePicked(DEFAULT_BEHAVIORS, 'dialogue');
    expect(() => behaviorsFromDraft(b, { mode: 'chat', guide: { kind: 'regex' } })).toThrow(
      /Behaviors: guided output cannot be monitored/,
    );
    expect(() => behaviorsFromDraft(b, { mode: 'generate', steering: { kind: 'vector' } })).toThrow(
      /takes no steering vector/,
    );
    // the OpenAI routes take steering beside behaviors
    expect(behaviorsFromDraft(b, { mode: 'chat', steering: { kind: 'vector' } })?.monitor).toEqual(['dialogue']);
  });

  it('the draft’s behaviors reach the request; raw mode sends the edited body as it is', () => {
    const draft = {
      mode: 'generate' as const,
      model: 'austen-mini',
      messages: [],
      composer: '',
      prompt: 'p',
      params: { max_tokens: 5, temperature: 1, stop: [] },
      stream: true,
      topLogprobs: 0,
      behaviors: togglePicked(DEFAULT_BEHAVIORS, 'question'),
    };
    const c = { target: 'local' as const, baseUrl: 'http://x', apiKey: 'k' };
    expect(requestFromDraft(draft, c).body).toMatchObject({ behavior_names: ['question'] });
    // the edited body goes where the behaviors chose, as it is
    const raw = requestFromDraft({ ...draft, rawBody: '{"prompt":"q","behavior_names":["json"]}' }, c);
    expect(raw.meta.path).toBe('/sae/generate');
    expect(raw.body).toEqual({ prompt: 'q', behavior_names: ['json'] });
    expect(requestFromDraft({ ...draft, behaviors: DEFAULT_BEHAVIORS, rawBody: '{}' }, c).meta.path).toBe('/generate');
    // stop sequences cannot ride /sae/generate: said before sending
    expect(() => requestFromDraft({ ...draft, params: { ...draft.params, stop: ['\n'] } }, c)).toThrow(
      /takes no stop sequences/,
    );
    expect(
      requestFromDraft({ ...draft, mode: 'completion', params: { ...draft.params, stop: ['\n'] } }, c).body,
    ).toMatchObject({
      behavior_names: ['question'],
      stop: ['\n'],
    });
  });
});
