// Hook points at TransformerLens names (`blocks.{L}.hook_resid_pre` / `hook_resid_post`), the hooks a session runs
// (steering adds to the residual stream, capture reads it) and their validation.
import { EngineInputError } from './errors.ts';

export type HookKind = 'hook_resid_pre' | 'hook_resid_post';

export interface HookPoint {
  readonly name: string;
  readonly layer: number;
  readonly kind: HookKind;
}

/** Adds strength × vector to the residual stream at `hook`, at every position the model processes. */
export interface SteeringHook {
  readonly hook: string;
  /** dModel numbers. */
  readonly vector: Float32Array;
  readonly strength: number;
}

/** Receives a copy of the residual stream at `hook`: rows [positions × dModel], the first at absolute `start`. */
export type CaptureHook = (hook: string, resid: Float32Array, rows: number, start: number) => void;

export interface Hooks {
  readonly steering?: readonly SteeringHook[];
  readonly capture?: CaptureHook;
  /** Hooks whose residuals `capture` receives (all when undefined). */
  readonly captureAt?: readonly string[];
}

/** The model dimensions hook validation needs. */
export interface HookShape {
  readonly nLayer: number;
  readonly dModel: number;
}

/** Parses a hook name; throws EngineInputError (on `field`) naming the valid range for an unknown one. */
export function parseHook(name: string, nLayer: number, field = 'hook'): HookPoint {
  const m = /^blocks\.(\d+)\.(hook_resid_pre|hook_resid_post)$/.exec(name);
  const layer = m ? Number(m[1]) : -1;
  if (!m || layer >= nLayer) {
    throw new EngineInputError(
      field,
      `unknown hook point "${name}": expected blocks.{0..${nLayer - 1}}.hook_resid_pre or hook_resid_post`,
    );
  }
  return { name, layer, kind: m[2] as HookKind };
}

/** Throws EngineInputError for a steering vector that is not dModel finite numbers. */
export function checkSteeringVector(s: SteeringHook, dModel: number, field: string): void {
  const v = s.vector;
  if (!(v instanceof Float32Array) || v.length !== dModel) {
    const got = v instanceof Float32Array ? `${v.length} numbers` : 'not a Float32Array';
    throw new EngineInputError(
      field,
      `steering vector for ${s.hook} has ${got}: it must have exactly ${dModel} (the model width, dModel)`,
    );
  }
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) {
      throw new EngineInputError(field, `steering vector for ${s.hook} has a non-finite number (${v[i]}) at ${i}`);
    }
  }
}

/**
 * Checks hook names (steering and capture), steering vector lengths (= dModel) and values (finite), and strengths
 * (finite). Throws EngineInputError whose field is under `field`, e.g. `hooks.steering[0].vector`.
 */
export function validateHooks(shape: HookShape, hooks: Hooks | undefined, field = 'hooks'): void {
  if (!hooks) return;
  (hooks.steering ?? []).forEach((s, k) => {
    const f = `${field}.steering[${k}]`;
    parseHook(s.hook, shape.nLayer, `${f}.hook`);
    checkSteeringVector(s, shape.dModel, `${f}.vector`);
    if (!Number.isFinite(s.strength)) {
      throw new EngineInputError(`${f}.strength`, `steering strength for ${s.hook} must be a finite number`);
    }
  });
  (hooks.captureAt ?? []).forEach((name, k) => {
    parseHook(name, shape.nLayer, `${field}.captureAt[${k}]`);
  });
}
