// GBNF text → a compiled grammar: parse (gbnf-parser.ts) → desugar into a CFG (cfg-build.ts) → check and trim
// (cfg-reduce.ts) → flat tables (grammar-tables.ts) → the first Earley set. Each generation gets its own matcher;
// every refusal is a ConstraintError on the `grammar` field naming the line and column, or the cap.
import type { Matcher } from '../matcher.ts';
import { START } from './cfg.ts';
import { buildCfg } from './cfg-build.ts';
import { reduceCfg } from './cfg-reduce.ts';
import { EarleyMatcher, type EarleyRuntime } from './earley-matcher.ts';
import { EarleySetBuilder } from './earley-set.ts';
import type { GbnfGrammar } from './gbnf-ast.ts';
import { parseGbnf } from './gbnf-parser.ts';
import { buildTables } from './grammar-tables.ts';

export interface CompiledGrammar {
  /** A fresh matcher at the start of the output. */
  newMatcher(): Matcher;
  /** The fewest characters a complete output has. */
  readonly minChars: number;
  /** Productions and dotted positions of the reduced CFG, and the named rules as written. */
  readonly stats: { readonly rules: number; readonly symbols: number; readonly namedRules: number };
  /** The syntax tree, for the independent check (naive-check.ts). */
  readonly ast: GbnfGrammar;
}

export function compileGrammar(source: string): CompiledGrammar {
  const ast = parseGbnf(source);
  const tables = buildTables(reduceCfg(buildCfg(ast)));
  const builder = new EarleySetBuilder(tables);
  const runtime: EarleyRuntime = { tables, builder, initial: builder.initial() };
  const minChars = tables.minLen[START] ?? 0;
  return {
    newMatcher: () => new EarleyMatcher(runtime),
    minChars,
    stats: { rules: tables.productions, symbols: tables.positions, namedRules: ast.rules.length },
    ast,
  };
}
