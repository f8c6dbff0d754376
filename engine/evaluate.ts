// Held-out loss of a model on a text, with the pinned protocol of engine/train/eval-windows.ts
// (windows of the context, stride half the context, only the second half of each window scored).

import { evalWindows } from './eval-windows.ts';
import type { GPT, Hooks } from './model.ts';
import { logSoftmax } from './sampler.ts';
import { encode } from './tokenizer.ts';

export interface EvalResult {
  /** Mean negative log-likelihood, nats per character. */
  readonly val_loss: number;
  readonly bits_per_char: number;
  /** Characters in the evaluated text. */
  readonly chars: number;
  /** Characters scored (all but the first half-window). */
  readonly scored: number;
}

/** `hooks` (e.g. steering) apply at every position when given: the steered loss by the same pinned protocol. */
export function evaluateText(model: GPT, text: string, hooks?: Hooks): EvalResult {
  const ids = encode(text);
  const T = model.cfg.ctx;
  const V = model.cfg.vocabSize;
  const session = model.newSession();
  if (hooks) session.hooks = hooks;
  let nll = 0;
  let scored = 0;
  for (const w of evalWindows(ids, T)) {
    session.reset();
    const logits = session.feed(Array.from(w.inputs), true);
    for (let i = 0; i < T; i++) {
      const t = w.targets[i] ?? -1;
      if (t < 0) continue;
      const lp = logSoftmax(logits.subarray(i * V, (i + 1) * V));
      nll -= lp[t] ?? 0;
      scored++;
    }
  }
  const loss = nll / scored;
  return { val_loss: loss, bits_per_char: loss / Math.LN2, chars: ids.length, scored };
}
