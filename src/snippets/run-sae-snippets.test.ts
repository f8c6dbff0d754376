// @vitest-environment node
// Runs every target's SAE code: /sae/generate (streamed and as JSON) and the /v1 routes with behavior_names against
// the real local server, each output checked against the server's own answer to the same request (the text, and the
// scores where the code prints them); "create a behavior" on the local server (each target its own name; the new
// behavior is then listed with it); every request against a capture server (each sends exactly the body its client
// sends; the OpenAI clients have no call for /sae/generate or /behaviors/create and say so); and the
// create_behavior_from_jsonl call mechanex's snippet shows in a comment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { behaviorListSchema, behaviorSchema } from '../../protocol/sae.ts';
import { startTestServer } from '../../server/testing.ts';
import type { RequestObject } from '../api/request-object.ts';
import { pyString } from './literals/python-literal.ts';
import { mechanexBehaviorBodies, mechanexBehaviorCall } from './mechanex-behavior-create.ts';
import { SNIPPET_TARGETS } from './registry.ts';
import { noOpenAiCall } from './request-parts.ts';
import { pythonMechanex } from './targets/python-mechanex.ts';
import { BEHAVIOR_CREATE_FIXTURES } from './testing/behavior-create-fixtures.ts';
import { CAPTURED_BEHAVIOR_ID, type CaptureServer, startCaptureServer } from './testing/capture-server.ts';
import { expectSaePrinted } from './testing/expect-sae-printed.ts';
import { expectSent } from './testing/expect-sent.ts';
import { cannotCall } from './testing/expected-bodies.ts';
import type { Fixture } from './testing/fixture-request.ts';
import { retarget } from './testing/fixtures.ts';
import { runSnippet } from './testing/run-code.ts';
import { SAE_FIXTURES } from './testing/sae-fixtures.ts';
import { type Reference, referenceAnswer } from './testing/sae-reference.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let capture: CaptureServer;
let modelName = '';
/** The server's own answer to each local fixture (by name). */
const references = new Map<string, Reference>();

const local = (f: Fixture) => retarget(f.req, server.url, server.key, { model: modelName });

beforeAll(async () => {
  const models = [...SAE_FIXTURES, ...BEHAVIOR_CREATE_FIXTURES]
    .map((f) => f.req.body?.model)
    .filter((m): m is string => typeof m === 'string');
  [server, capture] = await Promise.all([startTestServer({ workers: 1, maxQueue: 32 }), startCaptureServer(models)]);
  const res = await fetch(`${server.url}/models`, { headers: { 'x-api-key': server.key } });
  modelName = ((await res.json()) as { name: string }[])[0]?.name ?? '';
  capture.models.push(modelName);
  for (const f of SAE_FIXTURES) if (f.runsLocally) references.set(f.name, await referenceAnswer(local(f)));
});
afterAll(async () => {
  await Promise.all([server?.close(), capture?.close()]);
});

const cases = (fixtures: readonly Fixture[]) =>
  fixtures.flatMap((f) => SNIPPET_TARGETS.map((t) => ({ name: `${f.name} × ${t.id}`, fixture: f, target: t })));

/** What a target with no call for the request renders instead. */
function expectNoCall(req: RequestObject, notes: string[], code: string, unsupported: string[]): void {
  expect(notes).toEqual([noOpenAiCall(req)]);
  expect(code).toMatch(new RegExp(`^(#|//) The OpenAI client has no call for POST ${req.meta.path}; `));
  expect(unsupported).toEqual(Object.keys(req.body ?? {}));
}

describe.concurrent('each SAE snippet runs against the local server', () => {
  it.each(cases(SAE_FIXTURES.filter((f) => f.runsLocally)))('$name', async ({ fixture, target }) => {
    const req = local(fixture);
    const snippet = target.render(req, { keyMode: 'env' });
    if (cannotCall(target, req)) return expectNoCall(req, snippet.notes, snippet.code, snippet.unsupported);
    const r = await runSnippet(target, snippet.code, server.key);
    expect(r.code, r.stderr).toBe(0);
    const ref = references.get(fixture.name);
    if (!ref) throw new Error(`no reference for ${fixture.name}`);
    expectSaePrinted(target, req, r.stdout, ref);
  });

  it('the streamed /sae/generate fixture exercises a correction and every behavior it names', () => {
    const ref = references.get('sae-generate-stream-local');
    expect(ref?.corrections.map((c) => c.action)).toContain('regenerate');
    expect(Object.keys(ref?.readings[0] ?? {})).toEqual(['dialogue', 'question']);
    expect(references.get('chat-behaviors-stream-local')?.readings.length).toBeGreaterThan(0);
  });
});

const BEHAVIOR_ID = /^bh_[0-9a-f]{24}$/;

describe.concurrent('each "create a behavior" snippet makes a behavior on the local server', () => {
  it.each(cases(BEHAVIOR_CREATE_FIXTURES.filter((f) => f.runsLocally)))('$name', async ({ fixture, target }) => {
    const base = local(fixture);
    // behaviors are stored by name: each target makes its own
    const name = `${String(base.body?.behavior_name)} ${target.id}`;
    const body: Record<string, unknown> = { ...base.body, behavior_name: name };
    const req: RequestObject = { ...base, body };
    const snippet = target.render(req, { keyMode: 'env' });
    if (cannotCall(target, req)) return expectNoCall(req, snippet.notes, snippet.code, snippet.unsupported);
    const r = await runSnippet(target, snippet.code, server.key);
    expect(r.code, r.stderr).toBe(0);
    const printed =
      target.id === 'curl'
        ? behaviorSchema.parse(JSON.parse(r.stdout))
        : (([id, auc]) => ({ id, separation_auc: Number(auc) }))(r.stdout.trim().split(' '));
    expect(printed.id).toMatch(BEHAVIOR_ID);
    expect(printed.separation_auc).toBeGreaterThan(0.5);
    expect(printed.separation_auc).toBeLessThanOrEqual(1);
    const listed = await fetch(`${server.url}/behaviors`, { headers: { 'x-api-key': server.key } });
    const made = behaviorListSchema.parse(await listed.json()).behaviors.find((b) => b.id === printed.id);
    expect(made).toMatchObject({ behavior_name: name, description: body.description, built_in: false });
  });
});

let runs = 0;

describe.concurrent('each SAE snippet sends exactly the request the client sends', () => {
  const all = cases([...SAE_FIXTURES, ...BEHAVIOR_CREATE_FIXTURES]);
  const inline = cases([SAE_FIXTURES[0], BEHAVIOR_CREATE_FIXTURES[0]].filter((f) => f !== undefined));
  it.each(all)('$name (key from the environment)', async ({ fixture, target }) => {
    await expectSent(capture, target, fixture.req, { keyMode: 'env' }, `ax_sae_${++runs}`);
  });
  it.each(inline)('$name (inline hostile key, custom model)', async ({ fixture, target }) => {
    const key = `ax_'it"s'$(whoami)\`x\`$HOME\\%${++runs}`;
    const customModel = `m'"$(x)${runs}`;
    capture.models.push(customModel);
    await expectSent(capture, target, fixture.req, { keyMode: 'inline', customKey: key, customModel }, key);
  });
});

describe('the create_behavior_from_jsonl line of the mechanex snippet', () => {
  it('sends the same pairs read from a JSONL file, with the name and description', async () => {
    const key = 'ax_behavior_jsonl';
    const fixture = BEHAVIOR_CREATE_FIXTURES[0];
    if (!fixture) throw new Error('no create fixture');
    const req = retarget(fixture.req, capture.url, key);
    const { code } = pythonMechanex.render(req, { keyMode: 'env' });
    const call = /^# (behavior = mx\.sae\.create_behavior_from_jsonl\(.*\))$/m.exec(code)?.[1];
    if (!call) throw new Error(`no create_behavior_from_jsonl line in\n${code}`);
    const body = req.body as { prompts: string[]; positive_answers: string[]; negative_answers: string[] };
    const jsonl = body.prompts
      .map((prompt, i) =>
        JSON.stringify({
          prompt,
          positive_answer: body.positive_answers[i],
          negative_answer: body.negative_answers[i],
        }),
      )
      .join('\n');
    const head = code.slice(0, code.indexOf('behavior = mx.sae.create_behavior('));
    const file = `import os, tempfile\nos.chdir(tempfile.mkdtemp())\nwith open("pairs.jsonl", "w") as f:\n    f.write(${pyString(jsonl)})\n`;
    const r = await runSnippet(pythonMechanex, `${file}${head}${call}\nprint(behavior["id"])\n`, key);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(CAPTURED_BEHAVIOR_ID);
    const sent = capture.requests.filter((c) => c.method === 'POST' && c.headers['x-api-key'] === key);
    expect(sent.map((c) => c.body)).toEqual(mechanexBehaviorBodies(mechanexBehaviorCall(req, { keyMode: 'env' })));
  });
});
