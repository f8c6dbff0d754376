import type { RunState } from '../../store/runs-slice.ts';

/** Time to first token, chars/s, token usage and finish reason of a run. */
export function RunStats({ run }: { run: RunState }) {
  const chars = run.tokens.reduce((n, t) => n + t.text.length, 0);
  const ttft = run.firstTokenAt !== undefined ? run.firstTokenAt - run.startedAt : undefined;
  const end = run.endedAt ?? performance.now();
  const genMs = run.firstTokenAt !== undefined ? end - run.firstTokenAt : undefined;
  const rate = genMs && genMs > 0 && chars > 1 ? (chars / genMs) * 1000 : undefined;
  return (
    <div className="stats" data-testid="run-stats">
      <span>
        status <b>{run.status}</b>
      </span>
      <span>
        first token <b>{ttft !== undefined ? `${ttft.toFixed(0)} ms` : '—'}</b>
      </span>
      <span>
        speed <b>{rate !== undefined ? `${rate.toFixed(0)} chars/s` : '—'}</b>
      </span>
      <span>
        tokens{' '}
        <b>
          {run.usage
            ? `${run.usage.prompt_tokens} in / ${run.usage.completion_tokens} out`
            : `${run.tokens.length} out`}
        </b>
      </span>
      <span>
        finish <b>{run.finishReason ?? (run.status === 'stopped' ? 'stopped by you' : '—')}</b>
      </span>
      {/* announced when the run starts and when it ends, never per token */}
      <span className="sr-only" role="status">
        {run.status === 'running' ? 'Running…' : `Run ${run.status}: ${chars} characters.`}
      </span>
    </div>
  );
}
