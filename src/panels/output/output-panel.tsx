import { type KeyboardEvent, type MouseEvent, useId, useState } from 'react';
import { selectActiveRun } from '../../store/runs-slice.ts';
import { useStore } from '../../store/store.ts';
import { RunStats } from './run-stats.tsx';
import { TokenDetails } from './token-details.tsx';
import { TokenSpans } from './token-spans.tsx';

export interface OutputPanelProps {
  onContinue(): void;
  onRegenerate(): void;
}

/** The streamed output, rendered as text (never HTML), one span per token; hover or arrow keys show logprobs. */
export function OutputPanel({ onContinue, onRegenerate }: OutputPanelProps) {
  const id = useId();
  const run = useStore(selectActiveRun);
  const [active, setActive] = useState<number | undefined>(undefined);
  const tokens = run?.tokens ?? [];
  const pick = (e: MouseEvent<HTMLDivElement>) => {
    const i = (e.target as HTMLElement).dataset.i;
    if (i !== undefined) setActive(Number(i));
  };
  const keys = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!tokens.length) return;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const d = e.key === 'ArrowRight' ? 1 : -1;
      setActive((a) => Math.max(0, Math.min(tokens.length - 1, (a ?? (d > 0 ? -1 : tokens.length)) + d)));
    }
  };
  const done = run && run.status !== 'running';
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Output</h2>
      {/* biome-ignore lint/a11y/useSemanticElements: a read-only text box whose tokens are spans; a textarea cannot hold them */}
      <div
        className="output"
        data-testid="output"
        role="textbox"
        aria-readonly="true"
        aria-multiline="true"
        aria-labelledby={`${id}-h`}
        aria-describedby={`${id}-hint`}
        tabIndex={0}
        onMouseOver={pick}
        onFocus={() => setActive((a) => a ?? (tokens.length ? 0 : undefined))}
        onKeyDown={keys}
      >
        <TokenSpans tokens={tokens} active={active} />
        {run?.status === 'stopped' && <span className="stopped-mark"> [stopped]</span>}
        {!run && <span className="hint">Run a prompt to see the model’s reply here.</span>}
      </div>
      <p id={`${id}-hint`} className="sr-only">
        Left and right arrow keys move through the tokens and show each one's logprob.
      </p>
      <TokenDetails token={active !== undefined ? tokens[active] : undefined} />
      {run?.status === 'error' && (
        <p className="error-box" role="alert">
          {run.error}
        </p>
      )}
      {run && <RunStats run={run} />}
      <div className="row" style={{ marginTop: 8 }}>
        <button type="button" onClick={onContinue} disabled={!done || !tokens.length}>
          Continue
        </button>
        <button type="button" onClick={onRegenerate} disabled={!done}>
          Regenerate
        </button>
      </div>
    </section>
  );
}
