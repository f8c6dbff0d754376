// fitBehavior on made-up SAE codes: a latent that marks the positive answers is found (top latent, separation ≈ 1),
// the score is a probability, positive answers drift and negative ones do not at the fitted threshold, and the
// threshold rule for negatives too short to drift.
import { describe, expect, it } from 'vitest';
import { behaviorScorer, behaviorScores } from '../../engine/sae/behavior.ts';
import { driftStart } from '../../engine/sae/drift.ts';
import { DRIFT_RUN } from '../../protocol/sae.ts';
import type { AnswerCodes, BehaviorCodes } from '../worker/behavior-codes.ts';
import { fitBehavior } from './fit.ts';

const K = 3;
const N = 16;
const MARK = 5;

/** An answer of `rows` characters: each row has two noise latents, and the marker latent on positive answers. */
function answer(pair: number, positive: boolean, rows: number): AnswerCodes {
  const indices = new Int32Array(rows * K);
  const values = new Float32Array(rows * K);
  for (let r = 0; r < rows; r++) {
    const noise = [(pair * 7 + r) % N, (pair * 3 + r * 5 + 1) % N].map((j) => (j === MARK ? MARK + 1 : j));
    const latents = positive ? [MARK, ...noise] : [...noise, (r + pair) % N === MARK ? 0 : (r + pair) % N];
    latents.forEach((j, s) => {
      indices[r * K + s] = j;
      values[r * K + s] = positive && s === 0 ? 2 + ((r * 13 + pair) % 5) / 5 : 0.5 + ((r + s + pair) % 3) / 3;
    });
  }
  return { pair, positive, rows, indices, values };
}

const codes = (pairs: number, negRows: number): BehaviorCodes => ({
  hook: 'blocks.3.hook_resid_pre',
  n: N,
  k: K,
  answers: Array.from({ length: pairs }, (_, p) => [answer(p, true, 12 + (p % 4)), answer(p, false, negRows)]).flat(),
});

describe('fitBehavior', () => {
  const data = codes(8, 14);
  const fit = fitBehavior('marked', data);
  const scorer = behaviorScorer(fit.scorer);

  it('finds the marker latent and reports a cross-validated separation', () => {
    expect(fit.scorer).toMatchObject({ name: 'marked', hook: 'blocks.3.hook_resid_pre', run: DRIFT_RUN });
    expect(fit.evidence.top_latents[0]?.latent).toBe(MARK);
    expect(fit.evidence.separation_auc).toBeGreaterThan(0.95);
    expect(fit.evidence).toMatchObject({ positive_answers: 8, negative_answers: 8, negative_rows: 8 * 14, folds: 5 });
    expect(fit.evidence.threshold_rule).toMatch(/5 %/);
  });

  it('drifts on every positive answer and on no negative one', () => {
    expect(fit.scorer.threshold).toBeGreaterThanOrEqual(0);
    expect(fit.scorer.threshold).toBeLessThan(1);
    for (const a of data.answers) {
      const scores = behaviorScores(scorer, { ...a, k: K });
      for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
      expect(driftStart(scores, fit.scorer.threshold, DRIFT_RUN) >= 0, `pair ${a.pair} ${a.positive}`).toBe(a.positive);
    }
  });

  it('takes the highest negative score as the threshold when no negative answer is DRIFT_RUN characters long', () => {
    const short = fitBehavior('short', codes(4, DRIFT_RUN - 1));
    expect(short.evidence.folds).toBe(4);
    expect(short.scorer.threshold).toBeGreaterThan(0);
    expect(short.scorer.threshold).toBeLessThan(1);
  });
});
