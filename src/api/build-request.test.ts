import { describe, expect, it } from 'vitest';
import { buildBody, buildRequest, HOSTED_BASE_URL, maskHeaders, transportFor } from './build-request.ts';
import type { RunSpec } from './run-spec.ts';

const spec: RunSpec = {
  target: 'local',
  baseUrl: 'http://127.0.0.1:8420/',
  apiKey: 'ax_local_key_0123456789',
  mode: 'chat',
  model: 'austen-mini',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hello' },
  ],
  prompt: 'unused in chat',
  params: { max_tokens: 50, temperature: 0.5, top_k: 40, stop: ['\n\n'], seed: 3 },
  stream: true,
  topLogprobs: 2,
};

describe('buildRequest', () => {
  it('builds the chat request: logical URL, key header, body with only the set fields, in order', () => {
    const r = buildRequest(spec);
    expect(r.method).toBe('POST');
    expect(r.url).toBe('http://127.0.0.1:8420/v1/chat/completions');
    expect(r.headers).toEqual({ 'Content-Type': 'application/json', 'x-api-key': 'ax_local_key_0123456789' });
    expect(Object.keys(r.body ?? {})).toEqual([
      'model',
      'messages',
      'max_tokens',
      'temperature',
      'top_k',
      'stop',
      'seed',
      'logprobs',
      'top_logprobs',
      'stream',
    ]);
    expect(r.body).toMatchObject({ logprobs: true, top_logprobs: 2, stop: ['\n\n'] });
    expect(r.meta).toMatchObject({ target: 'local', baseUrl: 'http://127.0.0.1:8420', path: '/v1/chat/completions' });
  });

  it('builds a completion with the legacy logprobs field (capped at 5) and no messages', () => {
    const body = buildBody({
      ...spec,
      mode: 'completion',
      topLogprobs: 9,
      params: { max_tokens: 5, temperature: 0, stop: [] },
    });
    expect(body).toEqual({
      model: 'austen-mini',
      prompt: 'unused in chat',
      max_tokens: 5,
      temperature: 0,
      logprobs: 5,
      stream: true,
    });
  });

  it('sends an edited raw body as it is', () => {
    const raw = { model: 'x', prompt: 'raw', weird_field: [1] };
    expect(buildRequest({ ...spec, rawBody: raw }).body).toBe(raw);
  });

  it('routes the hosted target through the relay with both keys, and masks keys for display', () => {
    const r = buildRequest({ ...spec, target: 'hosted', baseUrl: HOSTED_BASE_URL, apiKey: 'ax_hosted_abcdef123456' });
    expect(r.url).toBe('https://api.axioniclabs.ai/v1/chat/completions');
    const t = transportFor(r, 'ax_local_999', 'http://127.0.0.1:8420');
    expect(t.url).toBe('http://127.0.0.1:8420/upstream/v1/chat/completions');
    expect(t.headers).toMatchObject({ 'x-api-key': 'ax_hosted_abcdef123456', 'x-axplay-key': 'ax_local_999' });
    const shown = maskHeaders(t.headers);
    expect(JSON.stringify(shown)).not.toContain('abcdef123456');
    expect(JSON.stringify(shown)).not.toContain('ax_local_999');
    // local and custom targets are fetched at their own URL and never get the local key
    const c = transportFor(
      buildRequest({ ...spec, target: 'custom', baseUrl: 'https://x.example' }),
      'ax_local_999',
      'http://127.0.0.1:8420',
    );
    expect(c.url).toBe('https://x.example/v1/chat/completions');
    expect(JSON.stringify(c.headers)).not.toContain('ax_local_999');
  });
});
