// The policy API's server state for the guide panel (TanStack Query): presets and saved policies of the current
// target, and saving and deleting (which refresh the list).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { deletePolicy, listPolicies, listPresets, savePolicy } from '../api/policies-client.ts';
import { useModelsTarget } from './use-models-target.ts';

export function usePolicyTarget() {
  const t = useModelsTarget();
  const key = [t.target, t.baseUrl, t.apiKey.length, t.apiKey.slice(-6)] as const;
  const enabled = Boolean(t.apiKey) && (t.target !== 'custom' || /^https?:\/\//.test(t.baseUrl));
  return { t, key, enabled };
}

export function usePresets() {
  const { t, key, enabled } = usePolicyTarget();
  return useQuery({ queryKey: ['presets', ...key], queryFn: () => listPresets(t), enabled, retry: false });
}

export function useSavedPolicies() {
  const { t, key, enabled } = usePolicyTarget();
  return useQuery({ queryKey: ['policies', ...key], queryFn: () => listPolicies(t), enabled, retry: false });
}

export function useSavePolicy() {
  const { t } = usePolicyTarget();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (policy: unknown) => savePolicy(t, policy),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['policies'] }),
  });
}

export function useDeletePolicy() {
  const { t } = usePolicyTarget();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deletePolicy(t, id),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['policies'] }),
  });
}
