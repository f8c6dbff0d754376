// A compiled grammar constraint for the engine and the server: the Earley matcher factory (compile.ts) and the
// independent check of an output by the naive recogniser (naive-check.ts), which shares nothing with it but the
// syntax tree. Compile errors (and the run-time Earley items cap) name `field` (default `grammar`) and start with it.
import type { CompiledConstraint } from '../compiled.ts';
import { type CompiledGrammar, compileGrammar, compileGrammarAst } from './compile.ts';
import type { GbnfGrammar } from './gbnf-ast.ts';
import { GRAMMAR_FIELD } from './grammar-errors.ts';
import { astAccepts } from './naive-check.ts';

/** GBNF text as a constraint (kind `grammar`). */
export function compileGrammarConstraint(source: string, field = GRAMMAR_FIELD): CompiledConstraint {
  const t0 = performance.now();
  const g = compileGrammar(source, { field });
  return asConstraint(g, 'grammar', field, performance.now() - t0);
}

/**
 * A syntax tree built in code (lexemes allowed) as a constraint: the JSON Schema compiler's grammars, by default
 * with kind and field `json_schema`.
 */
export function compileGrammarAstConstraint(
  ast: GbnfGrammar,
  opts: { readonly field?: string; readonly kind?: CompiledConstraint['kind'] } = {},
): CompiledConstraint {
  const field = opts.field ?? 'json_schema';
  const t0 = performance.now();
  const g = compileGrammarAst(ast, { field });
  return asConstraint(g, opts.kind ?? 'json_schema', field, performance.now() - t0);
}

function asConstraint(
  g: CompiledGrammar,
  kind: CompiledConstraint['kind'],
  field: string,
  compileMs: number,
): CompiledConstraint {
  return {
    kind,
    field,
    minChars: g.minChars,
    stats: { ...g.stats, compileMs },
    newMatcher: g.newMatcher,
    check: (text) =>
      astAccepts(g.ast, text)
        ? { valid: true }
        : { valid: false, error: `the output is not in the ${field}'s language (checked by the naive recogniser)` },
  };
}
