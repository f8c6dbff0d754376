// A guide in the draft → the one request object: the OpenAI routes carry it as a policy (the form's sampling in the
// policy's block), the direct transport goes to /sampling/generate with the constraint's own field, a full or
// saved policy rides the OpenAI route with its trace asked for; a text that cannot be sent names its editor.
import { describe, expect, it } from 'vitest';
import { CHAT_TEMPLATE, renderChat } from '../../protocol/chat-template.ts';
import { route } from '../../protocol/routes.ts';
import { DEFAULT_GUIDE, type DraftGuide } from './guide-from-draft.ts';
import { type DraftInput, requestFromDraft } from './request-from-draft.ts';
import { browserRouteForPath } from './routes/registry.ts';

const SCHEMA = {
  type: 'object',
  properties: { topic: { type: 'string' }, confidence: { type: 'number' } },
  required: ['topic', 'confidence'],
  additionalProperties: false,
};

const draft = (guide: Partial<DraftGuide>, over: Partial<DraftInput> = {}): DraftInput => ({
  mode: 'chat',
  model: 'austen-mini',
  messages: [{ role: 'user', content: 'Who is Emma?' }],
  composer: '',
  prompt: 'It is a truth',
  params: { max_tokens: 80, temperature: 0.2, top_p: 0.9, stop: [], seed: 4 },
  stream: true,
  topLogprobs: 5,
  guide: { ...DEFAULT_GUIDE, ...guide, texts: { ...DEFAULT_GUIDE.texts, ...guide.texts } },
  ...over,
});
const conn = { target: 'local' as const, baseUrl: 'http://127.0.0.1:8420', apiKey: 'ax_k' };

describe('a JSON Schema on the OpenAI route', () => {
  it('becomes the inline policy of the seed page, with the form’s sampling in it', () => {
    const req = requestFromDraft(
      draft({ kind: 'json_schema', texts: { json_schema: JSON.stringify(SCHEMA) } as never }),
      conn,
    );
    expect(req.url).toBe('http://127.0.0.1:8420/v1/chat/completions');
    expect(req.body).toEqual({
      model: 'austen-mini',
      messages: [{ role: 'user', content: 'Who is Emma?' }],
      max_tokens: 80,
      seed: 4,
      policy: {
        sampling: { method: 'guided-generation', temperature: 0.2, top_p: 0.9 },
        constraints: { json_mode: true, json_schema: SCHEMA },
        verifiers: { enabled: ['syntax', 'json_schema'], repair_on_failure: true },
      },
      stream: true,
    });
    expect(route('v1.chat.completions').request?.safeParse(req.body).success).toBe(true);
  });

  it('on completions too, with a regex verified by the regex verifier', () => {
    const req = requestFromDraft(
      draft({ kind: 'regex', texts: { regex: '[0-9]{4}-[0-9]{2}' } as never }, { mode: 'completion' }),
      conn,
    );
    expect(req.meta.path).toBe('/v1/completions');
    expect(req.body?.prompt).toBe('It is a truth');
    expect(req.body?.policy).toEqual({
      sampling: { method: 'guided-generation', temperature: 0.2, top_p: 0.9 },
      constraints: { regex_pattern: '[0-9]{4}-[0-9]{2}' },
      verifiers: { enabled: ['regex'], repair_on_failure: true },
    });
    expect(req.body).not.toHaveProperty('logprobs');
  });
});

describe('the direct transport', () => {
  it('sends the constraint to /sampling/generate with the chat rendered by the template', () => {
    const req = requestFromDraft(
      draft({ kind: 'grammar', transport: 'direct', texts: { grammar: 'root ::= "yes" | "no"' } as never }),
      conn,
      CHAT_TEMPLATE,
    );
    expect(req.meta.path).toBe('/sampling/generate');
    expect(req.body).toEqual({
      model: 'austen-mini',
      prompt: renderChat([{ role: 'user', content: 'Who is Emma?' }], CHAT_TEMPLATE),
      method: 'guided-generation',
      max_new_tokens: 80,
      params: { temperature: 0.2, top_p: 0.9, seed: 4 },
      grammar: 'root ::= "yes" | "no"',
      stream: true,
    });
    expect(route('sampling.generate').request?.safeParse(req.body).success).toBe(true);
    expect(browserRouteForPath('/sampling/generate')?.key).toBe('sampling');
  });

  it('is the only way on the native /generate mode', () => {
    const req = requestFromDraft(
      draft({ kind: 'json_schema', texts: { json_schema: '{"type":"string"}' } as never }, { mode: 'generate' }),
      conn,
    );
    expect(req.meta.path).toBe('/sampling/generate');
    expect(req.body?.json_schema).toEqual({ type: 'string' });
    expect(req.body?.prompt).toBe('It is a truth');
  });
});

describe('a policy', () => {
  it('from the editor rides the OpenAI route inline, with its trace asked for', () => {
    const policy = { name: 'p', optimization: { best_of_n: 2 } };
    const req = requestFromDraft(
      draft({ kind: 'policy', transport: 'direct', texts: { policy: JSON.stringify(policy) } as never }),
      conn,
    );
    expect(req.meta.path).toBe('/v1/chat/completions');
    expect(req.body).toMatchObject({ policy, include_trace: true, max_tokens: 80, seed: 4 });
    expect(req.body).not.toHaveProperty('temperature');
  });

  it('saved, runs by id', () => {
    const req = requestFromDraft(draft({ kind: 'policy', policyId: 'pol_1' }, { mode: 'completion' }), conn);
    expect(req.body).toMatchObject({ policy_id: 'pol_1', include_trace: true });
    expect(req.body).not.toHaveProperty('policy');
  });

  it('is refused on /generate, saying where it runs', () => {
    expect(() => requestFromDraft(draft({ kind: 'policy', policyId: 'pol_1' }, { mode: 'generate' }), conn)).toThrow(
      /Chat or Completion/,
    );
  });
});

describe('texts that cannot be sent', () => {
  it.each([
    [{ kind: 'json_schema', texts: { json_schema: '{"type":' } }, /^The schema is not valid JSON/],
    [{ kind: 'json_schema' }, /The schema is empty/],
    [{ kind: 'regex' }, /The regex is empty/],
    [{ kind: 'policy', texts: { policy: '[1]' } }, /The policy must be a JSON object/],
    [{ kind: 'policy' }, /The policy is empty/],
  ] as const)('%o → %s', (g, message) => {
    expect(() => requestFromDraft(draft(g as Partial<DraftGuide>), conn)).toThrow(message);
  });

  it('none leaves the request as it was', () => {
    const plain = requestFromDraft(draft({}, { guide: undefined }), conn);
    expect(requestFromDraft(draft({ kind: 'none', texts: { json_schema: 'x' } as never }), conn)).toEqual(plain);
    expect(plain.body).toHaveProperty('top_logprobs', 5);
  });

  it('Continue sends free text (no constraint in the middle of a reply)', () => {
    const d = draft({ kind: 'json_schema', texts: { json_schema: '{}' } as never });
    const req = requestFromDraft(d, conn, undefined, {
      messages: [...d.messages, { role: 'assistant', content: 'Emma' }],
      continueFinal: true,
    });
    expect(req.body).not.toHaveProperty('policy');
  });
});

describe('raw mode (the inspector’s edited body)', () => {
  it('is sent as it is, to the route the guide chose, whatever the editor holds', () => {
    const raw = '{"prompt": "x", "json_schema": {"type": "string"}}';
    const d = draft(
      { kind: 'json_schema', transport: 'direct', texts: { json_schema: '{"type":' } as never },
      { rawBody: raw },
    );
    const req = requestFromDraft(d, conn);
    expect(req.meta.path).toBe('/sampling/generate');
    expect(req.body).toEqual(JSON.parse(raw));
  });
});
