// Checks of the committed weights (models/austen-mini): they load, match the independent reference forward,
// score the committed held-out slice as the model card records, and reproduce the recorded greedy text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateText } from './evaluate.ts';
import { generateText } from './generate.ts';
import { GPT } from './model.ts';
import { DEFAULT_MODEL, REPO_ROOT } from './node/load-model.ts';
import { referenceLogits } from './testing/reference-gpt.ts';
import { encode } from './tokenizer.ts';
import { readHeldout, TEST_SLICE_CHARS } from './train/heldout.ts';
import { loadWeights } from './weights.ts';

const dir = join(REPO_ROOT, 'models', DEFAULT_MODEL);
const weights = loadWeights(readFileSync(join(dir, 'model.safetensors')));
const model = new GPT(weights);
const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as {
  test_slice_5k: { val_loss: number };
  heldout_50k: { val_loss: number };
  golden: { prompt: string; greedy_chars: number; continuation: string };
};

describe(`committed model ${DEFAULT_MODEL}`, () => {
  it('matches the naive float64 reference forward on its own weights (max abs diff ≤ 1e-4)', () => {
    const toks = encode('It is a truth universally acknowledged, that a single man in possession');
    const got = model.newSession().feed(toks, true);
    const ref = referenceLogits(weights.cfg, weights.params, toks).flat();
    let worst = 0;
    for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs((got[i] ?? 0) - (ref[i] ?? 0)));
    expect(worst).toBeLessThanOrEqual(1e-4);
  });

  it('scores the committed 5,000-character slice of Persuasion as the model card records (± 0.005)', () => {
    const r = evaluateText(model, readHeldout(REPO_ROOT).slice(0, TEST_SLICE_CHARS));
    expect(Math.abs(r.val_loss - metrics.test_slice_5k.val_loss)).toBeLessThanOrEqual(0.005);
    const card = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(card).toContain(metrics.test_slice_5k.val_loss.toFixed(4));
    expect(card).toContain(metrics.heldout_50k.val_loss.toFixed(4));
  });

  it('reproduces the recorded greedy continuation', async () => {
    const g = metrics.golden;
    const r = await generateText(model, model.newSession(), {
      prompt: g.prompt,
      maxTokens: g.greedy_chars,
      sampling: { method: 'greedy' },
    });
    expect(r.text).toBe(g.continuation);
  });
});
