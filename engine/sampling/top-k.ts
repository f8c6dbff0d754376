// Top-k: keep the k most likely tokens (0 = off).
import type { SamplingFilter } from './filter.ts';

export const topK: SamplingFilter = {
  name: 'top-k',
  apply(s, p) {
    const k = p.topK ?? 0;
    if (k > 0) for (let j = Math.trunc(k); j < s.size; j++) s.keep[s.order[j] ?? 0] = 0;
    // renormalised even when off: top-p works on what top-k left, and the numbers stay those of the fixed sequence
    s.renorm();
  },
};
