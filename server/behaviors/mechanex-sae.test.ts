// mechanex's SAE module (the standard-library stand-in of src/snippets/testing/py-stubs, which follows mechanex
// 1.0.x's remote path) against a real server: mx.sae.create_behavior sends exactly the SDK's body and gets the
// behavior's id; mx.sae.generate monitors it over POST /sae/generate and returns the text; mx.sae.list_behaviors raises TypeError — the SDK adds the contract's {"behaviors": [...]} (a dict)
// to its local list — the recorded incompatibility (GET /behaviors?format=list is the bare array for other clients).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../engine/node/load-model.ts';
import { startTestServer } from '../testing.ts';

const PY_STUBS = join(REPO_ROOT, 'src', 'snippets', 'testing', 'py-stubs');

/** Runs Python code with the stand-in on its path, pointed at the server (async: the server runs in this process). */
async function python(code: string) {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(env)) if (/^(MECHANEX_|AXIONIC_)|proxy$/i.test(k)) delete env[k];
  const { stdout } = await promisify(execFile)('python3', ['-c', code], {
    env: {
      ...env,
      PYTHONPATH: PY_STUBS,
      PYTHONDONTWRITEBYTECODE: '1',
      MECHANEX_BASE_URL: s.url,
      AXIONIC_API_KEY: s.key,
    },
    timeout: 60_000,
  });
  return stdout;
}

let s: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  s = await startTestServer({ workers: 1 });
});
afterAll(() => s.close());

const PY = `
import json, os
import mechanex as mx
mx.set_key(os.environ["AXIONIC_API_KEY"])
sent = []
request = mx._client._request
def recording(method, path, body=None):
    sent.append({"method": method, "path": path, "body": body})
    return request(method, path, body)
mx._client._request = recording
b = mx.sae.create_behavior(
    "speech",
    ["Elizabeth looked up. ", "Mr. Darcy bowed. ", "Emma smiled. ", "Anne coloured. "],
    ['"I cannot think so," said she.', '"You are too kind," said he.', '"Oh! I am very glad."', '"It is of no consequence."'],
    ["She could not think so, and was silent.", "He was too kind to say more of it.",
     "She was very glad of the news.", "It was of no consequence to anybody."],
    description="Quoted speech",
)
text = mx.sae.generate("It was a fine morning. ", max_new_tokens=30, behavior_names=["speech"])
try:
    mx.sae.list_behaviors()
    listed = "no error"
except TypeError as e:
    listed = "TypeError: " + str(e)
print(json.dumps({"created": b, "sent": sent, "listed": listed, "text": text}))
`;

describe('mx.sae against the local server', () => {
  it('create_behavior sends the SDK body and gets an id; list_behaviors raises TypeError on the contract shape', async () => {
    const out = JSON.parse(await python(PY)) as {
      created: { id: string; behavior_name: string; steering_vector_id: string };
      sent: { method: string; path: string; body: Record<string, unknown> | null }[];
      listed: string;
      text: unknown;
    };
    expect(out.created.id).toMatch(/^bh_[0-9a-f]{24}$/);
    expect(out.created.behavior_name).toBe('speech');
    expect(out.created.steering_vector_id).toMatch(/^sv_/);
    expect(out.sent[0]?.path).toBe('/behaviors/create');
    expect(Object.keys(out.sent[0]?.body ?? {})).toEqual([
      'behavior_name',
      'prompts',
      'positive_answers',
      'negative_answers',
      'description',
    ]);
    // mx.sae.generate: exactly the SDK's body (nulls included), read as SSE, returns result.text (a str)
    expect(out.sent[1]).toEqual({
      method: 'POST',
      path: '/sae/generate',
      body: { prompt: 'It was a fine morning. ', max_new_tokens: 30, behavior_names: ['speech'], force_steering: null },
    });
    expect(typeof out.text).toBe('string');
    expect((out.text as string).length).toBeGreaterThan(0);
    expect((out.text as string).length).toBeLessThanOrEqual(30);
    expect(out.sent[2]).toEqual({ method: 'GET', path: '/behaviors', body: null });
    expect(out.listed).toBe("TypeError: unsupported operand type(s) for +: 'dict' and 'list'");
  });
});
