// Top-p (nucleus): keep the smallest most-likely set of tokens whose probability reaches p (1 = off).
import type { SamplingFilter } from './filter.ts';

export const topP: SamplingFilter = {
  name: 'top-p',
  apply(s, p) {
    const topP = p.topP ?? 1;
    if (topP < 1) {
      const { keep, probs } = s;
      let cum = 0;
      let done = false;
      for (const i of s.order) {
        if (!keep[i]) continue;
        if (done) keep[i] = 0;
        cum += probs[i] ?? 0;
        if (cum >= topP) done = true;
      }
    }
    s.renorm(); // also when off, like top-k: the numbers stay those of the fixed sequence
  },
};
