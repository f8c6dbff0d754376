// What each target does with the options and with fields its client cannot send (the text itself is covered by
// the expected files; running it by run-snippets.test.ts).
import { describe, expect, it } from 'vitest';
import type { RequestObject } from '../../api/request-object.ts';
import { mechanexBody, mechanexCall } from '../mechanex-call.ts';
import { SNIPPET_TARGETS } from '../registry.ts';
import { LOCAL_BASE_URL } from '../testing/fixture-request.ts';
import { FIXTURES } from '../testing/fixtures.ts';
import { curl } from './curl.ts';
import { javascriptFetch } from './javascript-fetch.ts';
import { javascriptOpenai } from './javascript-openai.ts';
import { pythonMechanex } from './python-mechanex.ts';
import { pythonOpenai } from './python-openai.ts';

function fixture(name: string): RequestObject {
  const f = FIXTURES.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.req;
}
const chat = fixture('chat-hostile');
const HEADER_KEY = chat.headers['x-api-key'] ?? '';

describe('the key', () => {
  it.each([
    [curl, '"x-api-key: $AXIONIC_API_KEY"'],
    [pythonMechanex, 'mx.set_key(os.environ["AXIONIC_API_KEY"])'],
    [pythonOpenai, 'api_key=os.environ["AXIONIC_API_KEY"]'],
    [javascriptOpenai, 'apiKey: process.env.AXIONIC_API_KEY'],
    [javascriptFetch, "'x-api-key': process.env.AXIONIC_API_KEY"],
  ])('%# env mode reads AXIONIC_API_KEY and never writes the key', (target, expected) => {
    const { code } = target.render(chat, { keyMode: 'env', apiKey: 'ax_active' });
    expect(code).toContain(expected);
    expect(code).not.toContain(HEADER_KEY);
    expect(code).not.toContain('ax_active');
  });

  it.each(SNIPPET_TARGETS.map((t) => [t.id, t] as const))(
    '%s inline: custom key, else active key, else header',
    (_id, t) => {
      expect(t.render(chat, { keyMode: 'inline', apiKey: 'ax_active', customKey: 'ax_custom' }).code).toContain(
        'ax_custom',
      );
      const active = t.render(chat, { keyMode: 'inline', apiKey: 'ax_active' }).code;
      expect(active).toContain('ax_active');
      expect(active).not.toContain('AXIONIC_API_KEY');
      expect(t.render(chat, { keyMode: 'inline' }).code).toContain(HEADER_KEY);
    },
  );
});

describe('the body', () => {
  it.each(SNIPPET_TARGETS.map((t) => [t.id, t] as const))('%s: a custom model replaces body.model', (_id, t) => {
    const { code } = t.render(chat, { keyMode: 'env', customModel: 'austen-maxi' });
    expect(code).toContain('austen-maxi');
    expect(code).not.toContain('whoami)"');
  });

  it('curl streams with -N only when the answer is a stream', () => {
    expect(curl.render(fixture('chat-local-stream'), { keyMode: 'env' }).code).toMatch(/^curl -N -X POST /);
    expect(curl.render(chat, { keyMode: 'env' }).code).toMatch(/^curl -X POST /);
  });

  it('Python (OpenAI) puts exactly the non-OpenAI fields in extra_body', () => {
    const { code } = pythonOpenai.render(chat, { keyMode: 'env' });
    expect(code).toContain('extra_body={"min_p": 0.02, "repetition_penalty": 1.1, "steering_strength": 0}');
    expect(code).toContain('client.chat.completions.create(');
    expect(pythonOpenai.render(fixture('completion-hostile'), { keyMode: 'env' }).code).toContain(
      'client.completions.create(',
    );
  });

  it('the OpenAI clients have no call for /generate and say so', () => {
    for (const t of [pythonOpenai, javascriptOpenai]) {
      const s = t.render(fixture('generate-local'), { keyMode: 'env' });
      expect(s.unsupported).toEqual(['prompt', 'max_tokens', 'sampling_method', 'top_p', 'temperature', 'seed']);
      expect(s.notes[0]).toMatch(/no call for POST \/generate/);
    }
  });

  it('curl and fetch render a GET without a body', () => {
    const get: RequestObject = {
      method: 'GET',
      url: `${LOCAL_BASE_URL}/models`,
      headers: { 'x-api-key': HEADER_KEY, accept: 'application/json' },
      meta: { target: 'local', baseUrl: LOCAL_BASE_URL, path: '/models' },
    };
    expect(curl.render(get, { keyMode: 'env' }).code).toBe(
      `curl ${LOCAL_BASE_URL}/models \\\n  -H "x-api-key: $AXIONIC_API_KEY" \\\n  -H "accept: application/json"\n`,
    );
    const f = javascriptFetch.render(get, { keyMode: 'env' }).code;
    expect(f).toContain("method: 'GET'");
    expect(f).not.toContain('body:');
  });
});

describe('Python (mechanex)', () => {
  it('sets MECHANEX_BASE_URL before the import, except for the hosted API', () => {
    const local = pythonMechanex.render(chat, { keyMode: 'inline' }).code;
    expect(local.indexOf('os.environ["MECHANEX_BASE_URL"] = "http://127.0.0.1:8420"')).toBeGreaterThan(-1);
    expect(local.indexOf('MECHANEX_BASE_URL')).toBeLessThan(local.indexOf('import mechanex as mx'));
    const hosted = pythonMechanex.render(fixture('chat-hosted-steering'), { keyMode: 'inline' }).code;
    expect(hosted).not.toContain('MECHANEX_BASE_URL');
    expect(hosted).not.toContain('import os');
  });

  it('lists every field it cannot send, in the result and in a comment', () => {
    const s = pythonMechanex.render(chat, { keyMode: 'env' });
    expect(s.unsupported).toEqual(['temperature', 'seed', 'stop', 'logit_bias', 'user', 'min_p', 'repetition_penalty']);
    expect(s.code).toContain(`# Not sent by mechanex: ${s.unsupported.join(', ')}\n`);
    const stream = pythonMechanex.render(fixture('chat-hostile-stream'), { keyMode: 'env' });
    expect(stream.unsupported).toEqual([
      'seed',
      'stream',
      'stream_options',
      'logprobs',
      'top_logprobs',
      'sampling_method',
    ]);
    expect(stream.code).toContain('sampling_method="top-k"');
  });

  it('sends the /generate body mechanex 1.0.x sends, with its defaults filled in', () => {
    // without its policy (with one, mechanex runs the policy instead: see policy-snippets.test.ts)
    const { policy: _, ...body } = fixture('chat-hosted-steering').body ?? {};
    const req = { ...fixture('chat-hosted-steering'), body };
    const call = mechanexCall(req, { keyMode: 'env' });
    expect(call.prompts.map((p) => mechanexBody(call, p))).toEqual([
      {
        prompt: 'User: Describe a sunset.\nAssistant: ',
        sampling_method: 'top-k',
        max_tokens: 256,
        top_k: 50,
        top_p: 0.9,
        steering_vector_id: 'sv_abc123',
        steering_strength: 1.5,
      },
    ]);
    expect(call.unsupported).toEqual([]);
  });

  it('skips set_model for a missing or "default" model and passes max_tokens explicitly', () => {
    const minimal = pythonMechanex.render(fixture('chat-minimal'), { keyMode: 'env' });
    expect(minimal.code).not.toContain('set_model');
    expect(minimal.code).toContain('max_tokens=100,');
    expect(minimal.unsupported).toEqual([]);
    expect(pythonMechanex.render(fixture('completion-hosted-stream'), { keyMode: 'env' }).code).not.toContain(
      'set_model',
    );
    expect(pythonMechanex.render(fixture('generate-local'), { keyMode: 'env' }).code).toContain('max_tokens=20,');
  });

  it("flattens a chat with the request's own template when it has one, else the default with a note", () => {
    const template = { system: '<s>{content}</s>', user: '<u>{content}</u>', assistant: '<a>{content}</a>' };
    const own = { ...chat, meta: { ...chat.meta, chatTemplate: { ...template, generation_prompt: '<a>', stop: [] } } };
    const minimal = fixture('chat-minimal');
    const withOwn = pythonMechanex.render({ ...minimal, meta: own.meta }, { keyMode: 'env' });
    expect(withOwn.code).toContain('prompt="<u>Hello!</u><a>",');
    expect(pythonMechanex.render(minimal, { keyMode: 'env' }).notes.join(' ')).toMatch(/default one/);
  });
});

describe('install lines', () => {
  it('say what each client needs first (curl and fetch need nothing: fetch is built into Node 18+)', () => {
    expect(SNIPPET_TARGETS.map((t) => [t.id, t.install])).toEqual([
      ['curl', undefined],
      ['python-mechanex', 'pip install mechanex'],
      ['python-openai', 'pip install openai'],
      ['javascript-openai', 'npm i openai'],
      ['javascript-fetch', undefined],
    ]);
  });
});
