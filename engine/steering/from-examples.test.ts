// CAA from a user's pairs: the positions read (those predicting the answer), the difference of means, the
// leave-one-pair-out AUC, and the neutral-text norm.
import { describe, expect, it } from 'vitest';
import { GPT } from '../model.ts';
import { randomWeights, TINY } from '../testing/random-model.ts';
import { encode } from '../tokenizer.ts';
import { answerMeans, answerSpan, auc, caaFromMeans, meanResidualNorms } from './from-examples.ts';

const model = new GPT(randomWeights());
const session = model.newSession();
const HOOK = 'blocks.1.hook_resid_pre';

describe('the positions a pair is read at', () => {
  it('are those predicting the answer: from the prompt’s last character to the answer’s second-to-last', () => {
    expect(answerSpan('ab', 'xyz')).toEqual({ ids: encode('abxyz'), from: 1, to: 4 });
    // an empty prompt reads from a newline, as generation starts from one
    expect(answerSpan('', 'q')).toEqual({ ids: [...encode('\n'), ...encode('q')], from: 0, to: 1 });
  });

  it('average the residual over exactly those positions', () => {
    const C = TINY.dModel;
    const rows: Float32Array[] = [];
    session.reset();
    session.hooks = { captureAt: [HOOK], capture: (_h, r, n) => rows.push(r.slice(0, n * C)) };
    session.feed(encode('abxyz'));
    session.hooks = {};
    const r = rows[0] as Float32Array;
    const want = Array.from({ length: C }, (_, i) => ((r[C + i] ?? 0) + (r[2 * C + i] ?? 0) + (r[3 * C + i] ?? 0)) / 3);
    const got = answerMeans(model, session, 'ab', 'xyz', [HOOK]).get(HOOK) as Float64Array;
    for (let i = 0; i < C; i++) expect(got[i]).toBeCloseTo(want[i] ?? 0, 5);
  });
});

describe('caaFromMeans', () => {
  const v = (...xs: number[]) => Float64Array.from(xs);

  it('is the unit difference of the means, with its raw norm', () => {
    const l = caaFromMeans(HOOK, [v(3, 0), v(5, 0)], [v(0, 0), v(0, 2)]);
    // mean(pos) − mean(neg) = (4, −1)
    expect(l.rawNorm).toBeCloseTo(Math.hypot(4, 1), 12);
    expect(l.direction[0]).toBeCloseTo(4 / Math.hypot(4, 1), 12);
    expect(l.direction[1]).toBeCloseTo(-1 / Math.hypot(4, 1), 12);
  });

  it('reports a leave-one-out AUC: 1 for a clean direction, null for one pair', () => {
    const pos = [v(2, 0.1), v(3, -0.2), v(2.5, 0)];
    const neg = [v(-2, 0), v(-3, 0.3), v(-1, 0)];
    expect(caaFromMeans(HOOK, pos, neg).auc).toBe(1);
    expect(caaFromMeans(HOOK, [v(1, 0)], [v(0, 0)]).auc).toBeNull();
    // labels that do not go with the direction: held out, each pair projects the wrong way
    const mixed = caaFromMeans(HOOK, [v(1, 0), v(-1, 0.2)], [v(0, 1), v(0, -1)]);
    expect(mixed.auc).toBe(0);
  });

  it('refuses sets with the same mean', () => {
    expect(() => caaFromMeans(HOOK, [v(1, 1)], [v(1, 1)])).toThrow(/same mean activation/);
  });

  it('auc counts ties as half', () => {
    expect(auc([1, 2], [0, 2])).toBe(0.625);
  });
});

describe('meanResidualNorms', () => {
  it('is the mean norm over every position of the text, window by window', () => {
    const text = 'It is a truth universally acknowledged, that a single man'.repeat(2);
    const C = TINY.dModel;
    let sum = 0;
    let n = 0;
    const ids = encode(text);
    for (let at = 0; at < ids.length; at += TINY.ctx) {
      session.reset();
      session.hooks = {
        captureAt: [HOOK],
        capture: (_h, r, rows) => {
          for (let k = 0; k < rows; k++) {
            sum += Math.hypot(...r.subarray(k * C, (k + 1) * C));
            n++;
          }
        },
      };
      session.feed(ids.slice(at, at + TINY.ctx));
    }
    session.hooks = {};
    expect(meanResidualNorms(model, session, text, [HOOK]).get(HOOK)).toBeCloseTo(sum / n, 4);
  });
});
