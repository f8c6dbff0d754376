// The created vector: its id, the separation its pairs reached in words (overall and per layer), the server's note,
// and Try it.
import { Fragment, useId } from 'react';
import type { SteeringGenerateResult } from '../../api/steering-client.ts';

const auc = (x: number | null | undefined) => (x == null ? 'not measured' : x.toFixed(2));

/** The leave-one-pair-out separation AUC in words. */
function separationInWords(x: number | null): string {
  if (x === null) return 'not measured: it needs at least two pairs';
  const words =
    x >= 0.9
      ? 'the pairs define a clear direction'
      : x >= 0.75
        ? 'the pairs define a direction, with some overlap'
        : x >= 0.6
          ? 'a weak direction: more or clearer pairs would help'
          : 'the pairs do not separate — more or clearer pairs';
  return `${auc(x)}: ${words}`;
}

export function VectorResult({ result: r, onTry }: { result: SteeringGenerateResult; onTry(id: string): void }) {
  const id = useId();
  const byLayer = Object.entries(r.separation_auc_by_layer ?? {});
  return (
    <section className="create-vector-result" aria-labelledby={id}>
      <h3 id={id}>Vector created</h3>
      <dl className="facts">
        <dt>Id</dt>
        <dd>
          <code>{r.steering_vector_id}</code>
        </dd>
        <dt>Separation</dt>
        <dd>{separationInWords(r.separation_auc)}</dd>
        {byLayer.map(([layer, x]) => (
          <Fragment key={layer}>
            <dt>Layer {layer}</dt>
            <dd>{auc(x)}</dd>
          </Fragment>
        ))}
      </dl>
      <p className="hint">
        Separation is the leave-one-pair-out AUC of the pairs projected on the vector: near 1 when they define a
        direction, near 0.5 when they do not.
      </p>
      {r.note && <p className="warning">{r.note}</p>}
      <button type="button" className="primary" onClick={() => onTry(r.steering_vector_id)}>
        Try it
      </button>
    </section>
  );
}
