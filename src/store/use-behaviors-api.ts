// The behaviors API's server state (TanStack Query): the current target's behaviors, creating, renaming and deleting
// them (each refreshes the list; a creation also the steering vectors, since it stores its correction vector there),
// and one SAE latent's feature page (fixed for a server's model: cached for the session). The hosted list is behind
// a login the local key cannot reach, so it is only asked of the local server and custom targets.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type BehaviorCreateRequest,
  createBehavior,
  deleteBehavior,
  listBehaviors,
  renameBehavior,
  saeFeature,
} from '../api/behaviors-client.ts';
import { usePolicyTarget } from './use-policy-api.ts';

/** The key every behavior list starts with (invalidate it after a change). */
export const BEHAVIORS_KEY = ['behaviors'] as const;
/** use-steering-api.ts's STEERING_VECTORS_KEY, not imported: that would bring the steering client into this chunk. */
export const STEERING_VECTORS_KEY_COPY = ['steering-vectors'] as const;
/** The key every feature page starts with. */
export const SAE_FEATURE_KEY = ['sae-feature'] as const;

export function useBehaviors() {
  const { t, key, enabled } = usePolicyTarget();
  return useQuery({
    queryKey: [...BEHAVIORS_KEY, ...key],
    queryFn: ({ signal }) => listBehaviors(t, signal),
    enabled: enabled && t.target !== 'hosted',
    retry: false,
  });
}

function useInvalidateBehaviors() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: BEHAVIORS_KEY });
}

export function useRenameBehavior() {
  const { t } = usePolicyTarget();
  const onSuccess = useInvalidateBehaviors();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => renameBehavior(t, id, name),
    onSuccess,
  });
}

export function useDeleteBehavior() {
  const { t } = usePolicyTarget();
  const onSuccess = useInvalidateBehaviors();
  return useMutation({ mutationFn: (id: string) => deleteBehavior(t, id), onSuccess });
}

export interface CreateBehaviorInput {
  readonly body: BehaviorCreateRequest;
  readonly signal: AbortSignal;
}

export function useCreateBehavior() {
  const { t } = usePolicyTarget();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, signal }: CreateBehaviorInput) => createBehavior(t, body, signal),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: BEHAVIORS_KEY }),
        qc.invalidateQueries({ queryKey: STEERING_VECTORS_KEY_COPY }),
      ]),
  });
}

/** Latent `index`'s feature page; idle while index is undefined. */
export function useSaeFeature(index: number | undefined) {
  const { t, key, enabled } = usePolicyTarget();
  return useQuery({
    queryKey: [...SAE_FEATURE_KEY, ...key, index],
    queryFn: ({ signal }) => saeFeature(t, index ?? 0, signal),
    enabled: enabled && index !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
