// The created behavior: its name, the separation its pairs reached (cross-validated AUC, in words), its drift
// threshold and correction vector, and a button to monitor the next run with it.
import { useId } from 'react';
import { DRIFT_RUN } from '../../../protocol/sae.ts';
import type { Behavior } from '../../api/behaviors-client.ts';
import { aucInWords, separationAdvice } from './behavior-auc.ts';

export function BehaviorResult({ behavior: b, onMonitor }: { behavior: Behavior; onMonitor(name: string): void }) {
  const id = useId();
  return (
    <section className="create-vector-result" aria-labelledby={id}>
      <h3 id={id}>Behavior created</h3>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{b.behavior_name}</dd>
        <dt>Separation AUC</dt>
        <dd>{aucInWords(b.separation_auc)}</dd>
        <dt>Threshold</dt>
        <dd>{b.threshold === undefined ? 'not given' : b.threshold.toFixed(3)}</dd>
        <dt>Correction vector</dt>
        <dd>{b.steering_vector_id ? <code>{b.steering_vector_id}</code> : 'none'}</dd>
      </dl>
      <p className="hint">
        {separationAdvice(b.separation_auc)} Separation is the cross-validated AUC of the behavior’s score on its own
        examples (held-out pairs): near 1 when it tells them apart, near 0.5 when it does not. A run drifts when the
        score stays above the threshold for {DRIFT_RUN} tokens in a row; the correction steers away along the vector.
      </p>
      <button type="button" className="primary" onClick={() => onMonitor(b.behavior_name)}>
        Monitor with it
      </button>
    </section>
  );
}
