// A policy run's outcome as the server reported it (`axionic.policy`): the flags, and the trace's candidates
// (best-of-n slots, retry rounds, fallbacks) in a small table, the selected one marked.
import type { PolicyOutcome } from '../../api/guide-outcome.ts';

const yes = (b: boolean) => (b ? 'yes' : 'no');

export function PolicyTrace({ outcome }: { outcome: PolicyOutcome }) {
  const t = outcome.trace;
  const sel = t?.selection;
  return (
    <div className="policy-trace" data-testid="policy-outcome">
      <dl className="facts">
        <dt>Accepted</dt>
        <dd>{yes(outcome.accepted)}</dd>
        <dt>Score</dt>
        <dd>{outcome.score.toFixed(3)}</dd>
        <dt>Constraints ok</dt>
        <dd>{yes(outcome.constraints_ok)}</dd>
        <dt>Verifier ok</dt>
        <dd>{yes(outcome.verifier_ok)}</dd>
        <dt>Latency</dt>
        <dd>{Math.round(outcome.latency_ms)} ms</dd>
        {outcome.policy_id && (
          <>
            <dt>Policy</dt>
            <dd>
              <code>{outcome.policy_id}</code>
            </dd>
          </>
        )}
        {t?.fallback_from && (
          <>
            <dt>Fell back from</dt>
            <dd>{t.fallback_from}</dd>
          </>
        )}
        {t?.repair && t.repair !== 'none' && (
          <>
            <dt>Repair</dt>
            <dd>{t.repair}</dd>
          </>
        )}
      </dl>
      {t && t.candidates.length > 0 && (
        <table className="trace">
          <caption>Candidates</caption>
          <thead>
            <tr>
              <th scope="col">Round</th>
              <th scope="col">Slot</th>
              <th scope="col">Method</th>
              <th scope="col">Score</th>
              <th scope="col">Constraints</th>
              <th scope="col">Verifier</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {t.candidates.map((c) => (
              <tr
                key={`${c.round}-${c.slot}-${c.sampling_method}`}
                className={sel && sel.round === c.round && sel.slot === c.slot ? 'selected' : undefined}
              >
                <td>{c.round}</td>
                <td>{c.slot}</td>
                <td>{c.sampling_method}</td>
                <td>{c.score.toFixed(3)}</td>
                <td>{yes(c.constraints_ok)}</td>
                <td>{yes(c.verifier_ok)}</td>
                <td>{c.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
