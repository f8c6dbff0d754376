// Measures the committed model and records the figures its card quotes (and the tests check) in
// models/<name>/metrics.json: held-out loss (50k), loss on the 5k test slice, a greedy golden continuation; then
// renders the model card (models/<name>/README.md) from them. Run after training: npx tsx scripts/model-card.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { paramCount } from '../engine/config.ts';
import { evaluateText } from '../engine/evaluate.ts';
import { generateText } from '../engine/generate.ts';
import { DEFAULT_MODEL, loadModel, modelPath, REPO_ROOT } from '../engine/node/load-model.ts';
import { readHeldout, TEST_SLICE_CHARS } from '../engine/train/heldout.ts';
import { type CardInputs, renderCard } from './model-card-text.ts';

export const GOLDEN_PROMPT = 'It is a truth universally acknowledged';
export const GOLDEN_CHARS = 80;

const { values } = parseArgs({ options: { name: { type: 'string', default: DEFAULT_MODEL } } });
const name = values.name ?? DEFAULT_MODEL;
const model = loadModel(modelPath(name));
const heldout = readHeldout(REPO_ROOT);
const full = evaluateText(model, heldout);
const slice = evaluateText(model, heldout.slice(0, TEST_SLICE_CHARS));
const golden = await generateText(model, model.newSession(), {
  prompt: GOLDEN_PROMPT,
  maxTokens: GOLDEN_CHARS,
  sampling: { method: 'greedy' },
});
const training = JSON.parse(
  readFileSync(join(REPO_ROOT, 'models', name, 'training.json'), 'utf8'),
) as CardInputs['training'];
const sample = await generateText(model, model.newSession(), {
  prompt: 'It is a truth',
  maxTokens: 300,
  seed: 1,
  sampling: { temperature: 0.8, topP: 0.95 },
});
const metrics = {
  parameters: paramCount(model.cfg),
  config: model.cfg,
  heldout_50k: full,
  test_slice_5k: slice,
  golden: { prompt: GOLDEN_PROMPT, greedy_chars: GOLDEN_CHARS, continuation: golden.text },
  training: {
    steps: training.steps,
    tokens_seen: training.tokens_seen,
    train_seconds: training.train_seconds,
    selection_val_loss: training.selection_val_loss,
    command: training.command,
  },
};
writeFileSync(join(REPO_ROOT, 'models', name, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
writeFileSync(
  join(REPO_ROOT, 'models', name, 'README.md'),
  renderCard({
    name,
    parameters: metrics.parameters,
    config: model.cfg,
    heldout: full,
    slice,
    golden: metrics.golden,
    training,
    sample: `It is a truth${sample.text}`,
  }),
);
console.log(JSON.stringify(metrics, null, 2));
