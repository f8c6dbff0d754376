// One SAE latent's page (GET /sae/features): its automatic label and how well it holds (label AUC, precision,
// recall, the best other candidates), how often the latent is active, and its top contexts on held-out text with the
// active character marked. A native modal <dialog>, shown while mounted: Escape or Close asks to close, and focus goes
// back to what opened it.
import { useId } from 'react';
import type { SaeFeature } from '../../api/behaviors-client.ts';
import { describeError } from '../../api/describe-error.ts';
import { useModalDialog } from '../../components/ui/use-modal-dialog.ts';
import { useSaeFeature } from '../../store/use-behaviors-api.ts';

export interface FeaturePageProps {
  readonly index: number;
  onClose(): void;
}

const fixed = (x: number | null | undefined, digits = 3) => (x == null ? 'not measured' : x.toFixed(digits));
const percent = (x: number | null | undefined, digits = 1) =>
  x == null ? 'not measured' : `${(x * 100).toFixed(digits)} %`;
/** A whitespace character made visible where it is the one marked. */
const visible = (ch: string) => (ch === ' ' ? '␣' : ch === '\n' ? '↵' : ch === '\t' ? '⇥' : ch);

function Context({ text, at, value }: SaeFeature['top_contexts'][number]) {
  const cp = text.codePointAt(at);
  const ch = cp === undefined ? '' : String.fromCodePoint(cp);
  return (
    <li>
      <span className="sample-text">
        {text.slice(0, at)}
        <mark>{visible(ch)}</mark>
        {text.slice(at + ch.length)}
      </span>{' '}
      <span className="hint">
        {value.toFixed(3)} at “{visible(ch)}”
      </span>
    </li>
  );
}

function FeatureFacts({ f }: { f: SaeFeature }) {
  const id = useId();
  const labelled = f.label !== 'unlabelled';
  return (
    <>
      <dl className="facts">
        <dt>Label</dt>
        <dd>{labelled ? f.label : 'unlabelled: no labeller reached the bar'}</dd>
        <dt>Label AUC</dt>
        <dd>{fixed(f.label_auc)}</dd>
        <dt>Precision</dt>
        <dd>{percent(f.precision)} of the characters where it is active fit the label</dd>
        <dt>Recall</dt>
        <dd>{percent(f.recall)} of the characters that fit the label make it active</dd>
        <dt>Density</dt>
        <dd>active on {percent(f.density, 2)} of held-out characters</dd>
        <dt>Dead</dt>
        <dd>{f.dead ? 'yes: never active on held-out text' : 'no'}</dd>
      </dl>
      {f.candidates && f.candidates.length > 0 && (
        <>
          <h3 id={`${id}-c`}>Candidates</h3>
          <ol aria-labelledby={`${id}-c`}>
            {f.candidates.map((c) => (
              <li key={c.id}>
                {c.label} <span className="hint">AUC {c.auc.toFixed(3)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
      <h3 id={`${id}-t`}>Top contexts</h3>
      {f.top_contexts.length ? (
        <ol aria-labelledby={`${id}-t`}>
          {f.top_contexts.map((c) => (
            <Context key={`${c.at}:${c.text}`} {...c} />
          ))}
        </ol>
      ) : (
        <p className="hint">None: it is never active on the held-out text.</p>
      )}
    </>
  );
}

function FeatureBody({ index }: { index: number }) {
  const q = useSaeFeature(index);
  if (q.data) return <FeatureFacts f={q.data} />;
  if (q.isError)
    return (
      <p className="error-box" role="alert">
        {describeError(q.error, { chars: 0 }).message}
      </p>
    );
  if (q.fetchStatus === 'idle') return <p className="hint">Add a key for this target to read its feature pages.</p>;
  return (
    <p className="hint" role="status">
      Loading feature {index}…
    </p>
  );
}

export function FeaturePage({ index, onClose }: FeaturePageProps) {
  const titleId = useId();
  const { ref, dismiss } = useModalDialog(true, onClose, 'button');
  return (
    <dialog ref={ref} className="create-vector-dialog" aria-labelledby={titleId} onCancel={dismiss} onKeyDown={dismiss}>
      <div className="row">
        <h2 id={titleId} className="create-vector-title">
          Feature {index}
        </h2>
        <span className="spacer" />
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <FeatureBody index={index} />
    </dialog>
  );
}
