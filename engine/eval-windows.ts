// The pinned validation protocol (shared by training and evaluation): windows of the context length T with a stride of T/2; only the second half
// of each window is scored, so every scored character has at least T/2 characters of history. A last window
// aligned to the end of the text scores what the stride left over. Returns (inputs, targets) rows where
// unscored targets are -1.

export interface EvalWindow {
  readonly inputs: Int32Array;
  readonly targets: Int32Array;
}

export function evalWindows(ids: readonly number[], T: number): EvalWindow[] {
  const N = ids.length;
  if (!Number.isInteger(T) || T < 2) throw new Error(`evaluation windows need a context of at least 2, got ${T}`);
  if (N < T + 1) throw new Error(`evaluation text of ${N} tokens is shorter than one window of ${T + 1}`);
  const half = Math.floor(T / 2);
  const out: EvalWindow[] = [];
  let scoredUpTo = half; // target index (into ids) of the next character to score
  let s = 0;
  const push = (start: number) => {
    const inputs = Int32Array.from({ length: T }, (_, i) => ids[start + i] ?? 0);
    const targets = new Int32Array(T).fill(-1);
    for (let i = 0; i < T; i++) {
      const j = start + i + 1; // the target's index in ids
      if (j >= scoredUpTo && i >= half) targets[i] = ids[j] ?? 0;
    }
    scoredUpTo = start + T + 1;
    out.push({ inputs, targets });
  };
  for (; s + T < N; s += half) push(s);
  if (scoredUpTo < N) push(N - 1 - T);
  return out;
}

/** How many characters the protocol scores for a text of n characters. */
export function scoredCount(n: number, T: number): number {
  return n - 1 - Math.floor(T / 2);
}
