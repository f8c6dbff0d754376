// A mix travels as its vectors' floats: when two or more vectors steer at once, each one's applied floats are
// downloaded (GET /steering/vectors/{id}/download) into the draft, so the one draft → request function can sum
// them; floats of vectors no longer in the mix are dropped. Answers the download's error in words, if any.
import { useEffect, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { mixIds } from '../../api/steering.ts';
import { downloadVector } from '../../api/steering-client.ts';
import { useStore } from '../../store/store.ts';
import { usePolicyTarget } from '../../store/use-policy-api.ts';

export function useMixFloats(): string | undefined {
  const { t } = usePolicyTarget();
  const steering = useStore((s) => s.draft.steering);
  const [error, setError] = useState<string>();
  const ids = mixIds(steering);
  const key = ids.join('\n');
  const missing = ids.filter((id) => !steering.floats?.[id]).join('\n');
  const stale = Object.keys(steering.floats ?? {}).some((id) => !ids.includes(id));

  useEffect(() => {
    if (!stale) return;
    const s = useStore.getState();
    const keep = new Set(key ? key.split('\n') : []);
    const floats = Object.fromEntries(Object.entries(s.draft.steering.floats ?? {}).filter(([id]) => keep.has(id)));
    s.patchDraft({ steering: { ...s.draft.steering, floats } });
  }, [stale, key]);

  useEffect(() => {
    if (!missing) return;
    let live = true;
    setError(undefined);
    for (const id of missing.split('\n'))
      downloadVector(t, id).then(
        (f) => {
          if (!live) return;
          const s = useStore.getState();
          s.patchDraft({ steering: { ...s.draft.steering, floats: { ...s.draft.steering.floats, [id]: f } } });
        },
        (e) => live && setError(`The vector ${id} could not be downloaded: ${describeError(e, { chars: 0 }).message}`),
      );
    return () => {
      live = false;
    };
  }, [missing, t]);
  return error;
}
