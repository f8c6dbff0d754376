// Behaviors, a section of the side panel: the "Behaviors" group of chips (this server's behaviors from
// GET /behaviors, or names typed by hand where the list is behind a login), each a toggle with its mode — Monitor or
// Forced — and its card; "Top features" (each token's top SAE latents, on /sae/generate); and "Create behavior"
// from the user's own contrast pairs.
import { lazy, Suspense, useId, useState } from 'react';
import {
  type BehaviorMode,
  DEFAULT_BEHAVIORS,
  type DraftBehaviors,
  MAX_BEHAVIORS,
  setPickedMode,
  togglePicked,
} from '../../api/behaviors.ts';
import { useStore } from '../../store/store.ts';
import { useBehaviors } from '../../store/use-behaviors-api.ts';
import { BehaviorChip } from './behavior-chip.tsx';
import './sae.css';

const BehaviorCard = lazy(() => import('./behavior-card.tsx').then((m) => ({ default: m.BehaviorCard })));
const CreateBehaviorDialog = lazy(() =>
  import('./create-behavior-dialog.tsx').then((m) => ({ default: m.CreateBehaviorDialog })),
);
const CreateSnippets = lazy(() =>
  import('./behavior-create-snippets.tsx').then((m) => ({ default: m.BehaviorCreateSnippets })),
);

function routeHint(mode: string, stream: boolean): string {
  if (mode === 'generate')
    return stream
      ? 'Generate runs go to /sae/generate: every token’s scores stream, and drift is corrected — the text is cut where it began and regenerated with the behavior’s vector at −1. Forced applies the vector from the start.'
      : 'Generate runs go to /sae/generate; with Stream off the corrected text comes whole, without per-token scores.';
  return stream
    ? 'On this route the names ride the body (behavior_names): the stream reports each token’s scores but cannot take text back, so drift is reported, not corrected. Use the Generate mode to watch corrections.'
    : 'On this route a whole answer is corrected, but it carries no per-token scores: turn Stream on to watch them.';
}

export function BehaviorsPanel() {
  const id = useId();
  const behaviors = useStore((s) => s.draft.behaviors);
  const mode = useStore((s) => s.draft.mode);
  const stream = useStore((s) => s.draft.stream);
  const raw = useStore((s) => s.draft.rawBody !== undefined);
  const target = useStore((s) => s.target);
  const patchDraft = useStore((s) => s.patchDraft);
  const list = useBehaviors();
  const [typed, setTyped] = useState('');
  const [creating, setCreating] = useState(false);
  // the dialog stays mounted once opened, so pasted pairs survive closing it
  const [dialogLoaded, setDialogLoaded] = useState(false);
  const set = (f: (b: DraftBehaviors) => DraftBehaviors) =>
    patchDraft({ behaviors: f(useStore.getState().draft.behaviors ?? DEFAULT_BEHAVIORS) });

  const freeText = target === 'hosted' || (list.isError && !list.data);
  const items = freeText ? [] : (list.data ?? []);
  const known = new Set(items.map((b) => b.behavior_name));
  const names = [
    ...items.map((b) => b.behavior_name),
    ...behaviors.picked.map((p) => p.name).filter((n) => !known.has(n)),
  ];
  const modeOf = (n: string): BehaviorMode | undefined => behaviors.picked.find((p) => p.name === n)?.mode;
  const full = behaviors.picked.length >= MAX_BEHAVIORS;
  const add = () => {
    const n = typed.trim();
    if (!n || full) return;
    if (!behaviors.picked.some((p) => p.name === n)) set((b) => togglePicked(b, n));
    setTyped('');
  };
  const hint = freeText
    ? target === 'hosted'
      ? 'The hosted behavior list needs a dashboard login: type a behavior’s name and Add it.'
      : 'This server’s behavior list could not be read: type a behavior’s name and Add it.'
    : list.isPending
      ? 'Loading the behaviors…'
      : 'Pick behaviors to watch: each token of the output is scored by the SAE as it streams.';

  return (
    <section className="panel behaviors-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Behaviors</h2>
      <p className="hint">{hint}</p>
      {names.length > 0 && (
        <fieldset className="chips-set">
          <legend className="sr-only">Behaviors</legend>
          <ul className="chips">
            {names.map((n) => (
              <BehaviorChip
                key={n}
                name={n}
                mode={modeOf(n)}
                unknown={!freeText && !known.has(n)}
                onToggle={() => {
                  if (full && !modeOf(n)) return;
                  set((b) => togglePicked(b, n));
                }}
                onMode={(m) => set((b) => setPickedMode(b, n, m))}
              />
            ))}
          </ul>
        </fieldset>
      )}
      {freeText && (
        <div className="row">
          <div className="field grow">
            <label htmlFor={`${id}-name`}>Behavior name</label>
            <input
              id={`${id}-name`}
              value={typed}
              maxLength={200}
              onChange={(e) => setTyped(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add();
                }
              }}
            />
          </div>
          <button type="button" onClick={add} disabled={!typed.trim() || full}>
            Add
          </button>
        </div>
      )}
      {full && <p className="hint">At most {MAX_BEHAVIORS} behaviors in one request.</p>}
      {items
        .filter((b) => modeOf(b.behavior_name))
        .map((b) => (
          <details key={b.id} className="behavior-about">
            <summary>About {b.behavior_name}</summary>
            <Suspense fallback={<p className="hint">Loading the card…</p>}>
              <BehaviorCard
                behavior={b}
                onDeleted={() => set((x) => ({ ...x, picked: x.picked.filter((p) => p.name !== b.behavior_name) }))}
                onRenamed={(from, to) =>
                  set((x) => ({ ...x, picked: x.picked.map((p) => (p.name === from ? { ...p, name: to } : p)) }))
                }
              />
            </Suspense>
          </details>
        ))}
      <label className="inline">
        <input
          type="checkbox"
          checked={behaviors.features}
          onChange={(e) => set((b) => ({ ...b, features: e.target.checked }))}
        />
        Top features
      </label>
      {behaviors.picked.length > 0 && (
        <p className="hint">
          {raw
            ? 'Raw mode sends the edited body as it is: behaviors there are whatever the body says.'
            : routeHint(mode, stream)}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          onClick={() => {
            setDialogLoaded(true);
            setCreating(true);
          }}
        >
          Create behavior
        </button>
      </div>
      {dialogLoaded && (
        <Suspense fallback={null}>
          <CreateBehaviorDialog
            open={creating}
            onClose={() => setCreating(false)}
            snippets={(body) => (
              <Suspense fallback={null}>
                <CreateSnippets body={body} />
              </Suspense>
            )}
            onMonitor={(name) => {
              setCreating(false);
              set((b) =>
                b.picked.some((p) => p.name === name) ? setPickedMode(b, name, 'monitor') : togglePicked(b, name),
              );
            }}
          />
        </Suspense>
      )}
    </section>
  );
}
