// What the SAE view says is missing from a run, in words: no per-token readings (an answer that came whole, or a
// server that sends none), no features (not asked for, or not sent).
import type { RunSae, TokenReading } from '../../api/sae-readings.ts';

interface RunLike {
  readonly status: string;
  readonly request: { readonly body?: Readonly<Record<string, unknown>>; readonly meta: { readonly path: string } };
  readonly tokens: readonly { readonly sae?: TokenReading }[];
  readonly sae?: RunSae;
}

export function readingsMissing(run: RunLike): string | undefined {
  if (run.tokens.some((t) => t.sae)) return undefined;
  if (run.status === 'running') return run.tokens.length ? 'These tokens carry no behavior scores (yet).' : undefined;
  if (run.request.body?.stream === false || (run.sae?.summary && !run.tokens.some((t) => t.sae)))
    return 'This answer came whole (not streamed): it carries no per-token scores, only the summary below. Turn Stream on to watch the scores as the text is written.';
  return 'No per-token behavior scores arrived: this server did not send any (it may not support behavior_names). The text is shown uncoloured.';
}

export function featuresMissing(run: RunLike): string {
  if (run.request.meta.path !== '/sae/generate')
    return 'Top features come only with /sae/generate (the Generate mode): OpenAI-style streams carry the scores alone.';
  if (run.request.body?.include_activations !== true)
    return 'Top features were not asked for: turn on “Top features” in the Behaviors panel and run again.';
  return 'No features arrived for this token: the server did not send include_activations data.';
}
