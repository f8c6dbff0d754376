// A compiled grammar constraint for the engine and the server: the Earley matcher factory (compile.ts) and the
// independent check of an output by the naive recogniser (naive-check.ts), which shares nothing with it but the
// syntax tree. Compile errors name `field` (default `grammar`) and start with it.
import type { CompiledConstraint } from '../compiled.ts';
import { ConstraintError } from '../matcher.ts';
import { type CompiledGrammar, compileGrammar } from './compile.ts';
import { GRAMMAR_FIELD } from './grammar-errors.ts';
import { astAccepts } from './naive-check.ts';

export function compileGrammarConstraint(source: string, field = GRAMMAR_FIELD): CompiledConstraint {
  const t0 = performance.now();
  let g: CompiledGrammar;
  try {
    g = compileGrammar(source);
  } catch (e) {
    if (e instanceof ConstraintError && field !== GRAMMAR_FIELD) {
      throw new ConstraintError(field, e.message.replace(/^grammar:/, `${field}:`));
    }
    throw e;
  }
  const compileMs = performance.now() - t0;
  return {
    kind: 'grammar',
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
