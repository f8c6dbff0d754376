import { describe, expect, it } from 'vitest';
import { ConstraintProcessor } from '../matcher.ts';
import { compileGrammarConstraint } from './constraint.ts';
import { ARITHMETIC } from './fixtures.ts';

describe('compileGrammarConstraint', () => {
  it('wraps the matcher factory and the independent check', () => {
    const c = compileGrammarConstraint(ARITHMETIC);
    expect(c.kind).toBe('grammar');
    expect(c.field).toBe('grammar');
    expect(c.minChars).toBe(1);
    expect(c.stats.namedRules).toBe(8);
    expect(c.stats.compileMs).toBeGreaterThanOrEqual(0);
    expect(c.check('f(x, 1) * 2')).toEqual({ valid: true });
    expect(c.check('f(x, 1) *')).toEqual({
      valid: false,
      error: "the output is not in the grammar's language (checked by the naive recogniser)",
    });
    expect(c.newMatcher()).not.toBe(c.newMatcher());
  });

  it('compile errors name the field', () => {
    expect(() => compileGrammarConstraint('root ::= "a')).toThrow(
      expect.objectContaining({ field: 'grammar', message: expect.stringMatching(/^grammar: line 1, column 10: /) }),
    );
    expect(() => compileGrammarConstraint('root ::= "a', 'json_schema')).toThrow(
      expect.objectContaining({
        field: 'json_schema',
        message: expect.stringMatching(/^json_schema: line 1, column 10: /),
      }),
    );
  });

  it('plugs into the ConstraintProcessor: disallowed logits become -Infinity', () => {
    const c = compileGrammarConstraint('root ::= [0-9]{2}');
    const p = new ConstraintProcessor(c.newMatcher());
    const logits = new Float32Array(97);
    p.process(logits, { generated: [], step: 0, remaining: 10, attempt: 1 });
    const open = [...logits].flatMap((x, t) => (x === 0 ? [t] : []));
    expect(open).toEqual([17, 18, 19, 20, 21, 22, 23, 24, 25, 26]); // '0'..'9'
    p.accept(17);
    p.accept(18);
    expect(p.canStop(2)).toBe(true);
    expect(p.canStop(1)).toBe(false);
    p.rewind(1);
    expect(p.canStop(1)).toBe(false);
    expect(() => p.accept(33)).toThrow(/engine bug/);
  });
});
