// "Create a steering vector": paste or upload contrast pairs (JSONL as mechanex's generate_from_jsonl reads them),
// checked line by line as they are typed; Create streams POST /steering/generate into a progress bar, then shows
// the vector's id, its separation measure in words, per layer, and the server's note, with a button to try it.
// A native modal <dialog>: focus stays inside, Escape closes, focus goes back to the opener. What the user typed
// survives closing; a run does not (closing stops it).
import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/api-error.ts';
import { describeError } from '../../api/describe-error.ts';
import type { SteeringGenerateRequest, SteeringProgressFrame } from '../../api/steering-client.ts';
import { EXAMPLE_PAIRS_JSONL, parsePairs } from '../../api/steering-pairs.ts';
import { PairsField } from '../../components/ui/pairs-field.tsx';
import { useModalDialog } from '../../components/ui/use-modal-dialog.ts';
import { useStore } from '../../store/store.ts';
import { usePolicyTarget } from '../../store/use-policy-api.ts';
import { useCreateVector } from '../../store/use-steering-api.ts';
import { VectorResult } from './vector-result.tsx';

export interface CreateVectorDialogProps {
  readonly open: boolean;
  onClose(): void;
  onTry(vectorId: string): void;
  /** Code for the create action (the body the form would send; undefined while it cannot be sent), under the form. */
  readonly snippets?: (body: SteeringGenerateRequest | undefined) => ReactNode;
}

interface Draft {
  readonly text: string;
  readonly name: string;
  readonly layers: string;
}

export function CreateVectorDialog({ open, onClose, onTry, snippets }: CreateVectorDialogProps) {
  const titleId = useId();
  const [draft, setDraft] = useState<Draft>({ text: '', name: '', layers: '' });
  const { ref, dismiss } = useModalDialog(open, onClose, 'textarea');
  return (
    <dialog ref={ref} className="create-vector-dialog" aria-labelledby={titleId} onCancel={dismiss} onKeyDown={dismiss}>
      <h2 id={titleId} className="create-vector-title">
        Create a steering vector
      </h2>
      {open && (
        <CreateVectorForm
          draft={draft}
          setDraft={setDraft}
          onClose={onClose}
          onTry={(id) => {
            onTry(id);
            onClose();
          }}
          snippets={snippets}
        />
      )}
    </dialog>
  );
}

/** Whole layer numbers separated by commas; empty for the server's default (its middle layer). */
function parseLayers(s: string): { ok: true; value: number[] } | { ok: false; error: string } {
  const parts = s
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const bad = parts.find((p) => !/^\d+$/.test(p));
  if (bad !== undefined) return { ok: false, error: `"${bad}" is not a layer number: whole numbers, comma-separated` };
  return { ok: true, value: parts.map(Number) };
}

interface Progress {
  readonly value: number;
  readonly message: string;
}

function progressOf(f: SteeringProgressFrame): Progress {
  if (f.status === 'started')
    return { value: 0, message: `Started: ${f.pairs} pair(s) on ${f.model}, layer(s) ${f.layers.join(', ')}` };
  if (f.status === 'processing') return { value: f.progress, message: f.message };
  return { value: 100, message: `Done: ${f.result.steering_vector_id}` };
}

function CreateVectorForm(p: {
  draft: Draft;
  setDraft(d: Draft): void;
  onClose(): void;
  onTry(id: string): void;
  snippets?: CreateVectorDialogProps['snippets'];
}) {
  const id = useId();
  const { draft } = p;
  const { t } = usePolicyTarget();
  const model = useStore((s) => s.draft.model);
  const create = useCreateVector();
  const abort = useRef<AbortController | null>(null);
  const sentLines = useRef<number[]>([]);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [stopped, setStopped] = useState(false);
  useEffect(() => () => abort.current?.abort(), []);

  const parsed = useMemo(() => parsePairs(draft.text), [draft.text]);
  const layers = parseLayers(draft.layers);
  const blank = draft.text.trim() === '';
  const errors = !blank && !parsed.ok ? parsed.errors : [];
  const running = create.isPending;
  const canCreate = parsed.ok && layers.ok && Boolean(t.apiKey) && !running;

  const set = (patch: Partial<Draft>) => p.setDraft({ ...draft, ...patch });
  const body: SteeringGenerateRequest | undefined =
    parsed.ok && layers.ok
      ? {
          ...parsed.pairs,
          method: 'caa',
          name: draft.name.trim() || undefined,
          layer_idxs: layers.value.length ? layers.value : undefined,
          model,
        }
      : undefined;
  const start = () => {
    if (!body || !parsed.ok) return;
    const ac = new AbortController();
    abort.current = ac;
    sentLines.current = parsed.lines;
    setStopped(false);
    setProgress({ value: 0, message: 'Sending the pairs…' });
    create.mutate({
      body,
      signal: ac.signal,
      onFrame: (f) => setProgress(progressOf(f)),
    });
  };
  const stop = () => {
    setStopped(true);
    abort.current?.abort();
  };

  return (
    <>
      <PairsField
        text={draft.text}
        onText={(text) => set({ text })}
        hint={
          <>
            One JSON object per line: <code>prompt</code>, <code>positive_answer</code> (the behaviour to steer
            towards), <code>negative_answer</code> (its opposite).{' '}
            {parsed.ok && `${parsed.pairs.prompts.length} pair(s) ready.`}
          </>
        }
        errors={errors}
        onExample={() => set({ text: EXAMPLE_PAIRS_JSONL, name: draft.name || 'exclamatory' })}
      />
      <div className="grid2 create-vector-fields">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} type="text" value={draft.name} onChange={(e) => set({ name: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-layers`}>Layers</label>
          <input
            id={`${id}-layers`}
            type="text"
            inputMode="numeric"
            value={draft.layers}
            onChange={(e) => set({ layers: e.target.value })}
            aria-invalid={!layers.ok}
            aria-describedby={`${id}-layers-hint`}
          />
          <p className={layers.ok ? 'hint' : 'field-error'} id={`${id}-layers-hint`}>
            {layers.ok ? 'Comma-separated, e.g. 2, 3. Empty: the server’s middle layer.' : layers.error}
          </p>
        </div>
      </div>
      <div className="row create-vector-actions">
        <button type="button" className="primary" onClick={start} disabled={!canCreate}>
          Create
        </button>
        {running && (
          <button type="button" onClick={stop}>
            Stop
          </button>
        )}
        <span className="spacer" />
        <button type="button" onClick={p.onClose}>
          Close
        </button>
      </div>
      {!t.apiKey && <p className="hint">Add a key for this target (the connection menu) to create a vector.</p>}
      {progress && (running || create.isSuccess) && (
        <div className="field">
          <label htmlFor={`${id}-progress`}>Progress</label>
          <progress id={`${id}-progress`} max={100} value={progress.value}>
            {progress.value}%
          </progress>
          <p className="hint" role="status">
            {progress.message}
          </p>
        </div>
      )}
      {create.isError && (
        <p className={stopped ? 'hint' : 'error-box'} role="alert">
          {stopped ? 'Stopped: no vector was made.' : errorText(create.error, sentLines.current)}
        </p>
      )}
      {create.data && <VectorResult result={create.data} onTry={p.onTry} />}
      {p.snippets && (
        <details className="create-vector-snippets">
          <summary>Code</summary>
          {p.snippets(body)}
        </details>
      )}
    </>
  );
}

/** The error in words; when the server names one pair (`positive_answers[2]: …`), the line that pair came from. */
function errorText(e: unknown, lines: readonly number[]): string {
  const pair = e instanceof ApiError && e.status === 400 ? /^(\w+)\[(\d+)\]$/.exec(e.param ?? '') : null;
  const line = pair ? lines[Number(pair[2])] : undefined;
  if (!(e instanceof ApiError) || !pair || line === undefined) return describeError(e, { chars: 0 }).message;
  const message = e.message.startsWith(`${e.param}: `) ? e.message.slice(`${e.param}: `.length) : e.message;
  return `The server refused the pair on line ${line} (${pair[1]}): ${message}`;
}
