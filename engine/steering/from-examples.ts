// Steering vectors from a user's own contrast pairs (CAA: the difference of means), and the hook's mean residual
// norm that a stored vector is scaled to.
//
// Positions: for prompt + answer, the residual is read at the positions that *predict* the answer's characters —
// the prompt's last character through the answer's second-to-last — as mechanex's local CAA does
// (`resid[prompt_len-1:-1]`). So a pair cannot separate by reading its own answer's last character, and the
// vector is what the model holds just before it writes that kind of answer. An empty prompt reads from a newline
// (the character generation starts from, too).
//
// CAA per hook: d = mean over pairs of (mean over positions of prompt+positive) − (same for prompt+negative);
// the stored direction is d / ‖d‖ and ‖d‖ is reported as the raw norm. The separation measure is a leave-one-pair-
// out projection AUC: each pair's positive and negative means are projected on the direction computed without that
// pair, and the AUC of positives over negatives is taken over every held-out projection (null below two pairs).
import { EngineInputError } from '../errors.ts';
import type { GPT, Session } from '../model.ts';
import { encode, NEWLINE_ID } from '../tokenizer.ts';

export interface ContrastPair {
  readonly prompt: string;
  readonly positive: string;
  readonly negative: string;
}

export interface ContrastLayer {
  readonly hook: string;
  /** Unit direction (dModel numbers). */
  readonly direction: number[];
  /** ‖mean(positive) − mean(negative)‖ before normalising. */
  readonly rawNorm: number;
  /** Leave-one-pair-out projection AUC (null with fewer than two pairs). */
  readonly auc: number | null;
}

/** The token ids of prompt + answer and the range [from, to) of positions that predict the answer's characters. */
export function answerSpan(prompt: string, answer: string): { ids: number[]; from: number; to: number } {
  const p = encode(prompt);
  const head = p.length ? p : [NEWLINE_ID];
  const a = encode(answer);
  return { ids: [...head, ...a], from: head.length - 1, to: head.length - 1 + a.length };
}

/** The mean residual over the answer-predicting positions of prompt + answer, at each hook (Float64 sums). */
export function answerMeans(
  model: GPT,
  session: Session,
  prompt: string,
  answer: string,
  hooks: readonly string[],
): Map<string, Float64Array> {
  const C = model.cfg.dModel;
  const { ids, from, to } = answerSpan(prompt, answer);
  if (to <= from) throw new Error('an answer needs at least one character');
  if (ids.length > model.cfg.ctx) throw new Error(`prompt + answer has ${ids.length} characters > ${model.cfg.ctx}`);
  const out = new Map<string, Float64Array>(hooks.map((h) => [h, new Float64Array(C)]));
  session.reset();
  session.hooks = {
    captureAt: hooks,
    capture: (hook, resid, rows, start) => {
      const acc = out.get(hook);
      if (!acc) return;
      for (let r = 0; r < rows; r++) {
        const pos = start + r;
        if (pos < from || pos >= to) continue;
        for (let i = 0; i < C; i++) acc[i] = (acc[i] ?? 0) + (resid[r * C + i] ?? 0);
      }
    },
  };
  try {
    session.feed(ids);
  } finally {
    session.hooks = {};
  }
  const n = to - from;
  for (const acc of out.values()) for (let i = 0; i < C; i++) acc[i] = (acc[i] ?? 0) / n;
  return out;
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
};

/** AUC of `pos` over `neg` (ties count half). */
export function auc(pos: readonly number[], neg: readonly number[]): number {
  let wins = 0;
  for (const p of pos) for (const q of neg) wins += p > q ? 1 : p === q ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

/**
 * CAA from per-pair means at one hook: `pos[i]`, `neg[i]` are pair i's mean residuals. Throws when the two sets
 * have the same mean (no direction).
 */
export function caaFromMeans(hook: string, pos: readonly Float64Array[], neg: readonly Float64Array[]): ContrastLayer {
  const n = pos.length;
  const C = pos[0]?.length ?? 0;
  const sp = new Float64Array(C);
  const sn = new Float64Array(C);
  for (let k = 0; k < n; k++) {
    const p = pos[k] as Float64Array;
    const q = neg[k] as Float64Array;
    for (let i = 0; i < C; i++) {
      sp[i] = (sp[i] ?? 0) + (p[i] ?? 0);
      sn[i] = (sn[i] ?? 0) + (q[i] ?? 0);
    }
  }
  const d = Float64Array.from(sp, (v, i) => (v - (sn[i] ?? 0)) / n);
  const rawNorm = Math.sqrt(dot(d, d));
  if (!(rawNorm > 0))
    throw new EngineInputError(
      'negative_answers',
      `the positive and negative answers give the same mean activation at ${hook} (the model reads the same text before each: make the answers differ from their first character)`,
    );
  let score: number | null = null;
  if (n >= 2) {
    const ps: number[] = [];
    const ns: number[] = [];
    const dk = new Float64Array(C);
    for (let k = 0; k < n; k++) {
      const p = pos[k] as Float64Array;
      const q = neg[k] as Float64Array;
      for (let i = 0; i < C; i++) dk[i] = ((sp[i] ?? 0) - (p[i] ?? 0) - ((sn[i] ?? 0) - (q[i] ?? 0))) / (n - 1);
      ps.push(dot(p, dk));
      ns.push(dot(q, dk));
    }
    score = auc(ps, ns);
  }
  return { hook, direction: Array.from(d, (v) => v / rawNorm), rawNorm, auc: score };
}

/**
 * The mean Euclidean norm of the residual at each hook over a text, fed in windows of the context length
 * (each window from an empty cache; every position counts).
 */
export function meanResidualNorms(
  model: GPT,
  session: Session,
  text: string,
  hooks: readonly string[],
): Map<string, number> {
  const C = model.cfg.dModel;
  const T = model.cfg.ctx;
  const ids = encode(text);
  const sums = new Map<string, { sum: number; n: number }>(hooks.map((h) => [h, { sum: 0, n: 0 }]));
  session.hooks = {
    captureAt: hooks,
    capture: (hook, resid, rows) => {
      const s = sums.get(hook);
      if (!s) return;
      for (let r = 0; r < rows; r++) {
        let sq = 0;
        for (let i = 0; i < C; i++) sq += (resid[r * C + i] ?? 0) ** 2;
        s.sum += Math.sqrt(sq);
        s.n++;
      }
    },
  };
  try {
    for (let at = 0; at < ids.length; at += T) {
      session.reset();
      session.feed(ids.slice(at, at + T));
    }
  } finally {
    session.hooks = {};
    session.reset();
  }
  return new Map([...sums].map(([h, s]) => [h, s.n ? s.sum / s.n : 0]));
}
