// log-softmax in float64, the one primitive behind every reported log-probability and the sampled distribution.

let calls = 0;

/** How many log-softmaxes have been computed in this thread (a counter for tests and profiling). */
export function logSoftmaxCalls(): number {
  return calls;
}

/** Writes log-softmax(logits) into `out` (which may be `logits` itself when it is a Float64Array) and returns it. */
export function logSoftmaxInto<T extends Float64Array>(out: T, logits: ArrayLike<number>): T {
  calls++;
  const n = logits.length;
  let mx = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) mx = Math.max(mx, logits[i] ?? Number.NEGATIVE_INFINITY);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp((logits[i] ?? 0) - mx);
  const lse = mx + Math.log(sum);
  for (let i = 0; i < n; i++) out[i] = (logits[i] ?? 0) - lse;
  return out;
}

export function logSoftmax(logits: ArrayLike<number>): Float64Array {
  return logSoftmaxInto(new Float64Array(logits.length), logits);
}
