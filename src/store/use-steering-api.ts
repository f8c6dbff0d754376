// The steering API's server state (TanStack Query): the current target's vectors, and relabelling, deleting and
// creating them (each refreshes the list). The hosted list is behind a login the local key cannot reach, so it is
// only asked of the local server and custom targets.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createVector,
  deleteVector,
  listVectors,
  relabelVector,
  type SteeringGenerateRequest,
  type SteeringProgressFrame,
} from '../api/steering-client.ts';
import { usePolicyTarget } from './use-policy-api.ts';

/** The key every steering-vector list starts with (invalidate it after a change). */
export const STEERING_VECTORS_KEY = ['steering-vectors'] as const;

export function useSteeringVectors() {
  const { t, key, enabled } = usePolicyTarget();
  return useQuery({
    queryKey: [...STEERING_VECTORS_KEY, ...key],
    queryFn: ({ signal }) => listVectors(t, signal),
    enabled: enabled && t.target !== 'hosted',
    retry: false,
  });
}

function useInvalidateVectors() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: STEERING_VECTORS_KEY });
}

export function useRelabelVector() {
  const { t } = usePolicyTarget();
  const onSuccess = useInvalidateVectors();
  return useMutation({
    mutationFn: ({ id, label }: { id: string; label: string | null }) => relabelVector(t, id, label),
    onSuccess,
  });
}

export function useDeleteVector() {
  const { t } = usePolicyTarget();
  const onSuccess = useInvalidateVectors();
  return useMutation({ mutationFn: (id: string) => deleteVector(t, id), onSuccess });
}

export interface CreateVectorInput {
  readonly body: SteeringGenerateRequest;
  readonly signal: AbortSignal;
  readonly onFrame: (f: SteeringProgressFrame) => void;
}

export function useCreateVector() {
  const { t } = usePolicyTarget();
  const onSuccess = useInvalidateVectors();
  return useMutation({
    mutationFn: ({ body, signal, onFrame }: CreateVectorInput) => createVector(t, body, { signal, onFrame }),
    onSuccess,
  });
}
