// Steering, a section of the side panel: the "Steering vector" picker (the target's vectors with their cards, or a
// free-text id where the list is behind a login), the "Strength" slider with its number field (0 is off), more
// vectors at once where the list can be read (a mix, sent as one inline vector), and the comparisons — "Side by
// side" (unsteered vs steered, same prompt and seed) and "Sweep" (five strengths at once) — plus "Create vector"
// from the user's own contrast pairs.
import { lazy, Suspense, useId, useState } from 'react';
import {
  activeParts,
  DEFAULT_STEERING,
  type DraftSteering,
  MAX_MIX,
  type SteeringPart,
  sweepBase,
} from '../../api/steering.ts';
import type { SteeringVectorItem } from '../../api/steering-client.ts';
import { baseUrlOf } from '../../store/connection-slice.ts';
import type { ComparedVector } from '../../store/steering-view.ts';
import { useStore } from '../../store/store.ts';
import { useSteeringVectors } from '../../store/use-steering-api.ts';
import { CreateSnippets } from './create-snippets.tsx';
import { MixRow } from './mix-row.tsx';
import { loadRecentIds, rememberId } from './recent-ids.ts';
import { StrengthControl } from './strength-control.tsx';
import { useMixFloats } from './use-mix-floats.ts';
import { VectorPicker } from './vector-picker.tsx';

// the card (with its chart) and the dialog load when they are first shown (they stay out of the page's first load)
const VectorCard = lazy(() => import('./vector-card.tsx').then((m) => ({ default: m.VectorCard })));
const CreateVectorDialog = lazy(() =>
  import('./create-vector-dialog.tsx').then((m) => ({ default: m.CreateVectorDialog })),
);

export interface SteeringPanelProps {
  busy: boolean;
  onSideBySide(v: ComparedVector): void;
  onSweep(v: ComparedVector): void;
}

const nameOf = (id: string, vectors: readonly SteeringVectorItem[] | undefined) => {
  const v = vectors?.find((x) => x.id === id);
  // a mix's heading names each vector briefly
  return v ? (v.name ?? v.label ?? v.id) : id;
};

/** What a comparison needs to know of the steering: a mix is named by its vectors and has no one measure. */
function comparedSteering(s: DraftSteering, vectors: readonly SteeringVectorItem[] | undefined): ComparedVector {
  const parts = activeParts(s);
  if (parts.length < 2) {
    const id = parts[0]?.vectorId ?? s.vectorId.trim();
    return comparedVector(
      id,
      vectors?.find((v) => v.id === id),
    );
  }
  return {
    vectorId: s.vectorId.trim(),
    vectorName: parts.map((p) => `${nameOf(p.vectorId, vectors)} ${p.strength}`).join(' + '),
  };
}

/** What a comparison needs to know of the picked vector. */
export function comparedVector(id: string, item: SteeringVectorItem | undefined): ComparedVector {
  const spec = item?.evidence?.measure_spec;
  return {
    vectorId: id,
    vectorName: item ? (item.label ?? item.name ?? item.id) : id,
    measure: spec && item?.evidence ? { spec, doc: item.evidence.measure } : undefined,
  };
}

export function SteeringPanel({ busy, onSideBySide, onSweep }: SteeringPanelProps) {
  const id = useId();
  const steering = useStore((s) => s.draft.steering);
  const target = useStore((s) => s.target);
  const raw = useStore((s) => s.draft.rawBody !== undefined);
  const patchDraft = useStore((s) => s.patchDraft);
  const list = useSteeringVectors();
  const [recent, setRecent] = useState(loadRecentIds);
  const [creating, setCreating] = useState(false);
  // the dialog stays mounted once opened, so pasted pairs survive closing it
  const [dialogLoaded, setDialogLoaded] = useState(false);
  const set = (p: Partial<DraftSteering>) =>
    patchDraft({ steering: { ...(useStore.getState().draft.steering ?? DEFAULT_STEERING), ...p } });

  const freeText = target === 'hosted' || (list.isError && !list.data);
  const vectors = freeText ? undefined : (list.data ?? []);
  const item = vectors?.find((v) => v.id === steering.vectorId);
  const picked = steering.vectorId.trim() !== '';
  const more = steering.more ?? [];
  const baseUrl = useStore((s) => baseUrlOf(s));
  const where = { target, baseUrl };
  const steers = activeParts(steering, where);
  const mixing = steers.length > 1;
  // a mix set up on another target is kept in the draft but not sent where mixes cannot go
  const parked = !vectors && more.some((p) => p.vectorId && p.strength !== 0);
  const mixError = useMixFloats();
  const v = comparedSteering(vectors ? steering : { ...steering, more: [] }, vectors);
  const setMore = (next: readonly SteeringPart[]) => set({ more: next });
  const remember = (vid: string) => setRecent(rememberId(vid));
  const compare = (run: (v: ComparedVector) => void) => {
    if (freeText) remember(v.vectorId);
    run(v);
  };
  const hint = freeText
    ? target === 'hosted'
      ? 'The hosted vector list needs a dashboard login; paste a vector id (sv_…). Recently used ids are suggested.'
      : `This server's vector list could not be read; type a vector id.`
    : list.isPending
      ? 'Loading the vectors…'
      : 'Built-in vectors come with their measured evidence; your own are made with Create vector.';
  const sweepTo = mixing ? 'the whole mix (×0, ¼, ½, ¾, 1)' : `${activeParts(sweepBase(steering))[0]?.strength ?? 0}`;

  return (
    <section className="panel steering-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Steering</h2>
      <VectorPicker
        value={steering.vectorId}
        vectors={vectors}
        recent={recent}
        hint={hint}
        onChange={(vectorId) => set({ vectorId })}
      />
      {item && (
        <Suspense fallback={<p className="hint">Loading the card…</p>}>
          <VectorCard
            v={item}
            strength={steering.strength}
            onDeleted={(gone) => {
              const st = useStore.getState().draft.steering;
              set({
                vectorId: st.vectorId === gone ? '' : st.vectorId,
                more: (st.more ?? []).filter((p) => p.vectorId !== gone),
              });
            }}
          />
        </Suspense>
      )}
      <StrengthControl
        value={steering.strength}
        hooks={item?.layers.map((l) => l.hook) ?? []}
        disabled={!picked}
        onChange={(strength) => set({ strength })}
      />
      {vectors &&
        more.map((part, i) => (
          <MixRow
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the mix
            key={i}
            n={i + 2}
            part={part}
            vectors={vectors}
            onChange={(p) => setMore(more.map((x, j) => (j === i ? p : x)))}
            onRemove={() => setMore(more.filter((_, j) => j !== i))}
          />
        ))}
      {vectors && picked && more.length + 1 < MAX_MIX && (
        <button type="button" onClick={() => setMore([...more, { vectorId: '', strength: 0 }])}>
          Add vector
        </button>
      )}
      {mixing && (
        <p className="hint">
          Several vectors travel as one inline <code>steering_vector</code>: each one’s floats × its strength, summed
          layer by layer (the request names one vector id at most, so a mix is sent as its floats).
        </p>
      )}
      {mixError && (
        <p className="error-box" role="alert">
          {mixError}
        </p>
      )}
      {parked && (
        <p className="hint">
          The mix’s other vectors are kept but not sent here: this target’s vectors cannot be downloaded to mix them.
        </p>
      )}
      {raw && (
        <p className="hint">
          Raw mode sends the edited body as it is: steering there is whatever the body says, and Side by side and Sweep
          are off (they change the strength). Return to the form to use them.
        </p>
      )}
      {!raw && picked && steers.length === 0 && <p className="hint">Set a strength other than 0 for Side by side.</p>}
      <div className="row steering-actions">
        <button type="button" disabled={busy || raw || steers.length === 0} onClick={() => compare(onSideBySide)}>
          Side by side
        </button>
        <button type="button" disabled={busy || raw || !picked} onClick={() => compare(onSweep)}>
          Sweep
        </button>
        <button
          type="button"
          onClick={() => {
            setDialogLoaded(true);
            setCreating(true);
          }}
        >
          Create vector
        </button>
      </div>
      <p className="hint">
        Side by side: unsteered and as set, same prompt and seed. Sweep: five cells from 0 to {sweepTo}, each scored by{' '}
        {item?.evidence?.measure_spec && !mixing ? 'the vector’s own measure and ' : ''}coherence.
      </p>
      {dialogLoaded && (
        <Suspense fallback={null}>
          <CreateVectorDialog
            open={creating}
            onClose={() => setCreating(false)}
            snippets={(body) => <CreateSnippets body={body} />}
            onTry={(vectorId) => {
              setCreating(false);
              // a clean try: the new vector alone, at the strength set (1 when it was off)
              const strength = steering.strength === 0 ? 1 : steering.strength;
              set({ vectorId, strength, more: [] });
              if (freeText) remember(vectorId);
              // a run still streaming: the vector is picked, and the comparison is the user's next click
              if (!busy && !raw) onSideBySide(comparedVector(vectorId, undefined));
            }}
          />
        </Suspense>
      )}
    </section>
  );
}
