// @vitest-environment node
// Runs every target's "create a vector" code: against the real local server (curl prints the frames, fetch the
// progress lines, mechanex nothing but the id; each ends with a new vector's id, which the server then lists under
// the request's name), and against a capture server (each sends exactly the body its client sends; the OpenAI
// clients send nothing and say why); and the generate_from_jsonl call mechanex's snippet shows in a comment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../server/testing.ts';
import { pyString } from './literals/python-literal.ts';
import { mechanexCreateBodies, mechanexCreateCall } from './mechanex-steering-create.ts';
import { SNIPPET_TARGETS } from './registry.ts';
import { noOpenAiCall } from './request-parts.ts';
import type { SteeringPairs } from './steering-create.ts';
import { pythonMechanex } from './targets/python-mechanex.ts';
import { CAPTURED_VECTOR_ID, type CaptureServer, startCaptureServer } from './testing/capture-server.ts';
import { expectSent } from './testing/expect-sent.ts';
import { cannotCall } from './testing/expected-bodies.ts';
import { retarget } from './testing/fixtures.ts';
import { printedFrames } from './testing/printed-answer.ts';
import { runSnippet } from './testing/run-code.ts';
import { CREATE_FIXTURES } from './testing/steering-create-fixtures.ts';
import type { SnippetTarget } from './types.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let capture: CaptureServer;
let modelName = '';

beforeAll(async () => {
  [server, capture] = await Promise.all([startTestServer({ workers: 1, maxQueue: 16 }), startCaptureServer([])]);
  const res = await fetch(`${server.url}/models`, { headers: { 'x-api-key': server.key } });
  modelName = ((await res.json()) as { name: string }[])[0]?.name ?? '';
  capture.models.push(modelName);
});
afterAll(async () => {
  await Promise.all([server?.close(), capture?.close()]);
});

const cases = CREATE_FIXTURES.flatMap((f) =>
  SNIPPET_TARGETS.map((t) => ({ name: `${f.name} × ${t.id}`, req: f.req, target: t })),
);

const VECTOR_ID = /^sv_[0-9a-f]{24}$/;

/** The new vector's id as the code printed it: the complete frame's (curl), else the last line. */
function printedId(target: SnippetTarget, stdout: string): unknown {
  if (target.id !== 'curl') return stdout.trimEnd().split('\n').at(-1);
  const frames = printedFrames(target, stdout) as { status?: string; result?: { steering_vector_id?: string } }[];
  expect(frames.map((f) => f.status)).toContain('processing');
  return frames.at(-1)?.result?.steering_vector_id;
}

describe.concurrent('each "create a vector" snippet makes a vector on the local server', () => {
  it.each(cases)('$name', async ({ req: fixture, target }) => {
    const req = retarget(fixture, server.url, server.key, { model: modelName });
    const snippet = target.render(req, { keyMode: 'env' });
    if (cannotCall(target, req)) {
      expect(snippet.notes).toEqual([noOpenAiCall(req)]);
      expect(snippet.notes[0]).toMatch(/no call for POST \/steering\/generate; use curl, fetch or mechanex/);
      expect(snippet.code).toMatch(/^(#|\/\/) The OpenAI client has no call for POST \/steering\/generate/);
      expect(snippet.unsupported).toContain('prompts');
      return;
    }
    const r = await runSnippet(target, snippet.code, server.key);
    expect(r.code, r.stderr).toBe(0);
    const id = printedId(target, r.stdout);
    expect(id).toMatch(VECTOR_ID);
    if (target.id === 'javascript-fetch') expect(r.stdout).toMatch(/^\d+% /);
    const listed = await fetch(`${server.url}/steering/vectors`, { headers: { 'x-api-key': server.key } });
    const vectors = (await listed.json()) as { id: string; name?: string | null }[];
    const made = vectors.find((v) => v.id === id);
    expect(made, `${String(id)} is not listed`).toBeDefined();
    if (typeof req.body?.name === 'string') expect(made?.name).toBe(req.body.name);
  });
});

let runs = 0;

describe.concurrent('each "create a vector" snippet sends exactly the request the client sends', () => {
  it.each(cases)('$name (key from the environment)', async ({ req, target }) => {
    await expectSent(capture, target, req, { keyMode: 'env' }, `ax_create_${++runs}`);
  });
  it.each(cases.slice(0, SNIPPET_TARGETS.length))('$name (inline hostile key, custom model)', async (c) => {
    const key = `ax_'it"s'$(whoami)\`x\`$HOME\\%${++runs}`;
    const customModel = `m'"$(x)${runs}`;
    capture.models.push(customModel);
    await expectSent(capture, c.target, c.req, { keyMode: 'inline', customKey: key, customModel }, key);
  });
});

describe('the generate_from_jsonl line of the mechanex snippet', () => {
  it('sends the same pairs read from a JSONL file (without the name)', async () => {
    const key = 'ax_create_jsonl';
    const req = retarget(CREATE_FIXTURES[0]?.req ?? fail(), capture.url, key);
    const { code } = pythonMechanex.render(req, { keyMode: 'env' });
    const call = /^# (vector_id = mx\.steering\.generate_from_jsonl\(.*\))$/m.exec(code)?.[1] ?? fail();
    const pairs = req.body as unknown as SteeringPairs;
    const jsonl = pairs.prompts
      .map((prompt, i) =>
        JSON.stringify({
          prompt,
          positive_answer: pairs.positive_answers[i],
          negative_answer: pairs.negative_answers[i],
        }),
      )
      .join('\n');
    const head = code.slice(0, code.indexOf('vector_id = mx.steering.generate_vectors('));
    const file = `import os, tempfile\nos.chdir(tempfile.mkdtemp())\nwith open("pairs.jsonl", "w") as f:\n    f.write(${pyString(jsonl)})\n`;
    const r = await runSnippet(pythonMechanex, `${file}${head}${call}\nprint(vector_id)\n`, key);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(CAPTURED_VECTOR_ID);
    const sent = capture.requests.filter((c) => c.method === 'POST' && c.headers['x-api-key'] === key);
    const [setModel, made] = mechanexCreateBodies(mechanexCreateCall(req, { keyMode: 'env' }));
    expect(sent.map((c) => c.body)).toEqual([setModel, { ...made, name: null }]);
  });
});

function fail(): never {
  throw new Error('missing');
}
