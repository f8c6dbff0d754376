// What each target makes of guided and policy requests (the text itself is in the expected files; running it is
// run-snippets.test.ts's): where policy, policy_id and include_trace go, when the answer is parsed as JSON, which
// mechanex call a request becomes and what that call cannot send.
import { describe, expect, it } from 'vitest';
import type { RequestObject } from '../api/request-object.ts';
import { guidedKeywords } from './mechanex-guided-policy.ts';
import { mechanexBodies, mechanexPlan } from './mechanex-plan.ts';
import { javascriptOpenai } from './targets/javascript-openai.ts';
import { pythonMechanex } from './targets/python-mechanex.ts';
import { pythonOpenai } from './targets/python-openai.ts';
import { FIXTURES } from './testing/fixtures.ts';
import { SEED_SCHEMA } from './testing/policy-fixtures.ts';

function fixture(name: string): RequestObject {
  const f = FIXTURES.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.req;
}
const withBody = (req: RequestObject, body: Record<string, unknown>): RequestObject => ({ ...req, body });
const env = { keyMode: 'env' } as const;

describe('the OpenAI clients', () => {
  it('send policy, policy_id and include_trace as Axionic fields (extra_body in Python)', () => {
    const py = pythonOpenai.render(fixture('completion-policy-id'), env);
    expect(py.code).toContain('extra_body={"policy_id": "pol_5e0c2a9b7d14f3a86b21", "include_trace": True},');
    expect(py.notes.join(' ')).toMatch(/include_trace: the trace comes back in axionic\.policy\.trace/);
    const js = javascriptOpenai.render(fixture('completion-policy-id'), env).code;
    expect(js).toContain("  // Axionic extensions\n  policy_id: 'pol_5e0c2a9b7d14f3a86b21',\n  include_trace: true,\n");
    expect(pythonOpenai.render(fixture('chat-schema-stream'), env).code).toMatch(/ {4}extra_body=\{\n {8}"policy": \{/);
  });

  it('parse a JSON answer (json_schema or json_mode), gathering a stream first', () => {
    const py = pythonOpenai.render(fixture('chat-hosted-policy'), env).code;
    expect(py).toMatch(/^import json\nimport os\n\nfrom openai import OpenAI\n/);
    expect(py).toMatch(
      /\ndata = json\.loads\(response\.choices\[0\]\.message\.content\)\nprint\(json\.dumps\(data, indent=2\)\)\n$/,
    );
    const pyStream = pythonOpenai.render(fixture('chat-schema-stream'), env).code;
    expect(pyStream).toContain(
      'text = ""\nfor chunk in stream:\n    if chunk.choices:\n        text += chunk.choices[0].delta.content or ""\ndata = json.loads(text)\n',
    );
    const js = javascriptOpenai.render(fixture('chat-schema-stream'), env).code;
    expect(js).toContain(
      "let text = '';\nfor await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';\nconst data = JSON.parse(text);\nconsole.log(JSON.stringify(data, null, 2));\n",
    );
    // json_mode alone is JSON too
    expect(javascriptOpenai.render(fixture('chat-hosted-steering'), env).code).toContain(
      'JSON.parse(response.choices[0].message.content)',
    );
  });

  it("print a regex answer or a saved policy's as text (its constraint is not in the request)", () => {
    for (const name of ['chat-regex-local', 'completion-policy-id']) {
      expect(pythonOpenai.render(fixture(name), env).code).not.toContain('json');
      expect(javascriptOpenai.render(fixture(name), env).code).not.toContain('JSON.parse');
    }
  });

  it('have no call for /sampling/generate and say so, in a note and as the code', () => {
    for (const t of [pythonOpenai, javascriptOpenai]) {
      const s = t.render(fixture('sampling-schema-stream'), env);
      expect(s.notes).toEqual(['The OpenAI client has no call for POST /sampling/generate; use curl or fetch for it.']);
      expect(s.code).toMatch(/^(#|\/\/) The OpenAI client has no call for POST \/sampling\/generate/);
      expect(s.unsupported).toContain('json_schema');
    }
  });
});

describe('Python (mechanex)', () => {
  it('writes a policy of one constraint as generate() with it, on the chat flattened as today', () => {
    const s = pythonMechanex.render(fixture('chat-schema-stream'), env);
    expect(s.code).toContain(
      'output = mx.generation.generate(\n    prompt="Extract the message into a typed JSON object.\\nUser: Relayer outage on Osmosis, confidence 0.82\\nAssistant: ",\n    max_tokens=72,\n    sampling_method="guided-generation",\n    temperature=0.2,\n    top_p=0.9,\n    json_schema={',
    );
    expect(s.code).toContain('mx.set_model("austen-mini")');
    expect(s.code).toMatch(/\ndata = json\.loads\(output\)\nprint\(json\.dumps\(data, indent=2\)\)\n$/);
    expect(s.unsupported).toEqual(['seed', 'stream']);
    const regex = pythonMechanex.render(fixture('chat-regex-local'), env);
    expect(regex.code).toContain('    top_k=40,\n    regex_pattern="1[0-9]{3}",\n)\nprint(output)\n');
    expect(regex.unsupported).toEqual(['seed', 'stop']);
    expect(regex.notes.join(' ')).toMatch(/sends no seed and no stop/);
  });

  it('sends, through generate(), exactly the policy of the request', () => {
    const req = fixture('chat-schema-stream');
    const [setModel, run] = mechanexBodies(mechanexPlan(req, env));
    expect(setModel).toEqual({ model_name: 'austen-mini' });
    const policy = (run as { policy: Record<string, unknown> }).policy;
    expect(policy.sampling).toEqual({ method: 'guided-generation', temperature: 0.2, top_k: 50, top_p: 0.9 });
    expect(policy.constraints).toEqual({ json_mode: true, json_schema: SEED_SCHEMA });
    expect(policy.verifiers).toEqual({ enabled: ['syntax', 'json_schema'], repair_on_failure: true });
    expect(run).toMatchObject({ policy_id: null, max_new_tokens: 72, include_trace: false });
  });

  it('runs any other policy, or a saved one, with mx.policy.run', () => {
    const saved = pythonMechanex.render(fixture('completion-policy-id'), env);
    expect(saved.code).toContain(
      'result = mx.policy.run(\n    prompt="Is the sea salty? Answer: ",\n    policy_id="pol_5e0c2a9b7d14f3a86b21",\n    model="austen-mini",\n    max_new_tokens=8,\n    include_trace=True,\n)\n',
    );
    expect(saved.code).toMatch(/\nprint\(result\["output"\]\)\n$/);
    expect(saved.code).not.toContain('set_model');
    expect(saved.unsupported).toEqual(['seed']);
    const full = fixture('chat-hosted-policy');
    expect(mechanexBodies(mechanexPlan(full, env))).toEqual([
      {
        prompt: 'Triage the report as JSON.\nUser: Le café "Déjà vu" crashes on start, urgent!\nAssistant: ',
        policy_id: null,
        policy: full.body?.policy,
        model: 'your-model-name',
        max_new_tokens: 96,
        include_trace: true,
      },
    ]);
    expect(pythonMechanex.render(full, env).code).toContain('data = json.loads(result["output"])');
    // a trace asked for: only policy.run returns it
    const traced = withBody(fixture('chat-regex-local'), { ...fixture('chat-regex-local').body, include_trace: true });
    expect(mechanexPlan(traced, env).fn).toBe('policy.run');
  });

  it('says first that it has no call for /sampling/generate, and sends the constraint as a policy', () => {
    const s = pythonMechanex.render(fixture('sampling-schema-stream'), env);
    expect(s.code).toMatch(
      /^# mechanex has no call for POST \/sampling\/generate: .*\n# .*\/policies\/run\.\n\nimport json\n/,
    );
    expect(s.notes[0]).toMatch(/^mechanex has no call for POST \/sampling\/generate/);
    expect(s.unsupported).toEqual(['stream', 'params.seed']);
    expect(s.code).toContain('mx.set_model("austen-mini")');
  });
});

describe('which policies generate() sends exactly', () => {
  const schema = { type: 'object' };
  const json = { json_mode: true, json_schema: schema };
  const jsonVerifiers = { enabled: ['json_schema', 'syntax'], repair_on_failure: true };
  it.each([
    ['a schema with its verifiers', { constraints: json, verifiers: jsonVerifiers }, [['json_schema', schema]]],
    [
      'a regex, with sampling',
      {
        sampling: { method: 'top-p', top_p: 0.8 },
        constraints: { regex_pattern: 'a+' },
        verifiers: { enabled: ['regex'] },
      },
      [
        ['sampling_method', 'top-p'],
        ['top_p', 0.8],
        ['regex_pattern', 'a+'],
      ],
    ],
    ['a grammar without verifiers', { constraints: { grammar: 'root ::= "a"' } }, [['grammar', 'root ::= "a"']]],
  ])('%s: yes', (_name, policy, args) => {
    expect(guidedKeywords(policy)).toEqual(args);
  });
  it.each([
    ['a schema without verifiers (mechanex would add them)', { constraints: json }],
    ['a schema without json_mode', { constraints: { json_schema: schema }, verifiers: jsonVerifiers }],
    ['json_mode alone', { constraints: { json_mode: true } }],
    ['no constraint', { sampling: { temperature: 0.2 } }],
    ['another block', { constraints: json, verifiers: jsonVerifiers, optimization: { best_of_n: 2 } }],
    ['a sampling field generate() lacks', { sampling: { seed: 1 }, constraints: json, verifiers: jsonVerifiers }],
    ['other verifiers', { constraints: { regex_pattern: 'a' }, verifiers: { enabled: ['regex', 'syntax'] } }],
    ['no repair', { constraints: { regex_pattern: 'a' }, verifiers: { enabled: ['regex'], repair_on_failure: false } }],
    ['two constraints', { constraints: { regex_pattern: 'a', grammar: 'root ::= "a"' } }],
  ])('%s: no', (_name, policy) => {
    expect(guidedKeywords(policy)).toBeUndefined();
  });
});
