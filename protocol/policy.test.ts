// The RuntimePolicy schema: the contract's defaults fill in, unknown keys are refused with their path, and the
// editor's JSON Schema is generated from the same zod schema (so the two cannot drift).
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { policyJsonSchema, runtimePolicySchema } from './policy.ts';

describe('RuntimePolicy', () => {
  it('fills in the contract defaults', () => {
    const p = runtimePolicySchema.parse({});
    expect(p.sampling).toMatchObject({ method: 'top-k', temperature: 0.7, top_k: 50, top_p: 0.9, num_candidates: 1 });
    expect(p.constraints).toMatchObject({
      json_mode: false,
      required_fields: [],
      forbidden_terms: [],
      stop_sequences: [],
    });
    expect(p.verifiers).toMatchObject({ enabled: [], repair_on_failure: true, rerank: true, max_retries: 1 });
    expect(p.optimization).toMatchObject({ best_of_n: 1, retry_on_failure: 1, confidence_threshold: 0.5 });
    expect(p.steering).toMatchObject({ enabled: false, method: 'caa', strength: 1 });
    expect(p.objective).toMatchObject({ name: 'quality', maximize: true });
    expect(p.task_profile.name).toBe('general');
  });

  it('refuses unknown keys and wrong types with their path', () => {
    const r = runtimePolicySchema.safeParse({ sampling: { temprature: 1 }, verifiers: { enabled: ['spellcheck'] } });
    const paths = r.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['sampling', 'verifiers.enabled.0']));
  });

  it("generates the editor's JSON Schema, which accepts what zod accepts and refuses what it refuses", () => {
    const schema = policyJsonSchema();
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const good = {
      sampling: { method: 'top-p', temperature: 0.2 },
      constraints: { json_mode: true },
      verifiers: { enabled: ['syntax'] },
    };
    expect(validate(good)).toBe(true);
    expect(runtimePolicySchema.safeParse(good).success).toBe(true);
    for (const bad of [
      { sampling: { temprature: 1 } },
      { verifiers: { enabled: ['spellcheck'] } },
      { optimization: { best_of_n: 0 } },
    ]) {
      expect(validate(bad), JSON.stringify(bad)).toBe(false);
      expect(runtimePolicySchema.safeParse(bad).success).toBe(false);
    }
  });
});
