// Soundness of the JSON Schema constraint as the worker builds it (compiler + ajv check): random walks over every
// fixture schema — drawing uniformly among the allowed characters under a budget, tiny budgets included — always
// end in a complete output within the budget, and ajv (an independent validator) accepts every one.
import { describe, expect, it } from 'vitest';
import type { CompiledConstraint } from '../../engine/constraints/compiled.ts';
import { seeded } from '../../engine/constraints/grammar/grammar-test-helpers.ts';
import { SCHEMA_FIXTURES } from '../../engine/constraints/json/fixtures.ts';
import { hasToken, tokensOf } from '../../engine/constraints/vocab-set.ts';
import { EOS_ID, tokenText } from '../../engine/tokenizer.ts';
import { CONSTRAINT_COMPILERS } from './compile-job.ts';
import { registerConstraints } from './constraints.ts';

registerConstraints();

function compile(schema: unknown, options: Record<string, unknown> = {}): CompiledConstraint {
  const c = CONSTRAINT_COMPILERS.get('json_schema');
  if (!c) throw new Error('json_schema is not registered');
  return c({ kind: 'json_schema', source: schema, field: 'json_schema', budgetField: 'max_new_tokens', options });
}

/** One walk: uniform among the allowed tokens (end-of-text included) until end-of-text. */
function walk(k: CompiledConstraint, budget: number, rand: () => number): string {
  const m = k.newMatcher();
  let out = '';
  for (let remaining = budget; ; remaining--) {
    const allowed = m.allowed(remaining);
    const tokens = tokensOf(allowed);
    if (tokens.length === 0) throw new Error(`nothing allowed after ${JSON.stringify(out)} with ${remaining} left`);
    // prefer continuing a little, so walks reach deep structure, but end whenever the coin says so
    const t =
      hasToken(allowed, EOS_ID) && rand() < 0.3 ? EOS_ID : (tokens[Math.floor(rand() * tokens.length)] ?? EOS_ID);
    if (t === EOS_ID) return out;
    if (remaining <= 0) throw new Error(`budget exceeded after ${JSON.stringify(out)}`);
    expect(m.advance(t)).toBe(true);
    out += tokenText(t);
  }
}

describe('JSON Schema random walks are valid for ajv', () => {
  for (const [i, f] of SCHEMA_FIXTURES.entries()) {
    it(f.name, () => {
      for (const whitespace of ['spaced', 'compact', 'flexible']) {
        const k = compile(f.schema, { whitespace });
        const rand = seeded(4100 + i);
        const budgets = [k.minChars, k.minChars + 1, k.minChars + 7, 60, 160, 400].filter((b) => b >= k.minChars);
        for (let n = 0; n < 48; n++) {
          const budget = budgets[n % budgets.length] ?? 400;
          const out = walk(k, budget, rand);
          expect(out.length).toBeLessThanOrEqual(budget);
          const r = k.check(out);
          expect(r, `${whitespace} budget ${budget}: ${out}`).toEqual({ valid: true });
        }
      }
    });
  }

  it('the check is independent: ajv rejects what the schema forbids, names the place, and says when it is not JSON', () => {
    const k = compile(SCHEMA_FIXTURES[0]?.schema);
    expect(k.check('{"topic": "x", "confidence": 1}')).toEqual({ valid: true });
    expect(k.check('{"topic": "x"}').error).toMatch(/must have required property 'confidence' \(ajv\)/);
    expect(k.check('{"topic": "x", "confidence": 1, "z": 0}').error).toMatch(/additional properties/);
    expect(k.check('{"topic": ').error).toMatch(/not JSON/);
    const fmt = compile({ type: 'string', format: 'date' });
    expect(fmt.check('"2023-02-29"').valid).toBe(false); // formats are checked (ajv-formats, full mode)
    const d4 = compile({ $schema: 'http://json-schema.org/draft-04/schema#', maximum: 1, exclusiveMaximum: true });
    expect(d4.check('1').valid).toBe(false); // the declared draft's semantics
    expect(d4.check('0.5').valid).toBe(true);
    for (const $schema of ['http://json-schema.org/draft-06/schema#', 'http://json-schema.org/draft-07/schema#']) {
      const k6 = compile({ $schema, type: 'integer', exclusiveMaximum: 3 });
      expect([k6.check('2').valid, k6.check('3').valid], $schema).toEqual([true, false]);
    }
    const asyncSchema = compile({ $async: true, type: 'object', properties: { a: { type: 'string' } } });
    expect([asyncSchema.check('{"a": "x"}').valid, asyncSchema.check('{"a": 1}').valid]).toEqual([true, false]);
    const d2019 = compile(
      { $schema: 'https://json-schema.org/draft/2019-09/schema', dependentRequired: { a: ['b'] } },
      { lenient: true },
    );
    expect([d2019.check('{"a": 1, "b": 2}').valid, d2019.check('{"a": 1}').valid]).toEqual([true, false]);
  });
});
