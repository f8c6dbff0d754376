// A compiled regex constraint: the DFA table, a fresh matcher per generation, and the independent check of an
// output (a native RegExp full match, sharing nothing with the automaton).
import type { CompiledConstraint } from '../compiled.ts';
import { compileRegexTable } from './compile-regex.ts';
import { DfaMatcher } from './regex-matcher.ts';

export function compileRegex(pattern: string, field = 'regex_pattern'): CompiledConstraint {
  const t0 = performance.now();
  const table = compileRegexTable(pattern, field);
  const compileMs = performance.now() - t0;
  const full = new RegExp(`^(?:${pattern})$`);
  return {
    kind: 'regex',
    field,
    minChars: table.dist[table.initial] ?? 0,
    stats: { states: table.states, compileMs },
    newMatcher: () => new DfaMatcher(table),
    check: (text) =>
      full.test(text)
        ? { valid: true }
        : { valid: false, error: `the output does not fully match the regex_pattern (checked with RegExp)` },
  };
}
