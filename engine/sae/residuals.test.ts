// The residual reader and the splice agree with the model's own forward pass: capture-hook rows for a short text,
// evaluateText's loss for an identity splice, and encodeText's shape.
import { describe, expect, it } from 'vitest';
import { evaluateText } from '../evaluate.ts';
import { loadModel, REPO_ROOT } from '../node/load-model.ts';
import { encode as encodeTokens } from '../tokenizer.ts';
import { readHeldout } from '../train/heldout.ts';
import { encodeText } from './encode-text.ts';
import { sequenceResiduals, splicedLoss, windowResiduals } from './residuals.ts';
import { createSae } from './sae.ts';

const model = loadModel();
const hook = 'blocks.3.hook_resid_pre';

describe('residuals at a hook', () => {
  it('equal what the capture hook sees', () => {
    const ids = encodeTokens('"Oh! Anne," said Mary, "what a day it has been."');
    const s = model.newSession();
    let captured: Float32Array | undefined;
    s.hooks = { capture: (_h, r) => (captured = r), captureAt: [hook] };
    s.feed(ids, true);
    expect(sequenceResiduals(model, ids, hook)).toEqual(captured);
  });

  it('over long texts, come from windows with at least half a context of history', () => {
    const ids = encodeTokens(readHeldout(REPO_ROOT).slice(0, 700));
    const all = sequenceResiduals(model, ids, hook);
    const C = model.cfg.dModel;
    const s = model.newSession();
    // position 600 comes from the window starting at 384 (its second half)
    const w = windowResiduals(model, s, ids.slice(384, 640), hook);
    expect(all.subarray(600 * C, 601 * C)).toEqual(w.subarray((600 - 384) * C, (601 - 384) * C));
    const last = windowResiduals(model, s, ids.slice(700 - 256), hook);
    expect(all.subarray(699 * C)).toEqual(last.subarray(255 * C));
  });

  it('an identity splice reproduces evaluateText exactly', () => {
    const text = readHeldout(REPO_ROOT).slice(0, 1200);
    const want = evaluateText(model, text).val_loss;
    expect(splicedLoss(model, encodeTokens(text), hook, (r) => r).val_loss).toBe(want);
  });

  it('encodeText gives k (index, value) slots per character', () => {
    const sae = createSae(hook, model.cfg.dModel, 64, 8);
    sae.bEnc.fill(1);
    const codes = encodeText(model, sae, 'Hello, world');
    expect(codes.rows).toBe(12);
    expect(codes.indices.length).toBe(12 * 8);
    expect(codes.values.length).toBe(12 * 8);
  });
});
