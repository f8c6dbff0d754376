// A stored steering vector: per hook, a unit direction and the hook's mean residual norm (`scale`), so the applied
// delta at strength α is α × scale × direction — strength 1 adds one typical residual norm, the same for built-in
// and user vectors. Layer keys on the wire: "L" (or L) is `blocks.L.hook_resid_pre`, as the Axionic SDK's local
// semantics say; any other hook is named in full.
import { EngineInputError } from '../errors.ts';
import { parseHook, type SteeringHook } from '../hooks.ts';

export interface VectorLayer {
  /** TransformerLens hook name, e.g. blocks.3.hook_resid_pre */
  readonly hook: string;
  /** Unit direction, dModel numbers. */
  readonly direction: readonly number[];
  /** The hook's mean residual norm (the applied vector is direction × scale). */
  readonly scale: number;
  /** The norm of the raw mean difference before normalising (reported). */
  readonly rawNorm: number;
}

export interface SteeringVectorData {
  /** Stable id: built-ins `austen-mini/<name>`, user vectors `sv_<hex>`. */
  readonly id: string;
  readonly name: string;
  readonly label: string | null;
  readonly method: 'caa';
  /** The model it was computed on. */
  readonly model: string;
  readonly layers: readonly VectorLayer[];
}

/** The wire key of a hook: "L" for blocks.L.hook_resid_pre, the full name otherwise. */
export function layerKey(hook: string): string {
  const m = /^blocks\.(\d+)\.hook_resid_pre$/.exec(hook);
  return m ? String(m[1]) : hook;
}

/** A wire key ("12", 12, or a hook name) → the hook name; EngineInputError (on `field`) for an unknown one. */
export function hookOfKey(key: string | number, nLayer: number, field: string): string {
  const k = String(key).trim();
  const name = /^\d+$/.test(k) ? `blocks.${k}.hook_resid_pre` : k;
  return parseHook(name, nLayer, field).name;
}

/** The engine hooks that apply `v` at `strength` (strength 0: none, so it is bit-identical to no steering). */
export function steeringHooks(v: Pick<SteeringVectorData, 'layers'>, strength: number): SteeringHook[] {
  if (strength === 0) return [];
  if (!Number.isFinite(strength)) throw new EngineInputError('steering_strength', 'must be a finite number');
  return v.layers.map((l) => {
    const vector = new Float32Array(l.direction.length);
    for (let i = 0; i < vector.length; i++) vector[i] = (l.direction[i] ?? 0) * l.scale;
    return { hook: l.hook, vector, strength };
  });
}

/** `{key: floats}` as mechanex's save_vectors writes it: each layer's applied vector (direction × scale). */
export function downloadForm(v: Pick<SteeringVectorData, 'layers'>): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const l of v.layers) out[layerKey(l.hook)] = l.direction.map((x) => x * l.scale);
  return out;
}
