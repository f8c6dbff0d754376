// A behavior's card: what it detects, how well it is measured to detect it, when it counts as drift, where it reads
// and what corrects it. A built-in shows its held-out evidence (AUC, false-trigger rate); the user's own shows the
// separation its examples reached, and can be renamed or deleted (asked once more).
import { useId, useState } from 'react';
import { DRIFT_RUN } from '../../../protocol/sae.ts';
import { ApiError } from '../../api/api-error.ts';
import type { Behavior } from '../../api/behaviors-client.ts';
import { describeError } from '../../api/describe-error.ts';
import { useDeleteBehavior, useRenameBehavior } from '../../store/use-behaviors-api.ts';
import { aucInWords } from './behavior-auc.ts';

export interface BehaviorCardProps {
  readonly behavior: Behavior;
  /** After a delete went through (the list is refreshed by then). */
  onDeleted?(id: string): void;
  /** After a rename went through: the old and the new name (a picked behavior follows its new name). */
  onRenamed?(from: string, to: string): void;
}

const percent = (x: number | null | undefined) => (x == null ? 'not measured' : `${(x * 100).toFixed(1)} %`);

/** A refusal of the name, in words that name the field (undefined for any other error). */
function nameError(e: unknown): string | undefined {
  if (!(e instanceof ApiError) || e.param !== 'behavior_name') return undefined;
  return `Name: ${e.message.replace(/^behavior_name: /, '')}`;
}

function OwnBehaviorActions({
  b,
  onDeleted,
  onRenamed,
}: {
  b: Behavior;
  onDeleted?(id: string): void;
  onRenamed?(from: string, to: string): void;
}) {
  const id = useId();
  const [name, setName] = useState(b.behavior_name);
  const [confirming, setConfirming] = useState(false);
  const rename = useRenameBehavior();
  const del = useDeleteBehavior();
  const blank = name.trim() === '';
  const refused = nameError(rename.error);
  const fieldError = blank ? 'Name: give the behavior a name' : refused;
  const error = (refused ? null : rename.error) ?? del.error;
  return (
    <div className="vector-actions">
      <div className="field">
        <label htmlFor={`${id}-n`}>Name</label>
        <div className="row">
          <input
            id={`${id}-n`}
            type="text"
            value={name}
            maxLength={200}
            onChange={(e) => {
              setName(e.target.value);
              rename.reset();
            }}
            aria-invalid={fieldError !== undefined}
            aria-describedby={fieldError ? `${id}-ne` : undefined}
          />
          <button
            type="button"
            disabled={rename.isPending || blank || name.trim() === b.behavior_name}
            onClick={() =>
              rename.mutate(
                { id: b.id, name: name.trim() },
                { onSuccess: (renamed) => onRenamed?.(b.behavior_name, renamed.behavior_name) },
              )
            }
          >
            Rename
          </button>
        </div>
        {fieldError && (
          <p className="field-error" id={`${id}-ne`}>
            {fieldError}
          </p>
        )}
      </div>
      {confirming ? (
        <fieldset className="row confirm-delete">
          <legend className="sr-only">Confirm delete</legend>
          <span>Delete {b.behavior_name}? This cannot be undone (its correction vector stays).</span>
          <button
            type="button"
            className="danger"
            disabled={del.isPending}
            onClick={() =>
              void del.mutateAsync(b.id).then(
                () => onDeleted?.(b.id),
                () => setConfirming(false),
              )
            }
          >
            Delete behavior
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </fieldset>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          Delete
        </button>
      )}
      {error && (
        <p className="error-box" role="alert">
          {describeError(error, { chars: 0 }).message}
        </p>
      )}
    </div>
  );
}

export function BehaviorCard({ behavior: b, onDeleted, onRenamed }: BehaviorCardProps) {
  const builtIn = b.built_in === true;
  return (
    <div className="vector-card" data-testid="behavior-card">
      <p className="vector-title">
        <strong>{b.behavior_name}</strong> <span className="badge">{builtIn ? 'built-in' : 'yours'}</span>
      </p>
      <dl className="facts">
        <dt>Detects</dt>
        <dd>{b.description || 'No description'}</dd>
        {builtIn ? (
          <>
            <dt>Held-out AUC</dt>
            <dd>{aucInWords(b.separation_auc)}</dd>
            <dt>False-trigger rate</dt>
            <dd>{percent(b.false_trigger_rate)} of held-out generations without it drift</dd>
          </>
        ) : (
          <>
            <dt>Separation AUC</dt>
            <dd>{aucInWords(b.separation_auc)}, cross-validated on its own examples</dd>
          </>
        )}
        <dt>Threshold</dt>
        <dd>
          {b.threshold === undefined
            ? 'not given'
            : `${b.threshold.toFixed(3)} (drift: above it for ${DRIFT_RUN} tokens in a row)`}
        </dd>
        <dt>Hook</dt>
        <dd>
          <code>{b.hook_name}</code>
        </dd>
        <dt>Correction vector</dt>
        <dd>{b.steering_vector_id ? <code>{b.steering_vector_id}</code> : builtIn ? 'inline vector' : 'none'}</dd>
      </dl>
      {!builtIn && <OwnBehaviorActions key={b.id} b={b} onDeleted={onDeleted} onRenamed={onRenamed} />}
    </div>
  );
}
