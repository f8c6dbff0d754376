// @vitest-environment node
// mechanex 1.0.x's steering calls, through the project's stand-in (it makes the SDK's exact HTTP calls) against the
// real server: generate_vectors → POST /steering/generate (SSE) → the id; generation.generate(steering_vector=id,
// steering_strength=2) → POST /generate; save_vectors(id, path) → GET /steering/vectors/{id}/download (a built-in
// id with its slash as the SDK puts it in the path); load_vectors reads the file back; generate with a json_schema
// and a steering vector goes to /policies/run with the steering block the SDK builds.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../server/testing.ts';
import { runProcess, snippetEnv } from './testing/run-code.ts';

const C = 128;
const steeringDir = mkdtempSync(join(tmpdir(), 'axplay-mx-steering-'));
const dir = Array.from({ length: C }, (_, i) => Math.cos(3 * i));
const n = Math.hypot(...dir);
writeFileSync(
  join(steeringDir, 'probe.json'),
  JSON.stringify({
    id: 'austen-mini/probe',
    name: 'probe',
    label: null,
    method: 'caa',
    model: 'austen-mini',
    layers: [{ hook: 'blocks.1.hook_resid_pre', direction: dir.map((x) => x / n), scale: 9, rawNorm: 1 }],
  }),
);

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ workers: 1, maxQueue: 8, steeringDir });
});
afterAll(async () => {
  await server.close();
  rmSync(steeringDir, { recursive: true, force: true });
});

const SCRIPT = `
import json, os, tempfile
os.environ["MECHANEX_BASE_URL"] = os.environ["BASE"]
import mechanex as mx
mx.set_key(os.environ["AXIONIC_API_KEY"])
out = {}
vid = mx.steering.generate_vectors(
    prompts=["Elizabeth looked up. ", "Emma smiled. ", "Anne coloured. "],
    positive_answers=['"I cannot think so," said she.', '"Oh! I am very glad."', '"It is of no consequence."'],
    negative_answers=["She could not think so.", "She was very glad of it.", "It was of no consequence."],
    name="dialogue-mine",
)
out["id"] = vid
out["plain"] = mx.generation.generate("It is", max_tokens=40)
out["zero"] = mx.generation.generate("It is", max_tokens=40, steering_vector=vid, steering_strength=0)
out["steered"] = mx.generation.generate("It is", max_tokens=40, steering_vector=vid, steering_strength=2)
out["json"] = mx.generation.generate("Data: ", max_tokens=60, steering_vector=vid, steering_strength=1,
                                     json_schema={"type": "object", "properties": {"a": {"type": "integer"}},
                                                  "required": ["a"], "additionalProperties": False})
path = os.path.join(tempfile.mkdtemp(), "v.json")
mx.steering.save_vectors(vid, path)
out["saved"] = json.load(open(path))
out["loaded_keys"] = [repr(k) for k in mx.steering.load_vectors(path).keys()]
mx.steering.save_vectors("austen-mini/probe", path)
out["built_in"] = list(json.load(open(path)).keys())
try:
    mx.steering.get_vectors(vid)
    out["get"] = "returned"
except mx.MechanexError as e:
    out["get"] = str(e)
try:
    mx.steering.generate_vectors(["a"], ["b", "c"], ["d"])
    out["bad"] = None
except Exception as e:
    out["bad"] = str(e)
print(json.dumps(out))
`;

describe('mechanex stand-in: steering', () => {
  it('generate_vectors → id → generate(steering_vector=id, steering_strength=2), save_vectors, load_vectors', async () => {
    const r = await runProcess('python3', ['-c', SCRIPT], { ...snippetEnv(server.key), BASE: server.url }, 60_000);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}');
    expect(out.id).toMatch(/^sv_[0-9a-f]{24}$/);
    expect(typeof out.plain).toBe('string');
    expect(typeof out.steered).toBe('string');
    expect(out.steered.length).toBeGreaterThan(0);
    expect(JSON.parse(out.json)).toEqual({ a: expect.any(Number) });
    expect(Object.keys(out.saved)).toEqual(['3']);
    expect(out.saved['3']).toHaveLength(C);
    expect(out.loaded_keys).toEqual(['3']);
    expect(out.built_in).toEqual(['1']);
    expect(out.get).toMatch(/not found in local session/);
    expect(out.bad).toMatch(/400/);
  });
});
