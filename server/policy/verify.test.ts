// Each local verifier passes and fails for a reason it names; JSON repair finds the first complete JSON value.
// (Over HTTP the json_schema and regex verifiers re-check the very constraint the output was generated under, so
// they fail there only if the matcher were wrong; here they are exercised directly on texts.)
import { describe, expect, it } from 'vitest';
import { runtimePolicySchema } from '../../protocol/policy.ts';
import { planPolicy } from './policy-plan.ts';
import { firstJsonValue, verifiersOf } from './verify.ts';

const verify = (policy: unknown) => verifiersOf(planPolicy(runtimePolicySchema.parse(policy), 'policy'));

describe('verifiers', () => {
  const schema = {
    type: 'object',
    properties: { topic: { type: 'string' }, confidence: { type: 'number' } },
    required: ['topic', 'confidence'],
  };

  it('syntax: JSON parses or the reason says why', () => {
    const v = verify({ constraints: { json_mode: true }, verifiers: { enabled: ['syntax'] } });
    expect(v('{"a": 1}')).toEqual({ ok: true, reason: null });
    expect(v('{"a": ').reason).toMatch(/^syntax: not JSON/);
  });

  it('json_schema: ajv against the policy schema, naming the place', () => {
    const v = verify({ constraints: { json_schema: schema }, verifiers: { enabled: ['json_schema'] } });
    expect(v('{"topic": "x", "confidence": 0.5}').ok).toBe(true);
    expect(v('{"topic": "x", "confidence": "high"}').reason).toBe('json_schema: /confidence must be number (ajv)');
    expect(v('{"topic": "x"}').reason).toMatch(/^json_schema: \(root\) must have required property 'confidence'/);
  });

  it('required_fields are added to the schema the verifier checks', () => {
    const v = verify({
      constraints: { json_schema: { type: 'object' }, required_fields: ['id'] },
      verifiers: { enabled: ['json_schema'] },
    });
    expect(v('{"id": 1}').ok).toBe(true);
    expect(v('{}').reason).toMatch(/required property 'id'/);
  });

  it('regex: a full match of regex_pattern', () => {
    const v = verify({ constraints: { regex_pattern: '^[0-9]{4}$' }, verifiers: { enabled: ['regex'] } });
    expect(v('1815').ok).toBe(true);
    expect(v('in 1815').reason).toBe('regex: does not match ^[0-9]{4}$');
  });

  it('tool_args: ajv against tool_schema', () => {
    const tool = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const v = verify({ constraints: { tool_schema: tool }, verifiers: { enabled: ['tool_args'] } });
    expect(v('{"city": "Bath"}').ok).toBe(true);
    expect(v('{"town": "Bath"}').reason).toMatch(/^tool_args: \(root\) must have required property 'city'/);
  });

  it('the first complete JSON value in a text (strings with brackets and escapes included)', () => {
    expect(firstJsonValue('Sure! {"a": "}{", "b": [1, {"c": "\\"]"}]} and more {"x": 1}')).toBe(
      '{"a": "}{", "b": [1, {"c": "\\"]"}]}',
    );
    expect(firstJsonValue('{broken [1, 2] tail')).toBe('[1, 2]');
    expect(firstJsonValue('no json here')).toBeUndefined();
  });
});
