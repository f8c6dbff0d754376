// The constraint kinds the worker compiles: each turns its request field's source into a CompiledConstraint
// (engine/constraints), off the server's event loop. JSON Schema outputs are checked by ajv (json-validator.ts).
import { compileGrammarConstraint } from '../../engine/constraints/grammar/constraint.ts';
import { compileJsonSchema } from '../../engine/constraints/json/compile.ts';
import type { Whitespace } from '../../engine/constraints/json/whitespace.ts';
import { compileRegex } from '../../engine/constraints/regex/compile.ts';
import { CONSTRAINT_COMPILERS } from './compile-job.ts';
import { jsonValidator } from './json-validator.ts';

export function registerConstraints(): void {
  CONSTRAINT_COMPILERS.set('regex', (spec) => compileRegex(String(spec.source), spec.field));
  CONSTRAINT_COMPILERS.set('grammar', (spec) => compileGrammarConstraint(String(spec.source), spec.field));
  CONSTRAINT_COMPILERS.set('json_schema', (spec) => {
    const o = spec.options ?? {};
    const compiled = compileJsonSchema(spec.source, {
      whitespace: o.whitespace as Whitespace | undefined,
      lenient: o.lenient === true,
    });
    return { ...compiled, check: jsonValidator(spec.source, compiled.draft) };
  });
}
