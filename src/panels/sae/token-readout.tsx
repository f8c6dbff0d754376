// The picked token's exact values: each behavior's score against its threshold (and whether it drifts there), and
// with `include_activations` its top SAE latents with their labels — each opens to its top contexts and a link to
// its feature page.
import { type ReactNode, useState } from 'react';
import type { SaeBehaviorInfo, TokenFeature, TokenReading } from '../../api/sae-readings.ts';
import { visibleToken } from '../../components/ui/visible-token.ts';

const show = visibleToken;

export interface TokenReadoutProps {
  readonly token?: { readonly text: string; readonly sae?: TokenReading; readonly dropped: boolean };
  readonly behaviors: readonly SaeBehaviorInfo[];
  /** Whether the run's frames carry features at all (said when they do not). */
  readonly featuresMissing?: string;
  /** A feature's details (top contexts, the feature page link), rendered when its row is opened. */
  feature(f: TokenFeature): ReactNode;
}

/** One top feature: its line, and its details (a request to the server) only once the row is opened. */
function FeatureRow({ f, feature }: { f: TokenFeature; feature(f: TokenFeature): ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <li>
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          Feature {f.index}: {f.label && f.label !== 'unlabelled' ? f.label : 'unlabelled'} ({f.value.toFixed(2)})
        </summary>
        {open && feature(f)}
      </details>
    </li>
  );
}

export function TokenReadout({ token, behaviors, featuresMissing, feature }: TokenReadoutProps) {
  if (!token)
    return (
      <div className="token-info sae-readout" data-testid="sae-readout">
        Hover a token, or focus the heatmap and use the arrow keys, to read its scores.
      </div>
    );
  const r = token.sae;
  const names = [...new Set([...behaviors.map((b) => b.name), ...Object.keys(r?.behaviors ?? {})])];
  return (
    <div className="token-info sae-readout" data-testid="sae-readout" aria-live="polite">
      <div>
        Token <code>{show(token.text)}</code>
        {r
          ? `${r.index >= 0 ? ` · position ${r.index}` : ''} · attempt ${r.attempt}`
          : ' · no reading arrived for this token'}
        {token.dropped && ' · dropped by a correction'}
      </div>
      {r && (
        <table className="readout-scores">
          <caption className="sr-only">Behavior scores at this token</caption>
          <thead>
            <tr>
              <th scope="col">Behavior</th>
              <th scope="col">Score</th>
              <th scope="col">Threshold</th>
              <th scope="col">Drift</th>
            </tr>
          </thead>
          <tbody>
            {names.map((n) => {
              const b = r.behaviors[n];
              const th = behaviors.find((x) => x.name === n)?.threshold;
              return (
                <tr key={n}>
                  <th scope="row">{n}</th>
                  <td>{b ? b.score.toFixed(4) : '—'}</td>
                  <td>{th === undefined ? '—' : th.toFixed(4)}</td>
                  <td>{b ? (b.forced ? 'forced' : b.drift ? 'yes' : 'no') : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {r?.features?.length ? (
        <ul className="readout-features" aria-label="Top features">
          {r.features.map((f) => (
            <FeatureRow key={f.index} f={f} feature={feature} />
          ))}
        </ul>
      ) : (
        r && featuresMissing && <p className="hint">{featuresMissing}</p>
      )}
    </div>
  );
}
