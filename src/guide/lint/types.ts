// The browser-side lint of a guided-generation constraint (JSON Schema, regex, GBNF grammar): what the Constraint
// editor sends in, the lints it marks, the facts of the compiled constraint, and the "sample instance" preview. The
// constraint is compiled by the very compiler the server runs (engine/constraints), so a refusal here is the
// server's 400, word for word.

export type LintKind = 'json_schema' | 'regex' | 'grammar';
/**
 * Where the constraint travels, which decides what the server checks and how its 400 words it: `direct` is POST
 * /sampling/generate with the constraint in its own field (`json_schema`, `regex_pattern`, `grammar`) and method
 * "guided-generation"; `policy` is /v1/chat/completions or /v1/completions with the constraint in an inline policy
 * (`policy.constraints`, json_schema with `json_mode: true`), as src/api/guide.ts `constraintPolicy` builds it.
 */
export type LintRoute = 'direct' | 'policy';
export type Whitespace = 'spaced' | 'compact' | 'flexible';

export interface LintInput {
  readonly kind: LintKind;
  /** the editor's text (JSON text for json_schema) */
  readonly text: string;
  /** the run's max tokens (one char per token locally) */
  readonly maxTokens: number;
  /** The route the constraint is sent on (default `direct`). */
  readonly route?: LintRoute;
  /** json_schema_options.whitespace (default spaced); direct route only: a policy cannot carry it */
  readonly whitespace?: Whitespace;
  /** json_schema_options.lenient: unimplemented keywords are skipped (warnings) instead of refused; direct route only */
  readonly lenient?: boolean;
  /**
   * The request field the constraint travels in, as the server names it in a refusal (default: the route's —
   * `json_schema`, `regex_pattern`, `grammar` on `direct`; `policy.constraints.json_schema`,
   * `policy.constraints.regex_pattern`, `policy.constraints.grammar` on `policy`). The JSON Schema compiler's own
   * refusals always name `json_schema`, on either route.
   */
  readonly field?: string;
}

export interface Lint {
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  /** JSON pointer into the schema (json_schema), e.g. "/properties/age/multipleOf" */
  readonly pointer?: string;
  /** Character offsets into `text` of the marker (start inclusive, end exclusive) */
  readonly from?: number;
  readonly to?: number;
  /** where it comes from: the compiler (what the server refuses with), the meta-schema, the seed page's advice, the max_tokens budget, JSON syntax */
  readonly source: 'compiler' | 'meta-schema' | 'advice' | 'budget' | 'syntax';
}

export interface CompiledFacts {
  /** json_schema: '2020-12' | '2019-09' | '07' | '06' | '04' */
  readonly draft?: string;
  /** json_schema */
  readonly whitespace?: string;
  /** json_schema with an object root: the order the root keys are written in */
  readonly keyOrder?: readonly string[];
  /** the fewest characters of a complete output */
  readonly minChars: number;
  readonly ignoredKeywords: readonly string[];
  readonly skippedKeywords: readonly string[];
  readonly compileMs: number;
}

export interface LintReport {
  readonly lints: readonly Lint[];
  /** present when the constraint compiled */
  readonly facts?: CompiledFacts;
  /**
   * when the compiler refuses the constraint: the exact message the server's 400 would carry for it (also set, with
   * `facts`, when it compiles but needs more characters than max tokens: the server refuses that with a 400 too)
   */
  readonly refusal?: string;
}

export interface SampleResult {
  readonly text?: string;
  readonly error?: string;
}
