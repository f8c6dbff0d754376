import { useId, useMemo, useState } from 'react';
import { keptTokens, takeBackOf } from '../../api/sae-readings.ts';
import { TokenDetails, type TokenInfo } from '../../components/ui/token-details.tsx';
import { TokenText } from '../../components/ui/token-text.tsx';
import { selectActiveRun } from '../../store/runs-slice.ts';
import { useStore } from '../../store/store.ts';

/** Completion and generate modes: the prompt and its continuation together, the continuation marked (the prompt's
 * field is PromptField, above the centre's tabs, so it stays in place when the SAE view shows). */
export function CompletionView({ onContinue, onRerun, busy }: { onContinue(): void; onRerun(): void; busy: boolean }) {
  const id = useId();
  const run = useStore(selectActiveRun);
  const [picked, setPicked] = useState<TokenInfo | undefined>(undefined);
  const shown = run && run.request.url !== '' ? run : undefined;
  // what a correction took back is not the output (the SAE view shows it struck through)
  const tokens = useMemo(() => (shown ? keptTokens(shown.tokens, takeBackOf(shown)) : []), [shown]);
  const sentPrompt = shown ? String((shown.request.body as { prompt?: unknown } | undefined)?.prompt ?? '') : '';
  return (
    <section className="panel completion" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="sr-only">
        Completion
      </h2>
      <h3 className="subhead">Output</h3>
      {shown ? (
        <TokenText
          tokens={tokens}
          prefix={sentPrompt}
          prefixClass="prompt-echo"
          label="Output"
          testId="output"
          className="output"
          onPick={setPicked}
        >
          {shown.status === 'running' && <span className="caret" aria-hidden="true" />}
          {shown.status === 'stopped' && <span className="stopped-mark"> [stopped]</span>}
        </TokenText>
      ) : (
        <div className="output empty-output">
          <span className="hint">Run the prompt: the model’s continuation appears here after it, marked.</span>
        </div>
      )}
      <TokenDetails token={picked} />
      {shown && shown.status !== 'running' && (
        <div className="row">
          <button type="button" onClick={onContinue} disabled={busy || !tokens.length}>
            Continue
          </button>
          <button type="button" onClick={onRerun} disabled={busy}>
            Regenerate
          </button>
        </div>
      )}
    </section>
  );
}
