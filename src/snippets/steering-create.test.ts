// The "create a vector" request and what each target makes of it (the text itself is in the expected files;
// running it is run-steering-create.test.ts's).
import { describe, expect, it } from 'vitest';
import { steeringGenerateRequestSchema } from '../../protocol/steering.ts';
import { mechanexCreateBodies, mechanexCreateCall } from './mechanex-steering-create.ts';
import { streamsResponse } from './request-parts.ts';
import { type CreateVectorInput, NEW_VECTOR_NOTE, steeringCreateRequest } from './steering-create.ts';
import { curl } from './targets/curl.ts';
import { javascriptFetch } from './targets/javascript-fetch.ts';
import { javascriptOpenai } from './targets/javascript-openai.ts';
import { pythonMechanex } from './targets/python-mechanex.ts';
import { pythonOpenai } from './targets/python-openai.ts';

const pairs = { prompts: ['A: '], positive_answers: ['Oh!'], negative_answers: ['Well.'] };
const input: CreateVectorInput = { target: 'local', baseUrl: 'http://127.0.0.1:8420/', apiKey: 'ax_k', pairs };
const env = { keyMode: 'env' } as const;

describe('steeringCreateRequest', () => {
  it('POSTs the pairs to /steering/generate as an event stream, with method caa by default', () => {
    const req = steeringCreateRequest(input);
    expect(req).toEqual({
      method: 'POST',
      url: 'http://127.0.0.1:8420/steering/generate',
      headers: { 'Content-Type': 'application/json', 'x-api-key': 'ax_k', Accept: 'text/event-stream' },
      body: { ...pairs, method: 'caa' },
      meta: { target: 'local', baseUrl: 'http://127.0.0.1:8420', path: '/steering/generate' },
    });
    expect(streamsResponse(req)).toBe(true);
  });

  it('writes every set field in the contract order, leaves out empty layers and names', () => {
    const all = steeringCreateRequest({ ...input, model: 'm', name: 'n', method: 'few-shot', layerIdxs: [2, 4] });
    expect(Object.keys(all.body ?? {})).toEqual([
      'prompts',
      'positive_answers',
      'negative_answers',
      'layer_idxs',
      'method',
      'name',
      'model',
    ]);
    expect(all.body).toMatchObject({ layer_idxs: [2, 4], method: 'few-shot', name: 'n', model: 'm' });
    expect(steeringGenerateRequestSchema.safeParse(all.body).success).toBe(true);
    expect(Object.keys(steeringCreateRequest({ ...input, layerIdxs: [], name: '' }).body ?? {})).toEqual([
      'prompts',
      'positive_answers',
      'negative_answers',
      'method',
    ]);
  });
});

describe('the targets', () => {
  const req = steeringCreateRequest({ ...input, layerIdxs: [3], name: 'mine', model: 'austen-mini' });

  it('curl streams it with -N and says where the id is', () => {
    const s = curl.render(req, env);
    expect(s.code).toMatch(/^curl -N -X POST http:\/\/127\.0\.0\.1:8420\/steering\/generate /);
    expect(s.code).toContain('-H "Accept: text/event-stream"');
    expect(s.notes).toContain(NEW_VECTOR_NOTE);
    expect(curl.render(steeringCreateRequest(input), env).notes).toContain(NEW_VECTOR_NOTE);
  });

  it('fetch prints the progress and then the id, and throws on an error frame', () => {
    const { code } = javascriptFetch.render(req, env);
    expect(code).toContain("if (frame.status === 'processing') console.log(");
    expect(code).toContain("if (frame.status === 'error') throw new Error(frame.message);");
    expect(code).toMatch(/vectorId = frame\.result\.steering_vector_id;[\s\S]*\nconsole\.log\(vectorId\);\n$/);
  });

  it('mechanex calls generate_vectors, sets the model, prints the id and shows generate_from_jsonl', () => {
    const s = pythonMechanex.render(req, env);
    expect(s.code).toContain('mx.set_model("austen-mini")\n');
    expect(s.code).toContain(
      'vector_id = mx.steering.generate_vectors(\n    prompts=["A: "],\n    positive_answers=["Oh!"],\n    negative_answers=["Well."],\n    layer_idxs=[3],\n    method="caa",\n    name="mine",\n)\nprint(vector_id)\n',
    );
    expect(s.code).toContain(
      '# vector_id = mx.steering.generate_from_jsonl("pairs.jsonl", layer_idxs=[3], method="caa")',
    );
    expect(s.notes.join(' ')).toMatch(
      /generate_from_jsonl\("pairs\.jsonl", layer_idxs=\[3\], method="caa"\); it takes no name/,
    );
    expect(s.unsupported).toEqual([]);
  });

  it('mechanex sends its seven fields (None where unset) and lists what it has no argument for', () => {
    const bare = steeringCreateRequest(input);
    const call = mechanexCreateCall(bare, env);
    expect(mechanexCreateBodies(call)).toEqual([
      { ...pairs, layer_idxs: null, method: 'caa', name: null, label: null },
    ]);
    const extra = { ...bare, body: { ...bare.body, label: 'L', category: 'tone', fewshot_lr: 0.1, method: undefined } };
    const more = mechanexCreateCall(extra, env);
    expect(more.unsupported).toEqual(['category', 'fewshot_lr']);
    expect(mechanexCreateBodies(more)[0]).toMatchObject({ method: 'caa', label: 'L' });
    expect(pythonMechanex.render(extra, env).code).toContain('# Not sent by mechanex: category, fewshot_lr\n');
  });

  it('the OpenAI clients have no call for it and say so', () => {
    for (const t of [pythonOpenai, javascriptOpenai]) {
      const s = t.render(req, env);
      expect(s.notes).toEqual([
        'The OpenAI client has no call for POST /steering/generate; use curl, fetch or mechanex for it.',
      ]);
      expect(s.code).toMatch(/^(#|\/\/) The OpenAI client has no call for POST \/steering\/generate/);
      expect(s.unsupported).toEqual(Object.keys(req.body ?? {}));
    }
  });
});
