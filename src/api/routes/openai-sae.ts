// SAE readings on the OpenAI routes (`behavior_names` / `force_steering` in the body): a chunk's
// `axionic.tokens` carries one reading per generated token, in order; the last chunk (or a whole answer) carries
// the per-behavior summary in `axionic.behaviors`. The contract's example shape — `axionic: {token_index,
// behaviors: {name: {score, drift}}}` on each chunk — is read too. A delta without logprobs may hold several tokens in one text:
// their readings are merged into it (the highest score, drift if any drifted).
import { z } from 'zod';
import { behaviorReadingSchema, behaviorSummarySchema } from '../../../protocol/sae.ts';
import type { TokenInfo } from '../run-events.ts';
import type { SaeEvent, TokenReading } from '../sae-readings.ts';

const readingsSchema = z.record(z.string(), behaviorReadingSchema);

const axionicSaeSchema = z.object({
  tokens: z
    .array(z.object({ index: z.number(), attempt: z.number(), behaviors: readingsSchema }))
    .optional()
    .catch(undefined),
  /** The summary (a list), or the contract's per-chunk shape: this chunk's readings by behavior, at `token_index`. */
  behaviors: z
    .union([z.array(behaviorSummarySchema), readingsSchema])
    .optional()
    .catch(undefined),
  token_index: z.number().optional().catch(undefined),
  corrected: z.boolean().optional().catch(undefined),
});

function merged(rs: readonly TokenReading[]): TokenReading | undefined {
  const [first] = rs;
  if (!first || rs.length === 1) return first;
  const behaviors: Record<string, { score: number; drift: boolean; forced?: boolean }> = {};
  for (const r of rs)
    for (const [name, b] of Object.entries(r.behaviors)) {
      const had = behaviors[name];
      behaviors[name] = had ? { ...had, score: Math.max(had.score, b.score), drift: had.drift || b.drift } : { ...b };
    }
  return { index: first.index, attempt: first.attempt, behaviors };
}

/** The chunk's tokens with their readings, and its SAE events (the summary). */
export function openAiSae(
  axionic: unknown,
  tokens: readonly TokenInfo[],
): { tokens: readonly TokenInfo[]; sae?: SaeEvent[] } {
  if (typeof axionic !== 'object' || axionic === null) return { tokens };
  const a = axionicSaeSchema.safeParse(axionic);
  if (!a.success) return { tokens };
  const b = a.data.behaviors;
  const perChunk = b && !Array.isArray(b) ? [{ index: a.data.token_index ?? -1, attempt: 1, behaviors: b }] : [];
  const readings = a.data.tokens ?? perChunk;
  let out = tokens;
  if (readings.length && tokens.length) {
    if (readings.length === tokens.length) out = tokens.map((t, i) => ({ ...t, sae: readings[i] }));
    else {
      // uneven: each token but the last takes one reading; the last takes the rest, merged
      const head = tokens.slice(0, -1).map((t, i) => ({ ...t, sae: readings[i] }));
      const last = tokens[tokens.length - 1] as TokenInfo;
      out = [...head, { ...last, sae: merged(readings.slice(head.length)) }];
    }
  }
  const summary = Array.isArray(b) ? b : undefined;
  return summary
    ? { tokens: out, sae: [{ kind: 'summary', behaviors: summary, corrected: a.data.corrected ?? false }] }
    : { tokens: out };
}
