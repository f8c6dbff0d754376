// Steered sampling and steered held-out loss, the raw material of the dose–response measurements.
import { evaluateText } from '../../evaluate.ts';
import { generateText } from '../../generate.ts';
import type { GPT, Hooks, Session } from '../../model.ts';
import { EOS_ID } from '../../tokenizer.ts';
import { steeringHooks, type VectorLayer } from '../vector.ts';

/** How the measurement samples are drawn: plain sampling at temperature 0.8, end-of-text banned, 200 characters. */
export const SAMPLE_TEMPERATURE = 0.8;
export const SAMPLE_CHARS = 200;
const NO_EOS: ReadonlyMap<number, number> = new Map([[EOS_ID, -100]]);

/** The hooks that apply `layers` at `strength` (none at strength 0). */
export function hooksFor(layers: readonly VectorLayer[], strength: number): Hooks {
  const steering = steeringHooks({ layers }, strength);
  return steering.length ? { steering } : {};
}

/** One seeded sample of SAMPLE_CHARS characters after `prompt`, with `hooks` at every position. */
export async function steeredSample(
  model: GPT,
  session: Session,
  prompt: string,
  seed: number,
  hooks: Hooks,
  chars = SAMPLE_CHARS,
): Promise<string> {
  const r = await generateText(model, session, {
    prompt,
    maxTokens: chars,
    seed,
    hooks,
    yieldEveryMs: -1,
    sampling: { temperature: SAMPLE_TEMPERATURE, logitBias: NO_EOS },
  });
  return r.text;
}

/** Held-out loss (nats/char) of `text` with `hooks` at every position, by the pinned protocol of evaluate.ts. */
export function steeredLoss(model: GPT, text: string, hooks: Hooks): number {
  return evaluateText(model, text, hooks).val_loss;
}
