// What every constraint front end compiles to: a factory of matchers (one per generation), the fewest characters a
// complete output needs (a request whose budget is smaller is refused before generating), and an independent
// check of a finished output (reported as `valid`, so a matcher bug shows up, never a silent lie).
import type { Matcher } from './matcher.ts';

export interface CheckResult {
  readonly valid: boolean;
  readonly error?: string;
}

export interface CompiledConstraint {
  readonly kind: 'regex' | 'grammar' | 'json_schema';
  /** The request field the constraint came from (errors name it). */
  readonly field: string;
  readonly minChars: number;
  /** Sizes and the compile time, for logs and the bench (never used for decisions). */
  readonly stats: Readonly<Record<string, number>>;
  /** Facts the answer reports about the compiled constraint (JSON Schema: whitespace, ignored/skipped keywords). */
  readonly info?: Readonly<Record<string, unknown>>;
  newMatcher(): Matcher;
  check(text: string): CheckResult;
}
