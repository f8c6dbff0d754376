// Locally typical sampling: keep the tokens whose surprise is closest to the entropy, up to mass p (1 = off).
import type { SamplingFilter } from './filter.ts';

export const typicalP: SamplingFilter = {
  name: 'typical-p',
  apply(s, p) {
    const typ = p.typicalP ?? 1;
    if (!(typ < 1)) return;
    const { keep, probs, size } = s;
    let entropy = 0;
    for (let i = 0; i < size; i++) if ((probs[i] ?? 0) > 0) entropy -= (probs[i] ?? 0) * Math.log(probs[i] ?? 1);
    const cand = s.order.filter((i) => keep[i] && (probs[i] ?? 0) > 0);
    cand.sort((a, b) => Math.abs(-Math.log(probs[a] ?? 1) - entropy) - Math.abs(-Math.log(probs[b] ?? 1) - entropy));
    let cum = 0;
    keep.fill(0);
    for (const i of cand) {
      keep[i] = 1;
      cum += probs[i] ?? 0;
      if (cum >= typ) break;
    }
    s.renorm();
  },
};
