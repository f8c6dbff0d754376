// Every vector the server knows — the model's built-ins (read-only, from its steering/ folder) and the user's (SQLite)
// — looked up by id, listed, and shown in the contract's SteeringVectorItem shape with axplay's extensions.
import { layerKey } from '../../engine/steering/vector.ts';
import type { SteeringVectorItem } from '../../protocol/steering.ts';
import type { ServerDeps } from '../context.ts';
import type { KnownVector } from './built-ins.ts';

const builtIns = (deps: ServerDeps): readonly KnownVector[] => deps.builtInVectors ?? [];

export function findVector(deps: ServerDeps, id: string): KnownVector | undefined {
  return builtIns(deps).find((v) => v.id === id) ?? deps.store.vectors.get(id);
}

export const isBuiltIn = (deps: ServerDeps, id: string): boolean => builtIns(deps).some((v) => v.id === id);

/** Built-ins first (by id), then the user's (oldest first). */
export function listVectors(deps: ServerDeps): KnownVector[] {
  return [...builtIns(deps), ...deps.store.vectors.list()];
}

export function itemOf(v: KnownVector): SteeringVectorItem {
  return {
    id: v.id,
    model_name: v.model,
    method: v.method,
    storage_path: v.storagePath,
    public_url: null,
    created_at: v.createdAt,
    api_key_id: null,
    nodes: v.layers.map((l) => l.hook),
    name: v.name,
    label: v.label,
    category: v.category,
    built_in: v.builtIn,
    layers: v.layers.map((l) => ({ key: layerKey(l.hook), hook: l.hook, scale: l.scale, raw_norm: l.rawNorm })),
    d_model: v.layers[0]?.direction.length ?? 0,
    separation_auc: v.separationAuc,
    description: v.description,
    note: v.note,
    evidence: v.evidence,
  };
}
