// The run's end: per behavior, its highest score, whether it drifted, whether it was corrected (and where), and the
// server's note; and how many attempts the text took.
import type { RunSae } from '../../api/sae-readings.ts';

export function SaeSummary({ sae }: { sae: RunSae }) {
  return (
    <div className="sae-summary">
      <h3 className="subhead">Summary</h3>
      <p className="hint">
        {sae.attempts !== undefined ? `${sae.attempts} attempt${sae.attempts === 1 ? '' : 's'} · ` : ''}
        {sae.corrected ? 'corrected' : 'not corrected'}
      </p>
      <ul>
        {(sae.summary ?? []).map((b) => (
          <li key={b.name}>
            <b>{b.name}</b> ({b.mode}
            {b.threshold !== undefined ? `, threshold ${b.threshold.toFixed(3)}` : ''})
            {b.max_score !== undefined && ` · highest ${b.max_score.toFixed(3)}`}
            {b.drift_detected !== undefined && ` · ${b.drift_detected ? 'drift detected' : 'no drift'}`}
            {b.corrected && ` · corrected at token ${b.correction_index ?? '?'}`}
            {b.applied && ' · vector applied from the start'}
            {b.note && <div className="hint">{b.note}</div>}
          </li>
        ))}
      </ul>
    </div>
  );
}
