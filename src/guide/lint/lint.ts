// The Constraint editor's lint and sample preview, pure and synchronous (run in the lint worker, and in Node tests):
// the constraint compiled by the server's own compiler (a refusal is the server's 400, word for word), the schema
// against its draft's meta-schema, the seed page's advice, the max-tokens budget; and a seeded sample of an output.
import type { Draft } from '../../../engine/constraints/json/drafts.ts';
import { adviceLints } from './advice.ts';
import { compilerLints, pointerMark } from './compiler-lints.ts';
import { rootKeyOrder } from './key-order.ts';
import { metaSchemaLints } from './meta-schema-lints.ts';
import { fieldOf, type Prepared, prepare, routeOf } from './prepare.ts';
import { randomWalk } from './random-walk.ts';
import { budgetRefusal, JSON_MODE_SCHEMA } from './refusal.ts';
import type { CompiledFacts, Lint, LintInput, LintReport, SampleResult } from './types.ts';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Runs one part of the lint; if it throws (a bug, a hostile schema's depth), that becomes its own error lint. */
function guarded(source: Lint['source'], what: string, run: () => Lint[]): Lint[] {
  try {
    return run();
  } catch (e) {
    return [{ severity: 'error', source, message: `${what} failed: ${message(e)}` }];
  }
}

const asPointer = (shown: string) => shown.replace(/^#/, '');

function factsOf(p: Prepared): CompiledFacts | undefined {
  const c = p.compiled;
  if (!c) return undefined;
  const info = c.info ?? {};
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  const draft = (c as { draft?: Draft }).draft;
  const schema = p.jsonMode ? JSON_MODE_SCHEMA : p.json?.value;
  const keyOrder = schema !== undefined && draft ? rootKeyOrder(schema, draft) : undefined;
  return {
    ...(draft ? { draft } : {}),
    ...(typeof info.whitespace === 'string' ? { whitespace: info.whitespace } : {}),
    ...(keyOrder ? { keyOrder } : {}),
    minChars: c.minChars,
    ignoredKeywords: list(info.ignored_keywords),
    skippedKeywords: list(info.skipped_keywords),
    compileMs: c.stats.compileMs ?? 0,
  };
}

/** Info and warnings for what the compiler ignores (unknown keywords and formats) or skips (lenient). */
function keywordNotes(p: Prepared, facts: CompiledFacts): Lint[] {
  const at = (shown: string) => {
    const pointer = asPointer(shown);
    return { pointer, ...pointerMark(p.json, p.input.text, pointer) };
  };
  return [
    ...facts.ignoredKeywords.map(
      (k): Lint => ({
        severity: 'info',
        source: 'compiler',
        message: `${k}: ignored by the local compiler (a keyword outside the draft's vocabularies, or a format it does not know)`,
        ...at(k),
      }),
    ),
    ...facts.skippedKeywords.map(
      (k): Lint => ({
        severity: 'warning',
        source: 'compiler',
        message: `${k}: skipped (lenient): generation does not enforce it, only the check of the output does`,
        ...at(k),
      }),
    ),
  ];
}

const NOUN = { json_schema: 'schema', regex: 'regex', grammar: 'grammar' } as const;

/** The lints of a constraint the route takes as none given (empty), or replaces with json_mode's. */
function emptyLints(p: Prepared, input: LintInput): Lint[] {
  const whole = { from: 0, to: Math.max(1, input.text.length) };
  const what = `an empty ${NOUN[input.kind]}${input.kind === 'json_schema' ? ` (${input.text.trim()})` : ''}`;
  if (p.jsonMode)
    return [
      {
        severity: 'info',
        source: 'advice',
        message: `${what} is no schema: the policy's json_mode constrains the output to any JSON object ({"type": "object"})`,
        ...whole,
      },
    ];
  const v = p.json?.value;
  const emptyObject = typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
  if (emptyObject && routeOf(input) === 'policy')
    return [
      {
        severity: 'info',
        source: 'advice',
        message: `${what} allows any JSON value: json_mode does not narrow a schema that is given (null leaves it to json_mode's any object)`,
        ...whole,
      },
    ];
  if (!p.empty) return [];
  if (routeOf(input) === 'direct')
    return [
      {
        severity: 'error',
        source: 'compiler',
        message: `${what} is no constraint, and /sampling/generate refuses method "guided-generation" without one`,
        ...whole,
      },
    ];
  return [
    {
      severity: 'warning',
      source: 'advice',
      message: `${what} is no constraint: the policy runs the request unconstrained`,
      ...whole,
    },
  ];
}

/** The lint of a constraint already prepared (the worker keeps the last one); `input` gives the budget. */
export function lintPrepared(p: Prepared, input: LintInput): LintReport {
  const lints: Lint[] = [];
  let refusal: string | undefined;
  const f = p.failure;
  if (f?.kind === 'syntax') return { lints: [f.lint] };
  if (f?.kind === 'refused') {
    refusal = f.refusal;
    if (f.error) lints.push(...compilerLints(input.kind, f.error, input.text, p.json, routeOf(input)));
    else if (!p.empty)
      lints.push({
        severity: 'error',
        source: 'compiler',
        message: f.refusal,
        from: 0,
        to: Math.max(1, input.text.length),
      });
  }
  if (f?.kind === 'crashed')
    lints.push({
      severity: 'error',
      source: 'compiler',
      message: `the compiler failed (the server would answer 500): ${f.message}`,
    });
  lints.push(...emptyLints(p, input));
  const json = p.json;
  // the schema checks only of a schema the route sends to the compiler
  if (json && input.kind === 'json_schema' && !p.empty && !p.jsonMode) {
    lints.push(...guarded('meta-schema', 'the meta-schema check', () => metaSchemaLints(json)));
    lints.push(...guarded('advice', 'the advice check', () => adviceLints(json)));
  }
  const facts = factsOf(p);
  if (facts) {
    lints.push(...keywordNotes(p, facts));
    if (facts.minChars > input.maxTokens) {
      lints.push({
        severity: 'error',
        source: 'budget',
        message: `the shortest output that satisfies it needs ${facts.minChars} characters but max tokens is ${input.maxTokens} (one character per token on the local model)`,
      });
      refusal = budgetRefusal(fieldOf(input), facts.minChars, input.maxTokens);
    }
  }
  return { lints, ...(facts ? { facts } : {}), ...(refusal !== undefined ? { refusal } : {}) };
}

/** A sample output of a constraint already prepared, for `seed` (same seed, same sample). */
export function samplePrepared(p: Prepared, input: LintInput, seed: number): SampleResult {
  const f = p.failure;
  if (p.empty) return { error: 'nothing to sample: the constraint is empty' };
  if (f?.kind === 'syntax') return { error: f.lint.message };
  if (f?.kind === 'refused') return { error: f.refusal };
  if (f?.kind === 'crashed') return { error: `the compiler failed: ${f.message}` };
  const c = p.compiled;
  if (!c) return { error: 'nothing to sample: the constraint did not compile' };
  if (c.minChars > input.maxTokens)
    return { error: `the shortest output needs ${c.minChars} characters but max tokens is ${input.maxTokens}` };
  try {
    return { text: randomWalk(c.newMatcher(), input.maxTokens, seed) };
  } catch (e) {
    return { error: `the sample failed: ${message(e)}` };
  }
}

/** Lints a constraint as the Constraint editor shows it. Never throws: a failure is an error lint. */
export function lintConstraint(input: LintInput): LintReport {
  try {
    return lintPrepared(prepare(input), input);
  } catch (e) {
    return { lints: [{ severity: 'error', source: 'compiler', message: `the lint failed: ${message(e)}` }] };
  }
}

/** A seeded sample output of the constraint ("what will it look like"). Never throws. */
export function sampleInstance(input: LintInput, seed: number): SampleResult {
  try {
    return samplePrepared(prepare(input), input, seed);
  } catch (e) {
    return { error: `the sample failed: ${message(e)}` };
  }
}
