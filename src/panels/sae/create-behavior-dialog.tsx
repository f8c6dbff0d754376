// "Create behavior": paste or upload contrast pairs (JSONL as mechanex's create_behavior_from_jsonl reads them),
// checked line by line as they are typed, and a name; Create sends one POST /behaviors/create (it answers within
// seconds) with an indeterminate progress bar, the seconds so far and Stop, then shows the behavior's separation in
// words, its threshold and correction vector, with a button to monitor with it. A native modal <dialog>: focus stays
// inside, Escape closes, focus goes back to the opener. What the user typed survives closing; a request does not
// (closing stops it).
import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/api-error.ts';
import {
  EXAMPLE_BEHAVIOR_DESCRIPTION,
  EXAMPLE_BEHAVIOR_JSONL,
  EXAMPLE_BEHAVIOR_NAME,
  parseBehaviorPairs,
} from '../../api/behavior-pairs.ts';
import type { BehaviorCreateRequest } from '../../api/behaviors-client.ts';
import { describeError } from '../../api/describe-error.ts';
import { PairsField } from '../../components/ui/pairs-field.tsx';
import { useModalDialog } from '../../components/ui/use-modal-dialog.ts';
import { useStore } from '../../store/store.ts';
import { useCreateBehavior } from '../../store/use-behaviors-api.ts';
import { usePolicyTarget } from '../../store/use-policy-api.ts';
import { BehaviorResult } from './behavior-result.tsx';
import { useElapsedSeconds } from './use-elapsed-seconds.ts';

export interface CreateBehaviorDialogProps {
  readonly open: boolean;
  onClose(): void;
  /** Monitor the next run with the new behavior (its name); the dialog closes after. */
  onMonitor(behaviorName: string): void;
  /** Code for the create action (the body the form would send; undefined while it cannot be sent), under the form. */
  readonly snippets?: (body: BehaviorCreateRequest | undefined) => ReactNode;
}

interface Draft {
  readonly text: string;
  readonly name: string;
  readonly description: string;
}

export function CreateBehaviorDialog({ open, onClose, onMonitor, snippets }: CreateBehaviorDialogProps) {
  const titleId = useId();
  const [draft, setDraft] = useState<Draft>({ text: '', name: '', description: '' });
  const { ref, dismiss } = useModalDialog(open, onClose, 'textarea');
  return (
    <dialog ref={ref} className="create-vector-dialog" aria-labelledby={titleId} onCancel={dismiss} onKeyDown={dismiss}>
      <h2 id={titleId} className="create-vector-title">
        Create behavior
      </h2>
      {open && (
        <CreateBehaviorForm
          draft={draft}
          setDraft={setDraft}
          onClose={onClose}
          onMonitor={(name) => {
            onMonitor(name);
            onClose();
          }}
          snippets={snippets}
        />
      )}
    </dialog>
  );
}

/** A refusal of the name (a 409 for a name in use, a 400 naming behavior_name), in words naming the field. */
function nameRefusal(e: unknown): string | undefined {
  if (!(e instanceof ApiError) || e.param !== 'behavior_name') return undefined;
  return `Name: ${e.message.replace(/^behavior_name: /, '')}`;
}

/** The error in words; when the server names one pair (`positive_answers[2]: …`), the line that pair came from. */
function errorText(e: unknown, lines: readonly number[]): string {
  const pair = e instanceof ApiError && e.status === 400 ? /^(\w+)\[(\d+)\]$/.exec(e.param ?? '') : null;
  const line = pair ? lines[Number(pair[2])] : undefined;
  if (!(e instanceof ApiError) || !pair || line === undefined) return describeError(e, { chars: 0 }).message;
  const message = e.message.startsWith(`${e.param}: `) ? e.message.slice(`${e.param}: `.length) : e.message;
  return `The server refused the pair on line ${line} (${pair[1]}): ${message}`;
}

function CreateBehaviorForm(p: {
  draft: Draft;
  setDraft(d: Draft): void;
  onClose(): void;
  onMonitor(name: string): void;
  snippets?: CreateBehaviorDialogProps['snippets'];
}) {
  const id = useId();
  const { draft } = p;
  const { t } = usePolicyTarget();
  const model = useStore((s) => s.draft.model);
  const create = useCreateBehavior();
  const abort = useRef<AbortController | null>(null);
  const sentLines = useRef<number[]>([]);
  const [stopped, setStopped] = useState(false);
  useEffect(() => () => abort.current?.abort(), []);
  const running = create.isPending;
  const elapsed = useElapsedSeconds(running);
  const createRef = useRef<HTMLButtonElement>(null);
  const stopRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const wasRunning = useRef(false);
  // Create is disabled while the request runs and Stop goes when it ends: keep the keyboard's place on what is there
  useEffect(() => {
    if (running) stopRef.current?.focus();
    else if (wasRunning.current) (resultRef.current?.querySelector('button') ?? createRef.current)?.focus();
    wasRunning.current = running;
  }, [running]);

  const parsed = useMemo(() => parseBehaviorPairs(draft.text), [draft.text]);
  const blank = draft.text.trim() === '';
  const errors = !blank && !parsed.ok ? parsed.errors : [];
  const name = draft.name.trim();
  const refusedName = create.isError && !running ? nameRefusal(create.error) : undefined;
  const canCreate = parsed.ok && name !== '' && Boolean(t.apiKey) && !running;

  const set = (patch: Partial<Draft>) => p.setDraft({ ...draft, ...patch });
  const body: BehaviorCreateRequest | undefined =
    parsed.ok && name !== ''
      ? {
          behavior_name: name,
          description: draft.description.trim() || undefined,
          ...parsed.pairs,
          model,
        }
      : undefined;
  const start = () => {
    if (!body || !parsed.ok) return;
    const ac = new AbortController();
    abort.current = ac;
    sentLines.current = parsed.lines;
    setStopped(false);
    create.mutate({ body, signal: ac.signal });
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
            One JSON object per line: <code>prompt</code>, <code>positive_answer</code> (showing the behavior),{' '}
            <code>negative_answer</code> (without it); at least two pairs.{' '}
            {parsed.ok && `${parsed.pairs.prompts.length} pair(s) ready.`}
          </>
        }
        errors={errors}
        onExample={() =>
          set({
            text: EXAMPLE_BEHAVIOR_JSONL,
            name: draft.name || EXAMPLE_BEHAVIOR_NAME,
            description: draft.description || EXAMPLE_BEHAVIOR_DESCRIPTION,
          })
        }
      />
      <div className="grid2 create-vector-fields">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            type="text"
            required
            maxLength={200}
            value={draft.name}
            onChange={(e) => {
              set({ name: e.target.value });
              if (refusedName) create.reset();
            }}
            aria-invalid={refusedName !== undefined}
            aria-describedby={`${id}-name-hint`}
          />
          <p
            className={refusedName ? 'field-error' : 'hint'}
            id={`${id}-name-hint`}
            role={refusedName ? 'alert' : undefined}
          >
            {refusedName ?? 'Required: the name a run monitors it by.'}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-desc`}>Description</label>
          <input
            id={`${id}-desc`}
            type="text"
            maxLength={2000}
            value={draft.description}
            onChange={(e) => set({ description: e.target.value })}
            aria-describedby={`${id}-desc-hint`}
          />
          <p className="hint" id={`${id}-desc-hint`}>
            Optional: what it detects.
          </p>
        </div>
      </div>
      <div className="row create-vector-actions">
        <button type="button" className="primary" ref={createRef} onClick={start} disabled={!canCreate}>
          Create
        </button>
        {running && (
          <button type="button" ref={stopRef} onClick={stop}>
            Stop
          </button>
        )}
        <span className="spacer" />
        <button type="button" onClick={p.onClose}>
          Close
        </button>
      </div>
      {!t.apiKey && <p className="hint">Add a key for this target (the connection menu) to create a behavior.</p>}
      {running && (
        <div className="field">
          <label htmlFor={`${id}-progress`}>Progress</label>
          <progress id={`${id}-progress`} />
          <p className="hint" role="status">
            Fitting the behavior to {sentLines.current.length} pair(s)… {elapsed} s
          </p>
        </div>
      )}
      {create.isError && !refusedName && (
        <p className={stopped ? 'hint' : 'error-box'} role="alert">
          {stopped ? 'Stopped: no behavior was made.' : errorText(create.error, sentLines.current)}
        </p>
      )}
      <div ref={resultRef}>{create.data && <BehaviorResult behavior={create.data} onMonitor={p.onMonitor} />}</div>
      {p.snippets && (
        <details className="create-vector-snippets">
          <summary>Code</summary>
          {p.snippets(body)}
        </details>
      )}
    </>
  );
}
