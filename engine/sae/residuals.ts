// Residual-stream rows of the model at one hook, read straight from the forward pass (model.runBlocks), and the
// forward pass with a rewritten residual spliced in at that hook. No hooks API changes: blocks before the hook run,
// the residual (model.x) is read or replaced, the blocks after it run.
import { evalWindows } from '../eval-windows.ts';
import { parseHook } from '../hooks.ts';
import type { GPT, Session } from '../model.ts';
import { logSoftmax } from '../sampler.ts';

/** How many blocks run before the residual at `hook`: L for blocks.L.hook_resid_pre, L+1 for hook_resid_post. */
export function hookDepth(model: GPT, hook: string): number {
  const p = parseHook(hook, model.cfg.nLayer);
  return p.kind === 'hook_resid_pre' ? p.layer : p.layer + 1;
}

/**
 * Runs `tokens` (at most the context, from position 0, in `session`'s cache) up to `hook` and returns a copy of the
 * residual rows [tokens × dModel]. Only the blocks before the hook run.
 */
export function windowResiduals(model: GPT, session: Session, tokens: ArrayLike<number>, hook: string): Float32Array {
  const n = tokens.length;
  const depth = hookDepth(model, hook);
  model.embed(tokens, 0);
  model.runBlocks(session.kv, n, 0, 0, depth, {});
  return Float32Array.from(model.arena.f32(model.x).subarray(0, n * model.cfg.dModel));
}

/**
 * Residual rows at `hook` for every position of a token sequence of any length: windows of the context T with
 * stride T/2 (the evaluation protocol's windows); the first window gives positions 0..T−1, each later window its
 * second half, so every position past the first half-window sees at least T/2 characters of history.
 */
export function sequenceResiduals(model: GPT, ids: readonly number[], hook: string): Float32Array {
  const T = model.cfg.ctx;
  const C = model.cfg.dModel;
  const N = ids.length;
  const out = new Float32Array(N * C);
  const session = model.newSession();
  if (N <= T) {
    if (N > 0) out.set(windowResiduals(model, session, ids, hook));
    return out;
  }
  const half = Math.floor(T / 2);
  let done = 0; // positions filled so far
  for (let s = 0; done < N; s += half) {
    const start = Math.min(s, N - T);
    const r = windowResiduals(model, session, ids.slice(start, start + T), hook);
    const from = done - start; // first row of this window not yet filled
    out.set(r.subarray(from * C), done * C);
    done = start + T;
  }
  return out;
}

/**
 * Held-out loss (nats/char) by the pinned protocol of engine/evaluate.ts, with every position's residual at `hook`
 * replaced by `rewrite(rows, n)` (in place on a copy). With an identity rewrite it equals evaluateText exactly.
 */
export function splicedLoss(
  model: GPT,
  ids: readonly number[],
  hook: string,
  rewrite: (resid: Float32Array, rows: number) => Float32Array,
): { val_loss: number; scored: number } {
  const T = model.cfg.ctx;
  const V = model.cfg.vocabSize;
  const C = model.cfg.dModel;
  const depth = hookDepth(model, hook);
  const session = model.newSession();
  let nll = 0;
  let scored = 0;
  for (const w of evalWindows(ids, T)) {
    model.embed(w.inputs, 0);
    model.runBlocks(session.kv, T, 0, 0, depth, {});
    const x = model.arena.f32(model.x);
    const replaced = rewrite(Float32Array.from(x.subarray(0, T * C)), T);
    model.arena.f32(model.x).set(replaced.subarray(0, T * C));
    model.runBlocks(session.kv, T, 0, depth, model.cfg.nLayer, {});
    const logits = model.head(0, T);
    for (let i = 0; i < T; i++) {
      const t = w.targets[i] ?? -1;
      if (t < 0) continue;
      const lp = logSoftmax(logits.subarray(i * V, (i + 1) * V));
      nll -= lp[t] ?? 0;
      scored++;
    }
  }
  return { val_loss: nll / scored, scored };
}
