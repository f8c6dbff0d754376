// A mix travels as its vectors' floats: when two or more vectors steer at once, each one's applied floats are
// downloaded (GET /steering/vectors/{id}/download) into the draft, tagged with the server they came from, so the
// one draft → request function can sum them; floats of vectors no longer in the mix are dropped, and floats from
// another server are replaced. Each id is downloaded once at a time (a finished download never restarts the
// others). Answers the last download error in words while a vector of the mix still lacks its floats.
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { mixIds } from '../../api/steering.ts';
import { downloadVector } from '../../api/steering-client.ts';
import { useStore } from '../../store/store.ts';
import { usePolicyTarget } from '../../store/use-policy-api.ts';

export function useMixFloats(): string | undefined {
  const { t } = usePolicyTarget();
  const steering = useStore((s) => s.draft.steering);
  const [error, setError] = useState<string>();
  const inFlight = useRef(new Set<string>());
  const where = { target: t.target, baseUrl: t.baseUrl };
  const ids = mixIds(steering, where);
  const fresh = steering.floatsFrom === t.baseUrl;
  const have = fresh ? (steering.floats ?? {}) : {};
  const missing = ids.filter((id) => !have[id]);
  const missingKey = missing.join('\n');
  const stale = !fresh
    ? Object.keys(steering.floats ?? {}).length > 0
    : Object.keys(have).some((id) => !ids.includes(id));

  useEffect(() => {
    if (!missingKey) setError(undefined);
  }, [missingKey]);

  useEffect(() => {
    if (!stale) return;
    const s = useStore.getState();
    const st = s.draft.steering;
    const keep = st.floatsFrom === t.baseUrl ? (st.floats ?? {}) : {};
    const floats = Object.fromEntries(Object.entries(keep).filter(([id]) => ids.includes(id)));
    s.patchDraft({ steering: { ...st, floats, floatsFrom: t.baseUrl } });
  });

  useEffect(() => {
    for (const id of missingKey ? missingKey.split('\n') : []) {
      const key = `${t.baseUrl}\n${id}`;
      if (inFlight.current.has(key)) continue;
      inFlight.current.add(key);
      downloadVector(t, id)
        .then(
          (f) => {
            const s = useStore.getState();
            const st = s.draft.steering;
            // the page moved to another server meanwhile: these floats are not its
            if (useStore.getState().target !== t.target) return;
            const base = st.floatsFrom === t.baseUrl ? (st.floats ?? {}) : {};
            s.patchDraft({ steering: { ...st, floats: { ...base, [id]: f }, floatsFrom: t.baseUrl } });
          },
          (e) => setError(`The vector ${id} could not be downloaded: ${describeError(e, { chars: 0 }).message}`),
        )
        .finally(() => inFlight.current.delete(key));
    }
  }, [missingKey, t]);
  return error;
}
