// The models query's target, from the connection state (shared by the connection and models panels).
import type { ModelsTarget } from '../api/get-models.ts';
import { baseUrlOf, pageOrigin } from './connection-slice.ts';
import { useStore } from './store.ts';

export function useModelsTarget(): ModelsTarget {
  const target = useStore((s) => s.target);
  const customBaseUrl = useStore((s) => s.customBaseUrl);
  const apiKey = useStore((s) => s.keys[s.target]);
  const localKey = useStore((s) => s.keys.local);
  return { target, baseUrl: baseUrlOf({ target, customBaseUrl }), apiKey, localKey, origin: pageOrigin() };
}
