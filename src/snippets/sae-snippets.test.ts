// The SAE requests and what each target makes of them: the "create a behavior" request object, /sae/generate
// (mechanex's sae.generate and what it cannot send, curl's -N, fetch's token reader), the /v1 routes' behavior
// fields (extra_body, the params object, mechanex's note) and the OpenAI clients' lack of a call. The text itself
// is in the expected files; running it is run-sae-snippets.test.ts's.
import { describe, expect, it } from 'vitest';
import { behaviorCreateRequestSchema } from '../../protocol/sae.ts';
import type { RequestObject } from '../api/request-object.ts';
import { behaviorCreateRequest, type CreateBehaviorInput, NEW_BEHAVIOR_NOTE } from './behavior-create.ts';
import { mechanexBehaviorBodies, mechanexBehaviorCall } from './mechanex-behavior-create.ts';
import { mechanexSaeBodies, mechanexSaeCall } from './mechanex-sae-generate.ts';
import { routeOf, streamsResponse } from './request-parts.ts';
import { curl } from './targets/curl.ts';
import { javascriptFetch } from './targets/javascript-fetch.ts';
import { javascriptOpenai } from './targets/javascript-openai.ts';
import { pythonMechanex } from './targets/python-mechanex.ts';
import { pythonOpenai } from './targets/python-openai.ts';
import { SAE_FIXTURES } from './testing/sae-fixtures.ts';

const env = { keyMode: 'env' } as const;
const pairs = { prompts: ['A: '], positive_answers: ['"Oh!"'], negative_answers: ['Well.'] };
const input: CreateBehaviorInput = {
  target: 'local',
  baseUrl: 'http://127.0.0.1:8420/',
  apiKey: 'ax_k',
  body: { behavior_name: 'mine', ...pairs },
};

function fixture(name: string): RequestObject {
  const f = SAE_FIXTURES.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.req;
}
const saeStream = fixture('sae-generate-stream-local');
const saeJson = fixture('sae-generate-json-local');
const chatStream = fixture('chat-behaviors-stream-local');
const completion = fixture('completion-behaviors-local');

describe('behaviorCreateRequest', () => {
  it('POSTs the pairs to /behaviors/create as JSON', () => {
    const req = behaviorCreateRequest(input);
    expect(req).toEqual({
      method: 'POST',
      url: 'http://127.0.0.1:8420/behaviors/create',
      headers: { 'Content-Type': 'application/json', 'x-api-key': 'ax_k' },
      body: { behavior_name: 'mine', ...pairs },
      meta: { target: 'local', baseUrl: 'http://127.0.0.1:8420', path: '/behaviors/create' },
    });
    expect(routeOf(req)).toBe('behaviors-create');
    expect(streamsResponse(req)).toBe(false);
  });

  it('writes every set field in the contract order, leaves out empty ones, and writes prompts always', () => {
    const all = behaviorCreateRequest({
      ...input,
      body: { ...input.body, model: 'm', steering_vector_id: 'sv_x', description: 'd' },
    });
    expect(Object.keys(all.body ?? {})).toEqual([
      'behavior_name',
      'prompts',
      'positive_answers',
      'negative_answers',
      'description',
      'steering_vector_id',
      'model',
    ]);
    expect(behaviorCreateRequestSchema.safeParse(all.body).success).toBe(true);
    const bare = behaviorCreateRequest({
      ...input,
      body: { behavior_name: 'b', positive_answers: ['x'], description: '', steering_vector_id: null },
    });
    expect(bare.body).toEqual({ behavior_name: 'b', prompts: [], positive_answers: ['x'] });
  });
});

describe('/sae/generate', () => {
  it('streams unless Accept asks for JSON: curl -N only then', () => {
    expect(routeOf(saeStream)).toBe('sae-generate');
    expect(streamsResponse(saeStream)).toBe(true);
    expect(streamsResponse(saeJson)).toBe(false);
    expect(curl.render(saeStream, env).code).toMatch(/^curl -N -X POST http:\/\/127\.0\.0\.1:8420\/sae\/generate /);
    const json = curl.render(saeJson, env).code;
    expect(json).toMatch(/^curl -X POST /);
    expect(json).toContain('-H "Accept: application/json"');
  });

  it('mechanex calls sae.generate with what it takes, sets the model, and lists the rest as not sent', () => {
    const s = pythonMechanex.render(saeJson, env);
    expect(s.code).toContain('mx.set_model("austen-mini")\n');
    expect(s.code).toMatch(
      /\ntext = mx\.sae\.generate\(\n {4}prompt="Emma said, [^\n]*",\n {4}max_new_tokens=24,\n {4}behavior_names=\["dialogue"\],\n {4}force_steering=\["exclamation"\],\n\)\nprint\(text\)\n$/,
    );
    expect(s.unsupported).toEqual(['temperature', 'top_p', 'top_k', 'seed', 'sampling_method']);
    expect(s.code).toContain('# Not sent by mechanex: temperature, top_p, top_k, seed, sampling_method\n');
    expect(s.notes.join(' ')).toMatch(/returns only the final text/);
    expect(s.notes.join(' ')).not.toMatch(/not sent Accept/);
    expect(pythonMechanex.render(saeStream, env).unsupported).toEqual([
      'seed',
      'include_activations',
      'top_k_features',
    ]);
  });

  it("mechanex sends its four fields (None where unset) and the server's default of 50 tokens", () => {
    const bare: RequestObject = { ...saeStream, body: { prompt: 'It was', behavior_names: [] } };
    const call = mechanexSaeCall(bare, env);
    expect(call.args).toEqual([
      ['prompt', 'It was'],
      ['max_new_tokens', 50],
    ]);
    expect(call.unsupported).toEqual([]);
    expect(mechanexSaeBodies(call)).toEqual([
      { prompt: 'It was', max_new_tokens: 50, behavior_names: null, force_steering: null },
    ]);
    expect(mechanexSaeBodies(mechanexSaeCall(saeJson, env))).toEqual([
      { model_name: 'austen-mini' },
      {
        prompt: saeJson.body?.prompt,
        max_new_tokens: 24,
        behavior_names: ['dialogue'],
        force_steering: ['exclamation'],
      },
    ]);
  });

  it('fetch prints each token with its scores, the cuts, then the text and a line per behavior', () => {
    const { code } = javascriptFetch.render(saeStream, env);
    expect(code).toContain("if (frame.status === 'token') console.log(");
    expect(code).toContain("if (frame.status === 'correction') {");
    expect(code).toContain("if (frame.status === 'error') throw new Error(frame.message);");
    expect(code).toMatch(/console\.log\(\);\nconsole\.log\(result\.text\);\nfor \(const b of result\.behaviors/);
    const json = javascriptFetch.render(saeJson, env).code;
    expect(json).toContain('const result = await res.json();\nconsole.log(result.text);\n');
    expect(json).not.toContain('getReader');
  });

  it('the OpenAI clients have no call for it, nor for /behaviors/create, and say so', () => {
    for (const req of [saeStream, behaviorCreateRequest(input)]) {
      for (const t of [pythonOpenai, javascriptOpenai]) {
        const s = t.render(req, env);
        expect(s.notes).toEqual([
          `The OpenAI client has no call for POST ${req.meta.path}; use curl, fetch or mechanex for it.`,
        ]);
        expect(s.unsupported).toEqual(Object.keys(req.body ?? {}));
      }
    }
  });
});

describe('the /v1 routes with behavior_names', () => {
  it('Python (OpenAI) sends them in extra_body and prints the scores after the text', () => {
    const s = pythonOpenai.render(chatStream, env);
    expect(s.code).toContain('    extra_body={"behavior_names": ["dialogue", "question"]},\n');
    expect(s.code).toContain('for token in (getattr(chunk, "axionic", None) or {}).get("tokens", []):');
    expect(s.notes.join(' ')).toMatch(/drift is reported, not corrected/);
    const answer = pythonOpenai.render(completion, env);
    expect(answer.code).toContain('extra_body={"behavior_names": ["dialogue"], "force_steering": ["exclamation"]}');
    expect(answer.code).toContain('for b in (getattr(response, "axionic", None) or {}).get("behaviors", []):');
  });

  it('JavaScript (OpenAI) sends them in the params object and prints the scores after the text', () => {
    const s = javascriptOpenai.render(chatStream, env);
    expect(s.code).toContain("  // Axionic extensions\n  behavior_names: ['dialogue', 'question'],\n");
    expect(s.code).toContain('for (const token of chunk.axionic?.tokens ?? []) {');
    expect(javascriptOpenai.render(completion, env).code).toContain(
      'for (const b of response.axionic?.behaviors ?? []) {',
    );
  });

  it('without behaviors the OpenAI clients print only the text, as before', () => {
    const plain: RequestObject = { ...chatStream, body: { ...chatStream.body, behavior_names: [] } };
    expect(pythonOpenai.render(plain, env).code).not.toContain('axionic');
    expect(javascriptOpenai.render(plain, env).code).not.toContain('axionic');
  });

  it('mechanex cannot send them: listed as not sent, with a note pointing at mx.sae.generate', () => {
    const s = pythonMechanex.render(completion, env);
    expect(s.unsupported).toEqual(['seed', 'behavior_names', 'force_steering']);
    expect(s.notes.at(-1)).toMatch(
      /^mx\.generation\.generate has no behavior_names or force_steering: this call is not monitored\. mx\.sae\.generate\(/,
    );
  });
});

describe('the "create a behavior" request', () => {
  const req = behaviorCreateRequest({ ...input, body: { ...input.body, description: 'd', model: 'austen-mini' } });

  it('curl posts it and says what the answer holds; fetch prints the id and the separation', () => {
    expect(curl.render(req, env).notes).toContain(NEW_BEHAVIOR_NOTE);
    expect(javascriptFetch.render(req, env).code).toMatch(
      /const behavior = await res\.json\(\);\nconsole\.log\(behavior\.id, behavior\.separation_auc\);\n$/,
    );
  });

  it('mechanex calls create_behavior, sets the model, prints the id and shows create_behavior_from_jsonl', () => {
    const s = pythonMechanex.render(req, env);
    expect(s.code).toContain(
      'behavior = mx.sae.create_behavior(\n    behavior_name="mine",\n    prompts=["A: "],\n    positive_answers=["\\"Oh!\\""],\n    negative_answers=["Well."],\n    description="d",\n)\nprint(behavior["id"], behavior.get("separation_auc"))\n',
    );
    expect(s.code).toContain('# behavior = mx.sae.create_behavior_from_jsonl("mine", "pairs.jsonl", description="d")');
    expect(s.unsupported).toEqual([]);
  });

  it('mechanex sends description "" when none is given and steering_vector_id only when one is', () => {
    const bare = behaviorCreateRequest(input);
    expect(mechanexBehaviorBodies(mechanexBehaviorCall(bare, env))).toEqual([
      { behavior_name: 'mine', ...pairs, description: '' },
    ]);
    const withVector = behaviorCreateRequest({ ...input, body: { ...input.body, steering_vector_id: 'sv_x' } });
    expect(mechanexBehaviorBodies(mechanexBehaviorCall(withVector, env))).toEqual([
      { behavior_name: 'mine', ...pairs, description: '', steering_vector_id: 'sv_x' },
    ]);
    const extra = { ...bare, body: { ...bare.body, category: 'tone' } };
    expect(mechanexBehaviorCall(extra, env).unsupported).toEqual(['category']);
  });
});
