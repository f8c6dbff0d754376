// The regex and grammar lint: a compiler refusal is one error marked where the compiler says (a regex's "at position
// N", a grammar's "line L, column C", or the rule it names), with the server's message as the refusal; the budget.
import { describe, expect, it } from 'vitest';
import { lintConstraint } from './lint.ts';
import type { Lint, LintInput } from './types.ts';

const regex = (text: string, maxTokens = 60): LintInput => ({ kind: 'regex', text, maxTokens });
const grammar = (text: string, maxTokens = 60): LintInput => ({ kind: 'grammar', text, maxTokens });
const marked = (text: string, l: Lint | undefined) => text.slice(l?.from ?? 0, l?.to ?? 0);

describe('lintConstraint (regex)', () => {
  it('a pattern that compiles: no lints, its facts', () => {
    const r = lintConstraint(regex('[a-z]+@[a-z]+\\.(com|org)'));
    expect(r.lints).toEqual([]);
    expect(r.refusal).toBeUndefined();
    expect(r.facts).toMatchObject({ minChars: 7, ignoredKeywords: [], skippedKeywords: [] });
    expect(r.facts?.draft).toBeUndefined();
    expect(r.facts?.keyOrder).toBeUndefined();
  });

  it.each([
    ['[a-z]+(?=x)', '(?=x)', /^lookarounds such as \(\?=x\) are not supported \(at position 7\)$/],
    ['a\\bc', '\\b', /^word boundaries such as \\b are not supported/],
    ['ab(c', 'c', /^not a valid regular expression: Unterminated group \(at position 5\)$/],
    ['x{2000}', '{2000}', /^the repetition \{2000\} has a bound of 2000, more than the 1000 allowed/],
    ['a$b', '$', /^the anchor \$ is only supported at the very start or end/],
    ['(a)\\1', '\\1', /^backreferences such as \\1 are not supported/],
  ])('%s: marked at the position the compiler names', (text, at, message) => {
    const r = lintConstraint(regex(text));
    expect(r.lints).toHaveLength(1);
    const [e] = r.lints;
    expect(e).toMatchObject({ severity: 'error', source: 'compiler' });
    expect(e?.message).toMatch(message);
    expect(marked(text, e)).toBe(at);
    expect(r.refusal).toBe(`regex_pattern: ${e?.message}`);
  });

  it('a refusal without a position marks the whole pattern', () => {
    const text = '[^\\x00-\\x7f]';
    const r = lintConstraint(regex(text));
    expect(r.lints[0]?.message).toMatch(/matches no string of the model's characters/);
    expect(marked(text, r.lints[0])).toBe(text);
  });

  it('the refusal names the field it travels in', () => {
    expect(lintConstraint({ ...regex('(?=a)'), field: 'policy.constraints.regex_pattern' }).refusal).toMatch(
      /^policy\.constraints\.regex_pattern: lookarounds/,
    );
  });

  it('the budget', () => {
    const r = lintConstraint(regex('[0-9]{8}', 5));
    expect(r.lints).toEqual([
      {
        severity: 'error',
        source: 'budget',
        message:
          'the shortest output that satisfies it needs 8 characters but max tokens is 5 (one character per token on the local model)',
      },
    ]);
    expect(r.refusal).toBe('max_new_tokens: the regex_pattern needs at least 8 characters, but max_new_tokens is 5');
  });
});

describe('lintConstraint (grammar)', () => {
  const LIST = 'root ::= item ("," item)*\nitem ::= [a-z]+ | [0-9]+\n';

  it('a grammar that compiles: no lints, its facts', () => {
    const r = lintConstraint(grammar(LIST));
    expect(r.lints).toEqual([]);
    expect(r.facts?.minChars).toBe(1);
  });

  it('an undefined rule is marked at its name (line and column)', () => {
    const text = 'root ::= "a" item\nitem ::= "b" tail\n';
    const r = lintConstraint(grammar(text));
    expect(r.lints).toHaveLength(1);
    expect(r.lints[0]?.message).toBe("line 2, column 14: rule 'tail' is not defined");
    expect(marked(text, r.lints[0])).toBe('tail');
    expect(r.refusal).toBe("grammar: line 2, column 14: rule 'tail' is not defined");
  });

  it('columns count characters: an emoji before the place does not shift the marker', () => {
    const text = 'root ::= "\u{1F600}" x\n';
    const r = lintConstraint(grammar(text));
    expect(marked(text, r.lints[0])).toBe('x');
  });

  it('a syntax error is marked where the parser stopped', () => {
    const text = 'root ::= "a" | \nitem ::= [a-\n';
    const r = lintConstraint(grammar(text));
    expect(r.lints).toHaveLength(1);
    expect(r.lints[0]?.message).toMatch(/^line 2, column \d+: /);
    expect(r.lints[0]?.from).toBeGreaterThan(text.indexOf('\n'));
  });

  it('a rule named without a place is marked at its definition', () => {
    const text = 'item ::= "x"\n  root ::= item root\n';
    const r = lintConstraint(grammar(text));
    expect(r.lints[0]?.message).toMatch(/^rule 'root' never derives a finite string/);
    expect(marked(text, r.lints[0])).toBe('root');
    expect(r.lints[0]?.from).toBe(text.indexOf('root'));
  });

  it('without any place, the whole grammar is marked', () => {
    const text = 'start ::= "a"\n';
    const r = lintConstraint(grammar(text));
    expect(r.lints[0]?.message).toMatch(/no rule named 'root'/);
    expect(marked(text, r.lints[0])).toBe(text);
  });

  it('the budget', () => {
    const r = lintConstraint(grammar('root ::= "abcdef"\n', 4));
    expect(r.lints.map((l) => l.source)).toEqual(['budget']);
    expect(r.refusal).toBe('max_new_tokens: the grammar needs at least 6 characters, but max_new_tokens is 4');
  });

  it('an empty grammar or pattern is no constraint: /sampling/generate refuses method "guided-generation" without one', () => {
    for (const input of [grammar(''), regex('')]) {
      const r = lintConstraint(input);
      expect(r.lints).toEqual([expect.objectContaining({ source: 'compiler', severity: 'error' })]);
      expect(r.refusal).toBe('method "guided-generation" needs one of json_schema, regex_pattern or grammar');
    }
  });
});

describe('lintConstraint (regex and grammar, in an inline policy on the OpenAI routes)', () => {
  const policy = (input: LintInput): LintInput => ({ ...input, route: 'policy' });

  it('refusals name the policy field', () => {
    expect(lintConstraint(policy(regex('ab(c'))).refusal).toBe(
      'policy.constraints.regex_pattern: not a valid regular expression: Unterminated group (at position 5)',
    );
    expect(lintConstraint(policy(grammar('root ::= "abcdef"\n', 4))).refusal).toBe(
      'max_new_tokens: the policy.constraints.grammar needs at least 6 characters, but max_new_tokens is 4',
    );
    // the marker is found as on the direct route (the field is not part of the message shown)
    const text = '[a-z]+(?=x)';
    const r = lintConstraint(policy(regex(text)));
    expect(r.lints[0]?.message).toMatch(/^lookarounds such as/);
    expect(marked(text, r.lints[0])).toBe('(?=x)');
  });

  it('an empty grammar or pattern is no constraint: the policy runs unconstrained (a warning, no refusal)', () => {
    for (const input of [grammar(''), regex('')]) {
      const r = lintConstraint(policy(input));
      expect(r.lints).toEqual([expect.objectContaining({ source: 'advice', severity: 'warning' })]);
      expect(r.lints[0]?.message).toMatch(/the policy runs the request unconstrained/);
      expect(r.refusal).toBeUndefined();
    }
  });
});
