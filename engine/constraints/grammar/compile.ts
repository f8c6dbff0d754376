// A grammar → a compiled grammar: GBNF text is parsed (gbnf-parser.ts), a syntax tree built in code (with lexemes,
// for the JSON Schema compiler) is checked (gbnf-ast-check.ts); then desugar into a CFG (cfg-build.ts) → check and
// trim (cfg-reduce.ts) → flat tables (grammar-tables.ts) → the first Earley set. Each generation gets its own
// matcher; every refusal is a ConstraintError on the request field the grammar came from (`grammar` unless told
// otherwise) naming the line and column, or the cap — at compile time and at run time (the Earley items cap).
import type { Matcher } from '../matcher.ts';
import { START } from './cfg.ts';
import { buildCfg } from './cfg-build.ts';
import { reduceCfg } from './cfg-reduce.ts';
import { EarleyMatcher, type EarleyRuntime } from './earley-matcher.ts';
import { EarleySetBuilder } from './earley-set.ts';
import type { GbnfGrammar } from './gbnf-ast.ts';
import { checkGrammarAst } from './gbnf-ast-check.ts';
import { parseGbnf } from './gbnf-parser.ts';
import { GRAMMAR_FIELD } from './grammar-errors.ts';
import { buildTables } from './grammar-tables.ts';

export interface CompiledGrammar {
  /** A fresh matcher at the start of the output. */
  newMatcher(): Matcher;
  /** The fewest characters a complete output has. */
  readonly minChars: number;
  /**
   * Productions and dotted positions of the reduced CFG, the named rules as written, and the distinct lexemes the
   * reduced CFG uses.
   */
  readonly stats: {
    readonly rules: number;
    readonly symbols: number;
    readonly namedRules: number;
    readonly lexemes: number;
  };
  /** The syntax tree, for the independent check (naive-check.ts). */
  readonly ast: GbnfGrammar;
}

export interface GrammarCompileOptions {
  /** The request field errors name and start with (default `grammar`; the JSON Schema compiler's `json_schema`). */
  readonly field?: string;
}

/** Compiles GBNF text. */
export function compileGrammar(source: string, opts: GrammarCompileOptions = {}): CompiledGrammar {
  const field = opts.field ?? GRAMMAR_FIELD;
  return compileChecked(parseGbnf(source, field), field);
}

/**
 * Compiles a syntax tree built in code, whose leaves may be lexemes (gbnf-ast.ts: grammarOf, lexemeNode, …). It is
 * checked as the parser checks text (names, references, `root`, repetition bounds, caps), with errors on `field`.
 */
export function compileGrammarAst(ast: GbnfGrammar, opts: GrammarCompileOptions = {}): CompiledGrammar {
  const field = opts.field ?? GRAMMAR_FIELD;
  checkGrammarAst(ast, field);
  return compileChecked(ast, field);
}

function compileChecked(ast: GbnfGrammar, field: string): CompiledGrammar {
  const tables = buildTables(reduceCfg(buildCfg(ast, field), field), field);
  const builder = new EarleySetBuilder(tables);
  const runtime: EarleyRuntime = { tables, builder, initial: builder.initial() };
  const minChars = tables.minLen[START] ?? 0;
  return {
    newMatcher: () => new EarleyMatcher(runtime),
    minChars,
    stats: {
      rules: tables.productions,
      symbols: tables.positions,
      namedRules: ast.rules.length,
      lexemes: tables.lexemes.length,
    },
    ast,
  };
}
