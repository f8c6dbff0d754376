// Constraint figures (never asserted in tests):
//   mask_us_p50 / mask_us_p99 — wall time of advance(c) + allowed() per character, pooled over the characters of the
//     fixture strings each regex and grammar accepts (compile excluded);
//   constrained_over_free — decode chars/s under a constraint ÷ without, max 256 tokens, same prompt and seed, for a
//     committed regex with alternation and bounded repetition and for the GBNF arithmetic grammar (the worse one is
//     the headline figure);
//   compile_ms per fixture;
//   json_schema — constrained_over_free for the seed page's schema and the committed 20-property fixture (enums, a
//     pattern, formats), mask times over the JSON fixtures' valid instances, and MaskBench over a MaskBench-format
//     file (`--maskbench PATH`; ../shared/data/maskbench-dev.jsonl.gz by default when present) — see maskbench.ts.

import { existsSync } from 'node:fs';
import type { CompiledConstraint } from '../../engine/constraints/compiled.ts';
import { compileGrammarConstraint } from '../../engine/constraints/grammar/constraint.ts';
import { ARITHMETIC, GRAMMAR_FIXTURES } from '../../engine/constraints/grammar/fixtures.ts';
import { compileJsonSchema } from '../../engine/constraints/json/compile.ts';
import { SCHEMA_FIXTURES, SEED_SCHEMA, TWENTY_PROPERTIES } from '../../engine/constraints/json/fixtures.ts';
import { parseLossless } from '../../engine/constraints/json/lossless-json.ts';
import { writeInstance } from '../../engine/constraints/json/write-instance.ts';
import { ConstraintProcessor } from '../../engine/constraints/matcher.ts';
import { compileRegex } from '../../engine/constraints/regex/compile.ts';
import { REGEX_FIXTURES } from '../../engine/constraints/regex/fixtures.ts';
import { generate } from '../../engine/generate.ts';
import type { GPT } from '../../engine/model.ts';
import { loadModel, modelPath } from '../../engine/node/load-model.ts';
import { EOS_ID, encode } from '../../engine/tokenizer.ts';
import { PROMPT } from './engine-bench.ts';
import { maskbench, readRows } from './maskbench.ts';

/** The MaskBench dev half beside the repository, when this checkout has it (never in a fresh clone's tests). */
const DEFAULT_MASKBENCH = new URL('../../../shared/data/maskbench-dev.jsonl.gz', import.meta.url).pathname;

/** The committed regex of the speed ratio: alternation and bounded repetition, room for 256 characters. */
export const SENTENCES = '((The|A|Her|His|My) [a-z]{1,10}( [a-z]{1,10}){0,8}[,.;] ){1,40}';
const MAX_TOKENS = 256;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};
const median = (xs: number[]) => quantile(xs, 0.5);

function maskTimes(c: CompiledConstraint, strings: readonly string[], repeats: number, into: number[]): void {
  for (let r = 0; r < repeats; r++) {
    for (const s of strings) {
      const m = c.newMatcher();
      m.allowed();
      for (const t of encode(s)) {
        const t0 = performance.now();
        m.advance(t);
        m.allowed();
        into.push((performance.now() - t0) * 1000);
      }
    }
  }
}

async function rate(model: GPT, c: CompiledConstraint | undefined, seed: number): Promise<number> {
  const session = model.newSession();
  const it = generate(model, session, {
    prompt: PROMPT,
    maxTokens: MAX_TOKENS,
    seed,
    sampling: { temperature: 0.8, logitBias: new Map([[EOS_ID, -100]]) },
    logitProcessors: c ? [new ConstraintProcessor(c.newMatcher())] : [],
  });
  let first = 0;
  let n = 0;
  for (;;) {
    const x = await it.next();
    if (x.done) break;
    if (n === 0) first = performance.now();
    n++;
  }
  return ((n - 1) / (performance.now() - first)) * 1000;
}

export async function constraintsBench(path = modelPath(), runs = 5, maskbenchPath?: string) {
  const compileMs: Record<string, number> = {};
  const compiled = (name: string, f: () => CompiledConstraint) => {
    const t0 = performance.now();
    const c = f();
    compileMs[name] = Number((performance.now() - t0).toFixed(2));
    return c;
  };
  const times: number[] = [];
  for (const f of REGEX_FIXTURES)
    maskTimes(
      compiled(`regex ${f.pattern}`, () => compileRegex(f.pattern)),
      f.yes,
      50,
      times,
    );
  for (const f of GRAMMAR_FIXTURES)
    maskTimes(
      compiled(`grammar ${f.name}`, () => compileGrammarConstraint(f.grammar)),
      f.yes,
      50,
      times,
    );

  const model = loadModel(path);
  const regex = compiled('regex (ratio) sentences', () => compileRegex(SENTENCES));
  const grammar = compiled('grammar (ratio) arithmetic', () => compileGrammarConstraint(ARITHMETIC));
  await rate(model, undefined, 0); // warm-up
  await rate(model, regex, 0);
  await rate(model, grammar, 0);
  const free: number[] = [];
  const withRegex: number[] = [];
  const withGrammar: number[] = [];
  for (let i = 1; i <= runs; i++) {
    free.push(await rate(model, undefined, i));
    withRegex.push(await rate(model, regex, i));
    withGrammar.push(await rate(model, grammar, i));
  }
  const r = median(withRegex) / median(free);
  const g = median(withGrammar) / median(free);
  const json = await jsonSchemaFigures(model, runs, median(free), maskbenchPath);
  return {
    workload: `mask: ${times.length} characters of fixture strings; ratio: prompt ${PROMPT.length} chars, max ${MAX_TOKENS} tokens, temperature 0.8, median of ${runs}`,
    mask_us_p50: Number(quantile(times, 0.5).toFixed(2)),
    mask_us_p99: Number(quantile(times, 0.99).toFixed(2)),
    free_chars_per_s: Math.round(median(free)),
    regex_chars_per_s: Math.round(median(withRegex)),
    grammar_chars_per_s: Math.round(median(withGrammar)),
    constrained_over_free: Number(Math.min(r, g).toFixed(3)),
    regex_over_free: Number(r.toFixed(3)),
    grammar_over_free: Number(g.toFixed(3)),
    compile_ms: compileMs,
    json_schema: json,
  };
}

/** The JSON Schema figures: speed under the two committed schemas, mask times, and MaskBench when a file is there. */
async function jsonSchemaFigures(model: GPT, runs: number, freeRate: number, maskbenchPath?: string) {
  const times: number[] = [];
  for (const f of SCHEMA_FIXTURES) {
    const c = compileJsonSchema(f.schema);
    const texts = f.valid.map((v) => writeInstance(c.newMatcher(), parseLossless(JSON.stringify(v)), 'spaced').text);
    maskTimes(c, texts, 20, times);
  }
  const ratios: Record<string, number> = {};
  for (const [name, schema] of [
    ['seed_schema', SEED_SCHEMA],
    ['twenty_properties', TWENTY_PROPERTIES],
  ] as const) {
    const c = compileJsonSchema(schema);
    await rate(model, c, 0);
    const xs: number[] = [];
    for (let i = 1; i <= runs; i++) xs.push(await rate(model, c, i));
    ratios[name] = Number((median(xs) / freeRate).toFixed(3));
  }
  const file = maskbenchPath ?? (existsSync(DEFAULT_MASKBENCH) ? DEFAULT_MASKBENCH : undefined);
  return {
    mask_us_p50: Number(quantile(times, 0.5).toFixed(2)),
    mask_us_p99: Number(quantile(times, 0.99).toFixed(2)),
    constrained_over_free: Math.min(...Object.values(ratios)),
    constrained_over_free_by_schema: ratios,
    maskbench: file ? { file, ...maskbench(readRows(file)) } : 'no MaskBench file: pass --maskbench PATH',
  };
}
