// Min-p: drop tokens less likely than minP × the most likely one (0 = off).
import type { SamplingFilter } from './filter.ts';

export const minP: SamplingFilter = {
  name: 'min-p',
  apply(s, p) {
    const minP = p.minP ?? 0;
    if (!(minP > 0)) return;
    const { keep, probs, size } = s;
    const top = probs[s.order[0] ?? 0] ?? 0;
    for (let i = 0; i < size; i++) if ((probs[i] ?? 0) < minP * top) keep[i] = 0;
    s.renorm();
  },
};
