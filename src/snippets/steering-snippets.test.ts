// What each target does with steering in a run request (the text itself is in the expected files; running it is
// run-snippets.test.ts's): the request-level fields on the plain routes, and the policy's steering block beside a
// guided constraint; for mechanex, its steering_vector= / steering_strength= keywords on each of its paths.
import { describe, expect, it } from 'vitest';
import type { RequestObject } from '../api/request-object.ts';
import { guidedKeywords } from './mechanex-guided-policy.ts';
import { mechanexBodies, mechanexPlan } from './mechanex-plan.ts';
import { blockKeywords, mechanexSteering, steeringBlockOf } from './mechanex-steering-args.ts';
import { SNIPPET_TARGETS } from './registry.ts';
import { javascriptOpenai } from './targets/javascript-openai.ts';
import { pythonMechanex } from './targets/python-mechanex.ts';
import { pythonOpenai } from './targets/python-openai.ts';
import { FIXTURES } from './testing/fixtures.ts';
import { EXCLAMATION, JSON_VECTOR } from './testing/steering-fixtures.ts';

function fixture(name: string): RequestObject {
  const f = FIXTURES.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.req;
}
const withBody = (req: RequestObject, body: Record<string, unknown>): RequestObject => ({ ...req, body });
const env = { keyMode: 'env' } as const;
const chat = fixture('chat-steering-local');
const guided = fixture('chat-schema-steering-local');
const policyOf = (req: RequestObject) => req.body?.policy as Record<string, unknown>;

describe('every target', () => {
  it.each(SNIPPET_TARGETS.map((t) => [t.id, t] as const))('%s names the vector and its strength', (_id, t) => {
    for (const name of ['chat-steering-local', 'completion-steering-local', 'chat-schema-steering-local']) {
      const { code, unsupported } = t.render(fixture(name), env);
      expect(code).toContain(name === 'chat-steering-local' ? EXCLAMATION : JSON_VECTOR);
      expect(unsupported.filter((k) => k.startsWith('steering') || k === 'policy')).toEqual([]);
    }
  });
});

describe('the OpenAI clients', () => {
  it('send the request-level fields as Axionic fields (extra_body in Python)', () => {
    const py = pythonOpenai.render(chat, env);
    expect(py.code).toContain(`extra_body={"steering_vector_id": "${EXCLAMATION}", "steering_strength": 1},`);
    expect(py.notes).toContain('Axionic fields go in extra_body: steering_vector_id, steering_strength.');
    const js = javascriptOpenai.render(chat, env).code;
    expect(js).toContain(`  // Axionic extensions\n  steering_vector_id: '${EXCLAMATION}',\n  steering_strength: 1,\n`);
  });

  it("send the policy's steering block inside the policy", () => {
    expect(pythonOpenai.render(guided, env).code).toContain(
      `"steering": {\n                "enabled": True,\n                "vector_id": "${JSON_VECTOR}",\n                "strength": 1,\n            },`,
    );
    expect(javascriptOpenai.render(guided, env).code).toContain(
      `steering: { enabled: true, vector_id: '${JSON_VECTOR}', strength: 1 },`,
    );
  });
});

describe('mechanex', () => {
  it('passes steering_vector and steering_strength on its simple path (/generate)', () => {
    for (const [name, vector, strength] of [
      ['chat-steering-local', EXCLAMATION, 1],
      ['completion-steering-local', JSON_VECTOR, -0.5],
      ['generate-steering-local', EXCLAMATION, 1.5],
    ] as const) {
      const s = pythonMechanex.render(fixture(name), env);
      expect(s.code).toContain(`    steering_vector="${vector}",\n    steering_strength=${strength},\n)\n`);
      const call = mechanexPlan(fixture(name), env);
      expect(mechanexBodies(call).at(-1)).toMatchObject({ steering_vector_id: vector, steering_strength: strength });
    }
  });

  it('builds the policy of a guided request with its steering block from the same keywords', () => {
    const s = pythonMechanex.render(guided, env);
    expect(s.code).toContain(`    steering_vector="${JSON_VECTOR}",\n    steering_strength=1,\n)\n`);
    expect(s.unsupported).toEqual(['seed']);
    const run = mechanexBodies(mechanexPlan(guided, env)).at(-1) as { policy: Record<string, unknown> };
    expect(run.policy.steering).toEqual(policyOf(guided).steering);
    expect(run.policy.constraints).toEqual(policyOf(guided).constraints);
  });

  it("turns /sampling/generate's request-level steering into the policy's block", () => {
    const req = fixture('sampling-steering-local');
    const s = pythonMechanex.render(req, env);
    expect(s.unsupported).toEqual(['stream', 'params.seed']);
    const run = mechanexBodies(mechanexPlan(req, env)).at(-1) as { policy: Record<string, unknown> };
    expect(run.policy.steering).toEqual({ enabled: true, vector_id: EXCLAMATION, strength: -0.5 });
    const plain = mechanexBodies(mechanexPlan(fixture('sampling-regex-local'), env)).at(-1) as typeof run;
    expect(plain.policy.steering).toEqual({ enabled: false, strength: 0 });
  });

  it('runs a policy whose steering block generate() cannot build with mx.policy.run, block and all', () => {
    const block = { enabled: true, vector_id: JSON_VECTOR, strength: 1, layer_scope: ['3'] };
    const req = withBody(guided, { ...guided.body, policy: { ...policyOf(guided), steering: block } });
    const call = mechanexPlan(req, env);
    expect(call.fn).toBe('policy.run');
    expect(mechanexBodies(call).at(-1)).toMatchObject({ policy: { steering: block } });
  });

  it('leaves an inline vector unsent on the simple path, and says so', () => {
    const { steering_vector_id: _, ...body } = chat.body ?? {};
    const inline = withBody(chat, { ...body, steering_vector: { '3': [0.1, 0.2] } });
    expect(pythonMechanex.render(inline, env).unsupported).toContain('steering_vector');
  });
});

describe("mechanex's steering keywords", () => {
  it.each([
    [
      'a vector and a strength',
      { steering_vector_id: 'v', steering_strength: 2 },
      [
        ['steering_vector', 'v'],
        ['steering_strength', 2],
      ],
    ],
    [
      'a vector alone: the server steers at 1, mechanex at 0',
      { steering_vector_id: 'v' },
      [
        ['steering_vector', 'v'],
        ['steering_strength', 1],
      ],
    ],
    [
      "a vector at strength 0 (mechanex's default)",
      { steering_vector_id: 'v', steering_strength: 0 },
      [['steering_vector', 'v']],
    ],
    [
      'steering_vector naming an id',
      { steering_vector: 'v', steering_strength: -1 },
      [
        ['steering_vector', 'v'],
        ['steering_strength', -1],
      ],
    ],
    ['no vector', { steering_vector_id: null, steering_strength: 0 }, []],
  ])('%s', (_name, body, args) => {
    expect(mechanexSteering(body).args).toEqual(args);
  });

  it("says when it writes the server's strength out, and which fields it carried", () => {
    expect(mechanexSteering({ steering_vector_id: 'v' }).notes.join(' ')).toMatch(/passes steering_strength=1/);
    expect(mechanexSteering({ steering_vector_id: 'v', steering_strength: 1 }).notes).toEqual([]);
    expect(mechanexSteering({ steering_vector_id: 'v', steering_vector: 'v' }).used).toEqual([
      'steering_vector_id',
      'steering_vector',
    ]);
    expect(mechanexSteering({ steering_vector_id: 'v', steering_vector: 'w' }).used).toEqual(['steering_vector_id']);
  });

  it('builds the steering block as mechanex 1.0.x does', () => {
    expect(steeringBlockOf('v', 1.5)).toEqual({ enabled: true, strength: 1.5, vector_id: 'v' });
    expect(steeringBlockOf(undefined, undefined)).toEqual({ enabled: false, strength: 0 });
  });

  const schema = { type: 'object' };
  const base = {
    constraints: { json_mode: true, json_schema: schema },
    verifiers: { enabled: ['syntax', 'json_schema'], repair_on_failure: true },
  };
  it.each([
    [
      'enabled, with a strength',
      { enabled: true, vector_id: 'v', strength: -0.5 },
      [
        ['steering_vector', 'v'],
        ['steering_strength', -0.5],
      ],
    ],
    [
      'enabled, strength left to the default 1',
      { enabled: true, vector_id: 'v', method: 'caa' },
      [
        ['steering_vector', 'v'],
        ['steering_strength', 1],
      ],
    ],
    ['disabled and empty', { enabled: false }, []],
  ])('a steering block %s: generate() builds it', (_name, block, args) => {
    expect(blockKeywords(block)).toEqual(args);
    expect(guidedKeywords({ ...base, steering: block })).toEqual([['json_schema', schema], ...args]);
  });
  it.each([
    ['with a layer scope', { enabled: true, vector_id: 'v', layer_scope: ['3'] }],
    ['with an inline vector', { enabled: true, vector: { '3': [1] } }],
    ['naming a vector while disabled', { enabled: false, vector_id: 'v' }],
    ['with another method', { enabled: true, vector_id: 'v', method: 'few-shot' }],
    ['with a token window', { enabled: true, vector_id: 'v', token_start: 2 }],
  ])('a steering block %s: generate() cannot build it', (_name, block) => {
    expect(blockKeywords(block)).toBeUndefined();
    expect(guidedKeywords({ ...base, steering: block })).toBeUndefined();
  });
});
