// Turns a job's plain-data specs into what the engine takes: sampling parameters (with a Map), steering hooks
// (Float32Array vectors), and — through registries that later features fill — constraint processors and monitor
// observers. A spec the engine cannot honour throws EngineInputError naming its field (answered 400).

import type { CompiledConstraint } from '../../engine/constraints/compiled.ts';
import { ForbiddenTermsMatcher, satisfiable, termAutomaton } from '../../engine/constraints/forbidden.ts';
import { ConstraintProcessor } from '../../engine/constraints/matcher.ts';
import { EngineInputError, type LogitProcessor, type StepObserver } from '../../engine/generate.ts';
import type { GPT, Hooks } from '../../engine/model.ts';
import type { SamplingParams } from '../../engine/sampler.ts';
import type { ConstraintSpec, GenerationJob, MonitorSpec, SamplingSpec } from './job.ts';

export type ConstraintCompiler = (spec: ConstraintSpec) => CompiledConstraint;
export type MonitorCompiler = (spec: MonitorSpec, model: GPT) => StepObserver;

/** Constraint kinds by name (filled by ./constraints.ts: regex and grammar; JSON Schema later). */
export const CONSTRAINT_COMPILERS = new Map<string, ConstraintCompiler>();
/** Monitor kinds by name (behaviors arrive with the SAE). */
export const MONITOR_COMPILERS = new Map<string, MonitorCompiler>();

export function samplingParams(s: SamplingSpec): SamplingParams {
  return {
    method: s.method,
    temperature: s.temperature,
    topK: s.topK,
    topP: s.topP,
    minP: s.minP,
    typicalP: s.typicalP,
    repetitionPenalty: s.repetitionPenalty,
    presencePenalty: s.presencePenalty,
    frequencyPenalty: s.frequencyPenalty,
    logitBias: s.logitBias ? new Map(s.logitBias.map(([id, b]) => [id, b])) : undefined,
  };
}

export function steeringHooks(job: GenerationJob): Hooks {
  if (!job.steering?.length) return {};
  return {
    steering: job.steering.map((s) => ({ hook: s.hook, vector: Float32Array.from(s.vector), strength: s.strength })),
  };
}

export interface CompiledJob {
  readonly sampling: SamplingParams;
  readonly hooks: Hooks;
  /** The compiled constraint (once per job), for the check of each output. */
  readonly constraint?: CompiledConstraint;
  /** Fresh processors and observers for each choice (they hold per-generation state). */
  processors(): LogitProcessor[];
  observers(): StepObserver[];
}

export function compileJob(job: GenerationJob, model: GPT): CompiledJob {
  const spec = job.constraint;
  const compileConstraint = spec ? CONSTRAINT_COMPILERS.get(spec.kind) : undefined;
  if (spec && !compileConstraint)
    throw new EngineInputError('constraint.kind', `unknown constraint kind "${spec.kind}"`);
  const constraint = spec && compileConstraint ? compileConstraint(spec) : undefined;
  if (spec && constraint && constraint.minChars > job.maxTokens) {
    throw new EngineInputError(
      spec.budgetField,
      `${spec.budgetField}: the ${spec.field} needs at least ${constraint.minChars} characters, but ${spec.budgetField} is ${job.maxTokens}`,
    );
  }
  // forbidden substrings: one automaton per job, wrapped around each choice's matcher (or alone)
  const terms = job.forbiddenTerms?.length ? termAutomaton(job.forbiddenTerms) : undefined;
  // with a constraint, the terms may rule out every complete output: refuse that before generating (a search with
  // a step cap; when the cap runs out first the job runs, and an output that cannot close is reported invalid)
  if (
    terms &&
    constraint &&
    spec &&
    satisfiable(new ForbiddenTermsMatcher(terms, constraint.newMatcher()), job.maxTokens) === false
  )
    throw new EngineInputError(
      'forbidden_terms',
      `forbidden_terms: no output of the ${spec.field} within ${job.maxTokens} characters avoids every forbidden term`,
    );
  const monitors = (job.monitors ?? []).map((m, i) => {
    const c = MONITOR_COMPILERS.get(m.kind);
    if (!c) throw new EngineInputError(`monitors[${i}].kind`, `unknown monitor kind "${m.kind}"`);
    return () => c(m, model);
  });
  return {
    sampling: samplingParams(job.sampling),
    hooks: steeringHooks(job),
    constraint,
    processors: () => {
      const inner = constraint?.newMatcher();
      if (terms) return [new ConstraintProcessor(new ForbiddenTermsMatcher(terms, inner))];
      return inner ? [new ConstraintProcessor(inner)] : [];
    },
    observers: () => monitors.map((m) => m()),
  };
}
