// Temperature: the distribution softmax(logits / T). The first filter: it creates the probabilities the others cut.
import { logSoftmaxInto } from '../log-softmax.ts';
import type { SamplingFilter } from './filter.ts';

export const temperature: SamplingFilter = {
  name: 'temperature',
  apply(s, p) {
    const t = p.temperature ?? 1;
    const { probs, keep, logits, size } = s;
    for (let i = 0; i < size; i++) probs[i] = (logits[i] ?? 0) / t;
    logSoftmaxInto(probs, probs);
    for (let i = 0; i < size; i++) probs[i] = Math.exp(probs[i] ?? 0);
    s.sortByProbability();
    for (let i = 0; i < size; i++) keep[i] = (probs[i] ?? 0) > 0 ? 1 : 0;
  },
};
