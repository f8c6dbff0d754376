// A compiled JSON Schema constraint: schema → grammar (compile-schema.ts) → the Earley matcher of the grammar
// front end, with the facts the answer reports (whitespace policy, ignored and skipped keywords). The check of an
// output is given by the caller (the server's uses ajv), so the engine stays free of a validator.
import type { CheckResult, CompiledConstraint } from '../compiled.ts';
import { compileGrammarAst } from '../grammar/compile.ts';
import { ConstraintError } from '../matcher.ts';
import { type SchemaOptions, schemaToGrammar } from './compile-schema.ts';
import type { Draft } from './drafts.ts';
import { FIELD, SchemaError } from './schema-error.ts';

/** The grammar's compile, with the one refusal a schema can reach there said in the schema's terms. */
function grammarOf(sg: ReturnType<typeof schemaToGrammar>) {
  try {
    return compileGrammarAst(sg.grammar, { field: FIELD });
  } catch (e) {
    if (e instanceof ConstraintError && /never derives a finite string/.test(e.message))
      throw new SchemaError(
        'no finite JSON value satisfies this schema: a recursive $ref is required at every level, so every instance would be infinite',
      );
    throw e;
  }
}

export interface CompiledSchema extends CompiledConstraint {
  readonly draft: Draft;
  readonly info: {
    readonly whitespace: string;
    readonly ignored_keywords: readonly string[];
    readonly skipped_keywords: readonly string[];
  };
}

export function compileJsonSchema(
  schema: unknown,
  o: SchemaOptions & { readonly check?: (text: string) => CheckResult } = {},
): CompiledSchema {
  const t0 = performance.now();
  const sg = schemaToGrammar(schema, o);
  const g = grammarOf(sg);
  const compileMs = performance.now() - t0;
  return {
    kind: 'json_schema',
    field: FIELD,
    draft: sg.draft as Draft,
    minChars: g.minChars,
    stats: { rules: g.stats.rules, symbols: g.stats.symbols, compileMs },
    newMatcher: g.newMatcher,
    check:
      o.check ??
      ((text) => {
        try {
          JSON.parse(text);
          return { valid: true };
        } catch (e) {
          return { valid: false, error: `not JSON: ${(e as Error).message}` };
        }
      }),
    info: { whitespace: sg.whitespace, ignored_keywords: sg.ignored, skipped_keywords: sg.skipped },
  };
}
