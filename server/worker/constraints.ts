// The constraint kinds the worker compiles: each turns its request field's source into a CompiledConstraint
// (engine/constraints), off the server's event loop. JSON Schema joins this registry in its own issue.
import { compileGrammarConstraint } from '../../engine/constraints/grammar/constraint.ts';
import { compileRegex } from '../../engine/constraints/regex/compile.ts';
import { CONSTRAINT_COMPILERS } from './compile-job.ts';

export function registerConstraints(): void {
  CONSTRAINT_COMPILERS.set('regex', (spec) => compileRegex(String(spec.source), spec.field));
  CONSTRAINT_COMPILERS.set('grammar', (spec) => compileGrammarConstraint(String(spec.source), spec.field));
}
