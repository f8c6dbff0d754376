// Turns a job's plain-data specs into what the engine takes: sampling parameters (with a Map), steering hooks
// (Float32Array vectors), and — through registries that later features fill — constraint processors and monitor
// observers. A spec the engine cannot honour throws EngineInputError naming its field (answered 400).

import type { CompiledConstraint } from '../../engine/constraints/compiled.ts';
import { ForbiddenTermsMatcher, satisfiable, termAutomaton } from '../../engine/constraints/forbidden.ts';
import { ConstraintProcessor } from '../../engine/constraints/matcher.ts';
import {
  EngineInputError,
  type GenerationControl,
  type LogitProcessor,
  type StepObserver,
} from '../../engine/generate.ts';
import { validateHooks } from '../../engine/hooks.ts';
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

/**
 * The job's steering as engine hooks. A spec without `tokens` applies at every position. A spec with `tokens`
 * {from, to} applies at the positions of generated tokens from…to−1, and at the prompt's positions too when it
 * starts at 0: `at(p)` gives the hooks for the position of generated token p (p = −1: the prompt), and `windowed`
 * says whether they change during the run (the worker then switches them between tokens).
 */
export function steeringPlan(job: GenerationJob): {
  at: (position: number) => Hooks;
  windowed: boolean;
  /** Every spec's hook (for validation). */
  all: Hooks;
} {
  const specs = (job.steering ?? []).map((s) => ({
    hook: { hook: s.hook, vector: Float32Array.from(s.vector), strength: s.strength },
    from: s.tokens?.from ?? 0,
    to: s.tokens?.to ?? Number.POSITIVE_INFINITY,
  }));
  const all: Hooks = specs.length ? { steering: specs.map((s) => s.hook) } : {};
  const windowed = (job.steering ?? []).some((s) => s.tokens !== undefined);
  if (!windowed) return { at: () => all, windowed, all };
  // one Hooks object per set of active specs, so an unchanged set is the same object
  const sets = new Map<string, Hooks>();
  const at = (p: number): Hooks => {
    const on = specs.filter((s) => (p < 0 ? s.from <= 0 && s.to > 0 : s.from <= p && p < s.to));
    const key = on.map((s) => specs.indexOf(s)).join(',');
    let h = sets.get(key);
    if (!h) {
      h = on.length ? { steering: on.map((s) => s.hook) } : {};
      sets.set(key, h);
    }
    return h;
  };
  return { at, windowed, all };
}

/**
 * Steering token windows: the hooks for the position of generated token p must be in place before that token is
 * fed. A request made while token i is chosen applies from the next step on — to the feeding of token i + 1 — so
 * this processor (it leaves the logits alone) asks at step i for the hooks of position i + 1. The prompt and
 * token 0 are fed with the starting hooks, which steeringPlan makes the same for both.
 */
export function windowSwitch(control: GenerationControl, at: (position: number) => Hooks): LogitProcessor {
  let current = at(0);
  return (_logits, state) => {
    const next = at(state.step + 1);
    if (next !== current) {
      control.setHooks(next);
      current = next;
    }
  };
}

export interface CompiledJob {
  readonly sampling: SamplingParams;
  /** The hooks the generation starts with (the prompt's). */
  readonly hooks: Hooks;
  /** With steering token windows: the hooks at the position of generated token p (see steeringPlan). */
  readonly hooksAt?: (position: number) => Hooks;
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
  const steering = steeringPlan(job);
  // every vector is checked up front, also those whose window opens later, and every correction's
  validateHooks(model.cfg, steering.all, 'hooks');
  if (job.correction) {
    if (steering.windowed)
      throw new EngineInputError(
        'behavior_names',
        'behavior_names: drift correction cannot be combined with steering token windows (token_start / token_end)',
      );
    job.correction.behaviors.forEach((b, i) => {
      const hooks = b.steering.map((x) => ({
        hook: x.hook,
        vector: Float32Array.from(x.vector),
        strength: x.strength,
      }));
      validateHooks(model.cfg, { steering: hooks }, `correction.behaviors[${i}]`);
    });
  }
  const monitors = (job.monitors ?? []).map((m, i) => {
    const c = MONITOR_COMPILERS.get(m.kind);
    if (!c) throw new EngineInputError(`monitors[${i}].kind`, `unknown monitor kind "${m.kind}"`);
    return () => c(m, model);
  });
  return {
    sampling: samplingParams(job.sampling),
    hooks: steering.at(-1),
    ...(steering.windowed ? { hooksAt: steering.at } : {}),
    constraint,
    processors: () => {
      const inner = constraint?.newMatcher();
      if (terms) return [new ConstraintProcessor(new ForbiddenTermsMatcher(terms, inner))];
      return inner ? [new ConstraintProcessor(inner)] : [];
    },
    observers: () => monitors.map((m) => m()),
  };
}
