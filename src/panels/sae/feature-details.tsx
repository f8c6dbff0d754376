// A top feature of the picked token, opened: its label's evidence, its top-activating contexts (the active
// character marked), and a link to its feature page — read from GET /sae/features when first opened.
import { lazy, Suspense, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { useSaeFeature } from '../../store/use-behaviors-api.ts';

const FeaturePage = lazy(() => import('./feature-page.tsx').then((m) => ({ default: m.FeaturePage })));

const SHOWN_CONTEXTS = 3;

export function FeatureDetails({ index }: { index: number }) {
  const q = useSaeFeature(index);
  const [page, setPage] = useState(false);
  if (q.isPending) return <p className="hint">Loading feature {index}…</p>;
  if (q.isError)
    return (
      <p className="hint">
        Feature {index} could not be read: {describeError(q.error, { chars: 0 }).message}
      </p>
    );
  const f = q.data;
  return (
    <div className="feature-details">
      <p className="hint">
        {f.label_auc !== null ? `Label AUC ${f.label_auc.toFixed(3)}` : 'No label measure'} · active on{' '}
        {(f.density * 100).toFixed(2)}% of held-out characters
      </p>
      <ul className="feature-contexts" aria-label={`Top contexts of feature ${index}`}>
        {f.top_contexts.slice(0, SHOWN_CONTEXTS).map((c) => (
          <li key={`${c.text}-${c.at}`}>
            <code>
              {c.text.slice(0, c.at)}
              <mark>{c.text.slice(c.at, c.at + 1)}</mark>
              {c.text.slice(c.at + 1)}
            </code>{' '}
            <span className="hint">{c.value.toFixed(2)}</span>
          </li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={() => setPage(true)}>
        Feature page
      </button>
      {page && (
        <Suspense fallback={null}>
          <FeaturePage index={index} onClose={() => setPage(false)} />
        </Suspense>
      )}
    </div>
  );
}
