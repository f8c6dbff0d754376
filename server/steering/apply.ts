// What a request asks to steer with, as the worker's SteeringSpec list and the echo of what was applied:
// - request-level fields (every generation route): `steering_vector_id` or `steering_vector` (an id, or an inline
//   {layer: floats}) and `steering_strength`;
// - a policy's steering block: `vector_id` / `vector`, `strength`, `layer_scope`, `token_start` / `token_end`.
// A stored vector adds strength × direction × scale at each of its hooks; an inline one strength × its floats.
// Strength 0 adds nothing at all (no hooks: bit-identical to no steering). An unknown id is 404 naming the field;
// a vector of the wrong width, an unknown layer key, or a strength without a vector is 400 naming the field.
import { EngineInputError } from '../../engine/errors.ts';
import { hookOfKey, steeringHooks } from '../../engine/steering/vector.ts';
import type { RuntimePolicy } from '../../protocol/policy.ts';
import { type AppliedSteering, MAX_STEERING_STRENGTH } from '../../protocol/steering-fields.ts';
import type { ServerDeps } from '../context.ts';
import { ApiError, unsupported } from '../errors.ts';
import type { GenerationJob, SteeringSpec } from '../worker/job.ts';
import type { KnownVector } from './built-ins.ts';
import { findVector } from './catalog.ts';

export interface Steering {
  readonly specs: readonly SteeringSpec[];
  /** What was applied; null when the request named no vector. */
  readonly applied: AppliedSteering | null;
}

export const NO_STEERING: Steering = { specs: [], applied: null };

const bad = (param: string, message: string) =>
  new ApiError(400, 'invalid_request_error', message, { code: 'invalid_value', param });

/** The job with the steering specs added (none: the job unchanged). */
export function withSteering<J extends GenerationJob>(job: J, s: Steering): J {
  return s.specs.length ? { ...job, steering: s.specs } : job;
}

const named = (v: unknown): boolean =>
  v !== undefined &&
  v !== null &&
  v !== '' &&
  !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

/** A stored vector by id, checked against the served model. */
function storedVector(deps: ServerDeps, id: string, field: string): KnownVector {
  const v = findVector(deps, id);
  if (!v)
    throw new ApiError(
      404,
      'not_found',
      `${field}: no steering vector with id '${id}' (GET /steering/vectors lists them)`,
      {
        param: field,
      },
    );
  const m = deps.model;
  if (v.model !== m.name)
    throw bad(
      field,
      `${field}: the vector '${id}' was computed on the model "${v.model}"; this server runs "${m.name}"`,
    );
  for (const l of v.layers)
    if (l.direction.length !== m.dModel)
      throw bad(
        field,
        `${field}: the vector '${id}' has ${l.direction.length} numbers at ${l.hook}; the model width (dModel) is ${m.dModel}`,
      );
  return v;
}

/** A wire layer key ("3", 3 or a hook name) as a hook name; a 400 naming `f` for one the model does not have. */
function hookAt(deps: ServerDeps, key: string, f: string): string {
  try {
    return hookOfKey(key, deps.model.nLayer, f);
  } catch (e) {
    if (e instanceof EngineInputError) throw bad(f, `${f}: ${e.message} (or a layer number)`);
    throw e;
  }
}

/** An inline {layer key: floats} as hooks and floats (checked: keys, width, one entry per hook). */
function inlineLayers(
  deps: ServerDeps,
  vector: Readonly<Record<string, readonly number[]>>,
  field: string,
): { hook: string; vector: number[] }[] {
  const out: { hook: string; vector: number[] }[] = [];
  for (const [key, floats] of Object.entries(vector)) {
    const f = `${field}.${key}`;
    const hook = hookAt(deps, key, f);
    if (out.some((o) => o.hook === hook)) throw bad(f, `${f}: ${hook} is given twice`);
    if (floats.length !== deps.model.dModel)
      throw bad(f, `${f}: has ${floats.length} numbers; the model width (dModel) is ${deps.model.dModel}`);
    const i = floats.findIndex((x) => !Number.isFinite(Math.fround(x)));
    if (i >= 0) throw bad(f, `${f}: ${floats[i]} (at ${i}) is beyond what a 32-bit float holds`);
    out.push({ hook, vector: [...floats] });
  }
  return out;
}

const checkStrength = (strength: number, field: string) => {
  if (!Number.isFinite(strength) || Math.abs(strength) > MAX_STEERING_STRENGTH)
    throw bad(field, `${field}: must be a number from -${MAX_STEERING_STRENGTH} to ${MAX_STEERING_STRENGTH}`);
};

/** The specs of a stored or inline vector at `strength` (none at 0), restricted to `hooks` when given. */
function specsOf(
  source: { stored: KnownVector } | { inline: { hook: string; vector: number[] }[] },
  strength: number,
  only?: ReadonlySet<string>,
  tokens?: SteeringSpec['tokens'],
): SteeringSpec[] {
  if (strength === 0) return [];
  const list =
    'stored' in source
      ? steeringHooks(source.stored, strength).map((h) => ({ hook: h.hook, vector: Array.from(h.vector), strength }))
      : source.inline.map((l) => ({ hook: l.hook, vector: l.vector, strength }));
  return list.filter((s) => !only || only.has(s.hook)).map((s) => (tokens ? { ...s, tokens } : s));
}

export interface RequestSteeringFields {
  readonly steering_vector_id?: string | null;
  readonly steering_vector?: string | Readonly<Record<string, readonly number[]>> | null;
  readonly steering_strength?: number | null;
}

/**
 * The request-level steering: `steering_vector_id`, or `steering_vector` (an id or an inline vector; a different
 * id in both is refused), at `steering_strength` (1 when a vector is named without one). `strength` overrides the
 * strength (/steering/run's multiplier rule).
 */
export function requestSteering(deps: ServerDeps, body: RequestSteeringFields, strength?: number): Steering {
  const id = named(body.steering_vector_id) ? (body.steering_vector_id as string) : undefined;
  const sv = named(body.steering_vector) ? body.steering_vector : undefined;
  const idInVector = typeof sv === 'string' ? sv : undefined;
  const inline = sv !== undefined && typeof sv !== 'string' ? sv : undefined;
  if (id !== undefined && idInVector !== undefined && id !== idInVector)
    throw bad(
      'steering_vector',
      `steering_vector names '${idInVector}' but steering_vector_id names '${id}': give one vector`,
    );
  if (id !== undefined && inline)
    throw bad('steering_vector', 'give steering_vector_id or an inline steering_vector, not both');
  const vectorId = id ?? idInVector;
  const field = id !== undefined ? 'steering_vector_id' : 'steering_vector';
  const s = strength ?? body.steering_strength ?? (vectorId !== undefined || inline ? 1 : 0);
  checkStrength(s, 'steering_strength');
  if (vectorId === undefined && !inline) {
    if (s !== 0)
      throw bad(
        'steering_strength',
        `steering_strength is ${s} but no vector is named: give steering_vector_id (GET /steering/vectors lists them) or an inline steering_vector`,
      );
    return NO_STEERING;
  }
  if (inline) {
    const layers = inlineLayers(deps, inline, 'steering_vector');
    if (layers.length === 0) throw bad('steering_vector', 'steering_vector: give at least one layer');
    const specs = specsOf({ inline: layers }, s);
    return { specs, applied: { vector_id: null, strength: s, hooks: specs.map((x) => x.hook), inline: true } };
  }
  const stored = storedVector(deps, vectorId as string, field);
  const specs = specsOf({ stored }, s);
  return { specs, applied: { vector_id: stored.id, strength: s, hooks: specs.map((x) => x.hook) } };
}

/** Whether a request names request-level steering at all (a vector, or a strength other than 0). */
export const asksRequestSteering = (b: RequestSteeringFields): boolean =>
  named(b.steering_vector_id) || named(b.steering_vector) || (b.steering_strength ?? 0) !== 0;

/**
 * A policy's steering block. It applies when `enabled` is true and names one vector (`vector_id` or an inline
 * `vector`); a block that names a vector, preset or file while `enabled` is false is refused rather than silently
 * skipped. `layer_scope` keeps only the listed hooks of the vector; `token_start` / `token_end` limit it to the
 * positions of generated tokens [token_start, token_end) (and the prompt's, when the window starts at 0).
 */
export function policySteering(deps: ServerDeps, block: RuntimePolicy['steering'], at: string): Steering {
  const p = (f: string) => `${at}.steering.${f}`;
  const namedFields = (['vector_id', 'vector', 'preset', 'file_url'] as const).filter((f) => named(block[f]));
  if (!block.enabled) {
    const f = namedFields[0];
    if (f)
      throw bad(
        p('enabled'),
        `${p('enabled')} is false but the block names a ${f}: set enabled: true to apply it, or remove the ${f}`,
      );
    return NO_STEERING;
  }
  if (named(block.preset))
    throw unsupported(
      p('preset'),
      `${p('preset')}: steering presets name the hosted runtime's vectors; the local runtime has none (use vector_id: GET /steering/vectors lists them)`,
    );
  if (named(block.file_url))
    throw unsupported(
      p('file_url'),
      `${p('file_url')}: the local runtime does not download vectors; use vector_id or vector`,
    );
  if (block.method !== 'caa' && block.method !== 'few-shot')
    throw unsupported(p('method'), `${p('method')}: "${block.method}" has no local implementation (caa vectors apply)`);
  const id = named(block.vector_id) ? (block.vector_id as string) : undefined;
  const inline = named(block.vector) ? (block.vector as Record<string, number[]>) : undefined;
  if (id !== undefined && inline) throw bad(p('vector'), `${p('vector')}: give vector_id or vector, not both`);
  if (id === undefined && !inline)
    throw bad(p('vector_id'), `${p('vector_id')}: enabled steering needs vector_id (GET /steering/vectors) or vector`);
  checkStrength(block.strength, p('strength'));
  const { token_start: start, token_end: end } = block;
  if (start != null && start < 0) throw bad(p('token_start'), `${p('token_start')}: must be 0 or more`);
  if (end != null && end < 0) throw bad(p('token_end'), `${p('token_end')}: must be 0 or more`);
  if (start != null && end != null && end <= start)
    throw bad(p('token_end'), `${p('token_end')}: must be more than token_start (${start})`);
  const source: { stored: KnownVector } | { inline: { hook: string; vector: number[] }[] } = inline
    ? { inline: inlineLayers(deps, inline, p('vector')) }
    : { stored: storedVector(deps, id as string, p('vector_id')) };
  const hooks = 'stored' in source ? source.stored.layers.map((l) => l.hook) : source.inline.map((l) => l.hook);
  let only: Set<string> | undefined;
  if (block.layer_scope.length) {
    only = new Set();
    for (const [i, key] of block.layer_scope.entries()) {
      const f = `${p('layer_scope')}[${i}]`;
      const hook = hookAt(deps, key, f);
      if (!hooks.includes(hook)) throw bad(f, `${f}: the vector has no layer at ${hook} (it has ${hooks.join(', ')})`);
      only.add(hook);
    }
  }
  const tokens = start != null || end != null ? { from: start ?? 0, ...(end != null ? { to: end } : {}) } : undefined;
  const specs = specsOf(source, block.strength, only, tokens);
  return {
    specs,
    applied: {
      vector_id: id ?? null,
      strength: block.strength,
      hooks: specs.map((x) => x.hook),
      ...(inline ? { inline: true } : {}),
      ...(tokens ? { token_start: start ?? null, token_end: end ?? null } : {}),
    },
  };
}
