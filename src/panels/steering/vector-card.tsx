// The picked vector's card: what it is, where it acts, how well it is measured to work. A built-in shows its
// evidence (measure, held-out AUC, Spearman ρ, the dose–response chart against random controls); the user's own
// vector shows the separation its examples reached, and can be renamed (its label) or deleted.
import { useId, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import type { SteeringVectorItem } from '../../api/steering-client.ts';
import { useDeleteVector, useRelabelVector } from '../../store/use-steering-api.ts';
import { DoseChart } from './dose-chart.tsx';

const num = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? '—' : v.toFixed(digits));

function OwnVectorActions({ v, onDeleted }: { v: SteeringVectorItem; onDeleted(id: string): void }) {
  const id = useId();
  const [label, setLabel] = useState(v.label ?? '');
  const [confirming, setConfirming] = useState(false);
  const relabel = useRelabelVector();
  const del = useDeleteVector();
  const error = relabel.error ?? del.error;
  return (
    <div className="vector-actions">
      <div className="field">
        <label htmlFor={`${id}-l`}>Label</label>
        <div className="row">
          <input id={`${id}-l`} type="text" value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} />
          <button
            type="button"
            disabled={relabel.isPending || label === (v.label ?? '')}
            onClick={() => relabel.mutate({ id: v.id, label: label.trim() || null })}
          >
            Rename
          </button>
        </div>
      </div>
      {confirming ? (
        <fieldset className="row confirm-delete">
          <legend className="sr-only">Confirm delete</legend>
          <span>Delete {v.label ?? v.name ?? v.id}? This cannot be undone.</span>
          <button
            type="button"
            className="danger"
            disabled={del.isPending}
            // the promise settles after the list is refreshed (the card may be gone by then; the draft is not)
            onClick={() =>
              void del.mutateAsync(v.id).then(
                () => onDeleted(v.id),
                () => setConfirming(false),
              )
            }
          >
            Delete vector
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

export function VectorCard({
  v,
  strength,
  onDeleted,
}: {
  v: SteeringVectorItem;
  strength: number;
  onDeleted(id: string): void;
}) {
  const e = v.evidence;
  return (
    <div className="vector-card" data-testid="vector-card">
      <p className="vector-title">
        <strong>{v.label ?? v.name ?? v.id}</strong> <span className="badge">{v.built_in ? 'built-in' : 'yours'}</span>
      </p>
      {v.description && <p className="hint">{v.description}</p>}
      <dl className="facts">
        <dt>Hook</dt>
        <dd>{v.layers.map((l) => l.hook).join(', ')}</dd>
        <dt>Id</dt>
        <dd>
          <code>{v.id}</code>
        </dd>
        {e ? (
          <>
            <dt>Measure</dt>
            <dd>{e.measure}</dd>
            <dt>Held-out AUC</dt>
            <dd>{num(e.auc_heldout, 3)}</dd>
            <dt>Spearman ρ</dt>
            <dd>{num(e.spearman_rho)}</dd>
          </>
        ) : (
          <>
            <dt>Separation AUC</dt>
            <dd>{num(v.separation_auc, 3)} (leave-one-pair-out, on its own examples)</dd>
          </>
        )}
      </dl>
      {v.note && <p className="hint">{v.note}</p>}
      {e && <DoseChart evidence={e} strength={strength} />}
      {!v.built_in && <OwnVectorActions key={v.id} v={v} onDeleted={onDeleted} />}
    </div>
  );
}
