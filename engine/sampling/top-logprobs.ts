// The n most likely tokens of a log-distribution, most likely first (equal values: lower id first).

export interface TokenLogprob {
  readonly token: number;
  readonly logprob: number;
}

export function topOf(lp: ArrayLike<number>, n: number): TokenLogprob[] {
  const k = Math.min(Math.max(Math.floor(n), 0), lp.length);
  if (k === 0) return [];
  const ids: number[] = [];
  for (let i = 0; i < lp.length; i++) {
    const v = lp[i] ?? 0;
    if (ids.length === k && !(v > (lp[ids[k - 1] ?? 0] ?? 0))) continue;
    // insertion keeps the list sorted; a value only passes strictly smaller ones, so ties stay in id order
    let j = ids.length === k ? k - 1 : ids.length;
    while (j > 0 && v > (lp[ids[j - 1] ?? 0] ?? 0)) {
      ids[j] = ids[j - 1] ?? 0;
      j--;
    }
    ids[j] = i;
  }
  return ids.map((token) => ({ token, logprob: lp[token] ?? 0 }));
}
