// @vitest-environment node
// mechanex 1.0.x's policy path, through the project's stand-in (it makes the SDK's exact HTTP calls) against the
// real server: generate() with a JSON Schema, a regex, best_of_n, an inline policy and a saved policy_id goes to
// POST /policies/run and returns the output; mx.policy.save/list/get/run/compare/evaluate/auto_tune and the presets
// calls use the /policies routes with the bodies mechanex 1.0.x sends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../server/testing.ts';
import { runProcess, snippetEnv } from './testing/run-code.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ workers: 1, maxQueue: 8 });
});
afterAll(() => server.close());

const SCRIPT = `
import json, os
os.environ["MECHANEX_BASE_URL"] = os.environ["BASE"]
import mechanex as mx
mx.set_key(os.environ["AXIONIC_API_KEY"])
schema = {"type": "object", "properties": {"topic": {"type": "string"}, "confidence": {"type": "number"}},
          "required": ["topic", "confidence"], "additionalProperties": False}
out = {}
out["schema"] = mx.generation.generate("Extract the primary topic and confidence from: relayer outage on Osmosis, confidence 0.82", max_tokens=120, json_schema=schema)
out["regex"] = mx.generation.generate("The year was ", max_tokens=12, regex_pattern="1[0-9]{3}")
out["best_of"] = mx.generation.generate("It is", max_tokens=12, best_of_n=3)
pid = mx.policy.save({"id": "pol_py", "constraints": {"regex_pattern": "(yes|no)"}, "verifiers": {"enabled": ["regex"]}})
out["saved"] = pid
out["listed"] = [p["id"] for p in mx.policy.list()]
out["got"] = mx.policy.get(pid)["constraints"]["regex_pattern"]
out["run"] = mx.policy.run("Answer: ", policy_id=pid, max_new_tokens=5)
out["by_id"] = mx.generation.generate("Answer: ", policy_id=pid)
out["inline"] = mx.generation.generate("Answer: ", policy={"constraints": {"regex_pattern": "[A-Z][a-z]{2,6}"}})
yes_no = {"constraints": {"regex_pattern": "(yes|no)"}, "verifiers": {"enabled": ["regex"]}}
out["compare"] = [r["output"] for r in mx.policy.compare("Answer: ", [yes_no, yes_no], max_new_tokens=5)["results"]]
out["evaluate"] = mx.policy.evaluate(["Answer: ", "Reply: "], policy_id=pid, max_new_tokens=5)["pass_count"]
tuned = mx.policy.auto_tune(["Answer: "], base_policy=yes_no, search_space={"sampling.temperature": [0.3, 0.9]}, max_trials=2, max_new_tokens=5)
out["tuned"] = [len(tuned["trials"]), tuned["best_trial"]["policy"] == tuned["best_policy"]]
preset = mx.policy.publish_preset("yes-no", yes_no, tags=["test"])
out["presets"] = [p["name"] for p in mx.policy.list_presets()]
out["own_presets"] = [p["id"] for p in mx.policy.list_presets(include_public=False)] == [preset]
out["cloned"] = mx.policy.get(mx.policy.clone_preset(preset))["constraints"]["regex_pattern"]
print(json.dumps(out))
`;

describe('mechanex stand-in: the policy path', () => {
  it('constraints, best_of_n, inline and saved policies all go through /policies/run', async () => {
    const r = await runProcess('python3', ['-c', SCRIPT], { ...snippetEnv(server.key), BASE: server.url }, 60_000);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}');
    expect(Object.keys(JSON.parse(out.schema))).toEqual(['topic', 'confidence']);
    expect(out.regex).toMatch(/^1[0-9]{3}$/);
    expect(typeof out.best_of).toBe('string');
    expect(out.saved).toBe('pol_py');
    expect(out.listed).toContain('pol_py');
    expect(out.got).toBe('(yes|no)');
    expect(out.run).toMatchObject({ accepted: true, policy_id: 'pol_py' });
    expect(out.run.output).toMatch(/^(yes|no)$/);
    expect(out.by_id).toMatch(/^(yes|no)$/);
    expect(out.inline).toMatch(/^[A-Z][a-z]{2,6}$/);
    expect(out.compare.every((o: string) => /^(yes|no)$/.test(o))).toBe(true);
    expect(out.evaluate).toBe(2);
    expect(out.tuned).toEqual([2, true]);
    expect(out.presets).toEqual(
      expect.arrayContaining(['yes-no', 'strict_json_extraction', 'fast_tool_router', 'diverse_chatbot']),
    );
    expect(out.own_presets).toBe(true);
    expect(out.cloned).toBe('(yes|no)');
  });
});
