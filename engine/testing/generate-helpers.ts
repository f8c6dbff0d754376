// Helpers shared by the generate() tests: a tiny random model and runners.
import { expect } from 'vitest';
import {
  type GeneratedToken,
  type GenerateOptions,
  type GenerationResult,
  generate,
  type LogitProcessorFn,
} from '../generate.ts';
import { GPT, type Session } from '../model.ts';
import { EOS_ID, encode, tokenText } from '../tokenizer.ts';
import { randomWeights, TINY } from './random-model.ts';

export const model = new GPT(randomWeights());
export const session = model.newSession();
export const CTX = TINY.ctx;
/** Bans end-of-text so that a run lasts exactly maxTokens (logit_bias leaves the reported logprobs unprocessed). */
export const NO_EOS = new Map([[EOS_ID, -100]]);

/** Runs a generation to the end; `onToken` sees each record as it is yielded (e.g. to call a GenerationControl). */
export async function run(
  o: GenerateOptions,
  s: Session = session,
  onToken?: (t: GeneratedToken) => void,
): Promise<{ tokens: GeneratedToken[]; result: GenerationResult }> {
  const it = generate(model, s, o);
  const tokens: GeneratedToken[] = [];
  let r = await it.next();
  while (!r.done) {
    tokens.push(r.value);
    onToken?.(r.value);
    r = await it.next();
  }
  return { tokens, result: r.value };
}

export const joined = (tokens: readonly GeneratedToken[]) => tokens.map((t) => t.text).join('');

/** A processor that makes the model write `text` (cyclically) by masking every other token with -Infinity. */
export function force(text: string): LogitProcessorFn {
  const ids = encode(text);
  return (logits, { step }) => {
    const want = ids[step % ids.length] ?? 0;
    for (let i = 0; i < logits.length; i++) if (i !== want) logits[i] = Number.NEGATIVE_INFINITY;
  };
}

export const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = a.length === b.length ? 0 : Number.POSITIVE_INFINITY;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return m;
};

/** Sets every logit but `want`'s to -Infinity. */
export function only(logits: Float32Array, want: number): void {
  for (let i = 0; i < logits.length; i++) if (i !== want) logits[i] = Number.NEGATIVE_INFINITY;
}

export function argmax(x: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if ((x[i] ?? 0) > (x[best] ?? 0)) best = i;
  return best;
}

/** Checks what every run must satisfy: sequential indices, text concatenation, counts. */
export function checkConsistency(tokens: readonly GeneratedToken[], result: GenerationResult): void {
  expect(tokens.map((t) => t.index)).toEqual(tokens.map((_, i) => i));
  expect(joined(tokens)).toBe(result.text);
  for (const t of tokens) {
    expect(t.text).toBe(tokenText(t.token));
    expect(t.token).not.toBe(EOS_ID);
    expect(t.logprob).toBeLessThanOrEqual(0);
    expect(Number.isFinite(t.logprob)).toBe(true);
  }
  expect(result.completionTokens).toBeGreaterThanOrEqual(tokens.length);
}
