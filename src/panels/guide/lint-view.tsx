// What the compiler says about the constraint before it runs: a refusal (in the server's words), the lints
// (errors, the seed page's advice, the max-tokens budget), the compiled facts (draft, whitespace, key order, the
// shortest output) and a sample of what the output will look like, drawn by a random walk of the matcher.
import { useEffect, useState } from 'react';
import { sampleInWorker } from '../../guide/lint/lint-client.ts';
import type { Lint, SampleResult } from '../../guide/lint/types.ts';
import type { GuideLintState } from './use-guide-lint.ts';

const SOURCE: Record<Lint['source'], string> = {
  compiler: 'compiler',
  'meta-schema': 'meta-schema',
  advice: 'advice',
  budget: 'max tokens',
  syntax: 'JSON',
};

function LintItem({ lint, advisory }: { lint: Lint; advisory: boolean }) {
  const severity = advisory && lint.severity === 'error' ? 'warning' : lint.severity;
  return (
    <li className={`lint lint-${severity}`}>
      <span className="lint-severity">{severity}</span> <span className="lint-source">{SOURCE[lint.source]}</span>
      {lint.pointer !== undefined && lint.pointer !== '' && <code className="lint-pointer">{lint.pointer}</code>}{' '}
      {lint.message}
    </li>
  );
}

function SamplePreview({ state }: { state: GuideLintState }) {
  const [seed, setSeed] = useState(1);
  const [sample, setSample] = useState<SampleResult>();
  const inputKey = state.input ? JSON.stringify(state.input) : '';
  const compiled = state.report?.facts !== undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: inputKey stands for state.input
  useEffect(() => {
    if (!state.input || !compiled) return setSample(undefined);
    let live = true;
    void sampleInWorker(state.input, seed).then((s) => live && setSample(s));
    return () => {
      live = false;
    };
  }, [inputKey, compiled, seed]);
  if (!compiled) return null;
  return (
    <div className="sample">
      <div className="row">
        <span className="label">What it will look like</span>
        <span className="spacer" />
        <button type="button" onClick={() => setSeed((s) => s + 1)}>
          New sample
        </button>
      </div>
      {sample?.text !== undefined ? (
        <pre className="sample-text" data-testid="guide-sample">
          {sample.text}
        </pre>
      ) : sample?.error ? (
        <p className="hint">{sample.error}</p>
      ) : (
        <p className="hint">Drawing a sample…</p>
      )}
      <p className="hint">A random walk of the compiled constraint, not the model: the shape, not the content.</p>
    </div>
  );
}

export function LintView({ state }: { state: GuideLintState }) {
  const r = state.report;
  const f = r?.facts;
  const errors = r?.lints.filter((l) => l.severity === 'error').length ?? 0;
  return (
    <div className="lint-view">
      <div className="row">
        <button type="button" onClick={state.validate}>
          Validate
        </button>
        <span className="hint" data-testid="guide-lint-status" role="status">
          {state.pending || !r
            ? 'Checking…'
            : r.refusal
              ? 'Refused by the compiler'
              : errors
                ? `${errors} error${errors > 1 ? 's' : ''}`
                : `Compiles${f ? ` (${f.compileMs.toFixed(0)} ms, the server’s compiler, in this page)` : ''}`}
        </span>
      </div>
      {r?.refusal && (
        <p className={state.advisory ? 'warning-box' : 'error-box'} data-testid="guide-refusal">
          {state.advisory ? 'Our local runtime would refuse this (the hosted one may not): ' : ''}
          {r.refusal}
        </p>
      )}
      {r && r.lints.length > 0 && (
        <ul className="lints" aria-label="Lints">
          {r.lints.map((l, i) => (
            // lints have no identity beyond their place in the report
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <LintItem key={i} lint={l} advisory={state.advisory} />
          ))}
        </ul>
      )}
      {f && (
        <dl className="facts" data-testid="guide-facts">
          {f.draft && (
            <>
              <dt>Draft</dt>
              <dd>{f.draft}</dd>
            </>
          )}
          {f.whitespace && (
            <>
              <dt>Whitespace</dt>
              <dd>{f.whitespace}</dd>
            </>
          )}
          {f.keyOrder && f.keyOrder.length > 0 && (
            <>
              <dt>Key order</dt>
              <dd>{f.keyOrder.join(', ')}</dd>
            </>
          )}
          <dt>Shortest output</dt>
          <dd>{f.minChars} characters</dd>
          {f.skippedKeywords.length > 0 && (
            <>
              <dt>Skipped</dt>
              <dd>{f.skippedKeywords.join(', ')}</dd>
            </>
          )}
          {f.ignoredKeywords.length > 0 && (
            <>
              <dt>Ignored</dt>
              <dd>{f.ignoredKeywords.join(', ')}</dd>
            </>
          )}
        </dl>
      )}
      <SamplePreview state={state} />
    </div>
  );
}
