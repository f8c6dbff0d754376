// `npm run train -- [options]`: trains the character model on the Austen corpus, resumably, and exports the best
// weights (by validation loss on a held-out part of Persuasion) to models/<name>/model.safetensors.
// Run it in the background for long runs:  nohup npm run train > runs/train.log 2>&1 &
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ModelConfig, paramCount } from '../config.ts';
import { Rng } from '../rng.ts';
import { VOCAB_SIZE } from '../tokenizer.ts';
import { weightsToSafetensors } from '../weights.ts';
import { corpusSha256, ensureCorpus, HELDOUT_SLUG } from './corpus.ts';
import { buildLexicon, jsonStream } from './synthetic-json.ts';
import { type TrainOptions, train } from './trainer.ts';

const root = join(import.meta.dirname, '..', '..');
const { values: a } = parseArgs({
  options: {
    name: { type: 'string', default: 'austen-mini' },
    steps: { type: 'string', default: '3600' },
    batch: { type: 'string', default: '12' },
    workers: { type: 'string', default: '2' },
    ctx: { type: 'string', default: '256' },
    layers: { type: 'string', default: '6' },
    heads: { type: 'string', default: '4' },
    'd-model': { type: 'string', default: '128' },
    lr: { type: 'string', default: '2e-3' },
    'min-lr': { type: 'string', default: '2e-4' },
    warmup: { type: 'string', default: '200' },
    'weight-decay': { type: 'string', default: '0.1' },
    'json-fraction': { type: 'string', default: '0.07' },
    'eval-every': { type: 'string', default: '250' },
    'checkpoint-minutes': { type: 'string', default: '4' },
    seed: { type: 'string', default: '1337' },
    'no-export': { type: 'boolean', default: false },
  },
});
const num = (k: keyof typeof a) => {
  const v = Number(a[k]);
  if (!Number.isFinite(v)) throw new Error(`--${k} must be a number`);
  return v;
};
const cfg: ModelConfig = {
  vocabSize: VOCAB_SIZE,
  ctx: num('ctx'),
  nLayer: num('layers'),
  nHead: num('heads'),
  dModel: num('d-model'),
};
const opts: TrainOptions = {
  cfg,
  seed: num('seed'),
  steps: num('steps'),
  batch: num('batch'),
  workers: num('workers'),
  lr: num('lr'),
  minLr: num('min-lr'),
  warmup: num('warmup'),
  weightDecay: num('weight-decay'),
  gradClip: 1,
  jsonFraction: num('json-fraction'),
  evalEvery: num('eval-every'),
  checkpointSeconds: num('checkpoint-minutes') * 60,
  checkpointPath: join(root, 'runs', String(a.name), 'checkpoint.safetensors'),
  bestPath: join(root, 'runs', String(a.name), 'best.safetensors'),
};
mkdirSync(join(root, 'runs', String(a.name)), { recursive: true });

const books = ensureCorpus(root, console.error);
const trainBooks = books.filter((b) => b.slug !== HELDOUT_SLUG);
const persuasion = books.find((b) => b.slug === HELDOUT_SLUG);
if (!persuasion) throw new Error('Persuasion missing from the corpus');
const prose = trainBooks.map((b) => b.text).join('\n');
const json = jsonStream(
  new Rng(opts.seed + 1),
  buildLexicon(trainBooks.map((b) => b.text)),
  Math.round(prose.length * 0.1),
);
// model selection uses Persuasion[100k, 150k), disjoint from the pinned evaluation text (its first 50k)
const validation = persuasion.text.slice(100_000, 150_000);
console.error(
  `model ${JSON.stringify(cfg)}: ${paramCount(cfg)} parameters; train ${prose.length} prose + ${json.length} JSON chars; ` +
    `${opts.steps} steps × ${opts.batch * Math.max(1, opts.workers)} × ${cfg.ctx} tokens`,
);
const result = await train(opts, { prose, json, validation }, (l) => console.error(l));
console.error(
  `done: ${result.step} steps, ${result.tokensSeen} tokens, ${(result.elapsedSeconds / 60).toFixed(1)} min, best val ${result.bestValLoss.toFixed(4)}`,
);

if (!a['no-export']) {
  const dir = join(root, 'models', String(a.name));
  mkdirSync(dir, { recursive: true });
  const report = {
    name: a.name,
    parameters: paramCount(cfg),
    config: cfg,
    options: { ...opts, checkpointPath: undefined, bestPath: undefined },
    corpus_sha256: corpusSha256(books),
    train_books: trainBooks.map((b) => ({ slug: b.slug, chars: b.text.length })),
    json_chars: json.length,
    steps: result.step,
    tokens_seen: result.tokensSeen,
    train_seconds: Math.round(result.elapsedSeconds),
    selection_val_loss: result.bestValLoss,
    command: process.argv.length > 2 ? `npm run train -- ${process.argv.slice(2).join(' ')}` : 'npm run train',
    history: result.history,
  };
  writeFileSync(
    join(dir, 'model.safetensors'),
    weightsToSafetensors(cfg, result.bestParams, {
      name: String(a.name),
      corpus: 'Jane Austen, five novels (Persuasion held out), r-cran-janeaustenr (MIT) + synthetic JSON lines',
      train_corpus_sha256: report.corpus_sha256,
      steps: String(result.step),
      tokens_seen: String(result.tokensSeen),
    }),
  );
  writeFileSync(join(dir, 'training.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.error(`exported ${join(dir, 'model.safetensors')}`);
}
