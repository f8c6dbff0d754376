// The guided run's output, live: while it streams, how far along the structure is (the open brackets and the
// current key); when done, a validity badge computed in this page (an eval-free JSON Schema validator: the page's
// CSP forbids eval), the parsed value as a collapsible tree, and what the server said — the direct route's own
// check, or a policy's accepted/score/constraints_ok/verifier_ok flags and its trace's candidates.
import { useEffect, useMemo, useState } from 'react';
import { type RequestGuide, requestGuide } from '../../api/guide-of-request.ts';
import { type GuideOutcome, guideOutcome } from '../../api/guide-outcome.ts';
import { JsonTree } from '../../components/ui/json-tree.tsx';
import { describeProgress, jsonProgress } from '../../guide/json-progress.ts';
import type { Validity } from '../../guide/validity.ts';
import { selectActiveRun } from '../../store/runs-slice.ts';
import { useStore } from '../../store/store.ts';
import { PolicyTrace } from './policy-trace.tsx';

const isJson = (g: RequestGuide) => g.schema !== undefined || g.jsonMode === true;

function Badge({ ok, children }: { ok: boolean; children: React.ReactNode }) {
  return (
    <span className={`badge ${ok ? 'badge-ok' : 'badge-bad'}`} data-testid="validity-badge">
      {children}
    </span>
  );
}

/** The validator is loaded when a guided run first finishes (it stays out of the page's first load). */
function useValidity(schema: unknown, text: string): Validity | undefined {
  const [v, setV] = useState<Validity>();
  useEffect(() => {
    let live = true;
    if (schema === undefined) {
      try {
        setV({ valid: true, parsed: JSON.parse(text) as unknown, errors: [] });
      } catch (e) {
        setV({ valid: false, errors: [{ pointer: '', message: `not JSON: ${(e as Error).message}` }] });
      }
      return;
    }
    setV(undefined);
    void import('../../guide/validity.ts').then((m) => live && setV(m.validateInstance(schema, text)));
    return () => {
      live = false;
    };
  }, [schema, text]);
  return v;
}

function JsonVerdict({ guide, text }: { guide: RequestGuide; text: string }) {
  const v = useValidity(guide.schema, text);
  if (!v) return <p className="hint">Checking the output…</p>;
  return (
    <>
      <p className="row">
        <Badge ok={v.valid}>{v.valid ? 'Valid' : 'Invalid'}</Badge>
        <span className="hint">
          {guide.schema !== undefined ? 'against the schema, checked in this page' : 'JSON, checked in this page'}
        </span>
      </p>
      {v.errors.length > 0 && (
        <ul className="lints">
          {v.errors.map((e) => (
            <li key={`${e.pointer} ${e.message}`} className="lint lint-error">
              {e.pointer && <code className="lint-pointer">{e.pointer}</code>} {e.message}
            </li>
          ))}
        </ul>
      )}
      {v.parsed !== undefined && (
        <details open className="parsed">
          <summary>Parsed value</summary>
          <JsonTree value={v.parsed} label="Parsed value" />
        </details>
      )}
    </>
  );
}

function ServerVerdict({ outcome, badge }: { outcome: GuideOutcome; badge: boolean }) {
  const s = outcome.sampling;
  if (s && s.valid !== undefined && s.valid !== null)
    return (
      <p className="row" data-testid="server-check">
        {badge && <Badge ok={s.valid}>{s.valid ? 'Valid' : 'Invalid'}</Badge>}
        <span className="hint">
          Server’s check: {s.valid ? 'valid' : `invalid${s.validation_error ? ` (${s.validation_error})` : ''}`}
          {s.fell_back ? ` — fell back: ${s.fallback_reason ?? 'unknown reason'}` : ''}
        </span>
      </p>
    );
  if (outcome.policy) return <PolicyTrace outcome={outcome.policy} />;
  return null;
}

export default function GuideOutput() {
  const run = useStore(selectActiveRun);
  const guide = useMemo(() => (run && run.request.url !== '' ? requestGuide(run.request) : undefined), [run]);
  if (!run || !guide) return null;
  const text = run.tokens.map((t) => t.text).join('');
  const json = isJson(guide);
  return (
    <section className="guide-output" aria-label="Guided output">
      {run.status === 'running' ? (
        <p className="hint progress" data-testid="structure-progress">
          {json ? `Structure: ${describeProgress(jsonProgress(text))}` : `${text.length} characters so far`}
        </p>
      ) : run.status === 'done' ? (
        <>
          {json && <JsonVerdict guide={guide} text={text} />}
          {/* a regex or grammar has no in-page check: the server's own (direct route) is the badge */}
          <ServerVerdict outcome={guideOutcome(run.request.meta.path, run.frames)} badge={!json} />
        </>
      ) : null}
    </section>
  );
}
