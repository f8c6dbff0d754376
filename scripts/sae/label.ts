// `npm run sae:label`: the committed SAE's automatic feature labels on the committed 50,000 characters of
// Persuasion — each latent's best cheap labeller by AUC ("unlabelled" below engine/sae/labels.ts AUC_THRESHOLD),
// its density and top-activating contexts — written to models/austen-mini/sae/features.json (what GET /sae/features
// serves: the corpus is not on a fresh clone, the held-out text is) and a summary for the card (labels.json).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, REPO_ROOT } from '../../engine/node/load-model.ts';
import { encodeText } from '../../engine/sae/encode-text.ts';
import { loadSae } from '../../engine/sae/io.ts';
import { AUC_THRESHOLD, type FeatureLabel, labelLatents } from '../../engine/sae/labels.ts';
import { normalize } from '../../engine/tokenizer.ts';
import { readHeldout } from '../../engine/train/heldout.ts';

const dir = join(REPO_ROOT, 'models', 'austen-mini', 'sae');
const round = (x: number, d = 4) => Number(x.toFixed(d));

const t0 = performance.now();
const { sae } = loadSae(readFileSync(join(dir, 'sae.safetensors')));
const model = loadModel();
const text = readHeldout(REPO_ROOT);
const acts = encodeText(model, sae, text);
const t1 = performance.now();
// the rows are the characters of the normalised text (the tokenizer's): label that text
const rowsText = normalize(text);
if (rowsText.length !== acts.rows) throw new Error(`${acts.rows} rows for ${rowsText.length} characters`);
const labels = labelLatents(rowsText, acts, sae.n);
const t2 = performance.now();

/** The committed form: compact, one entry a latent. */
const features = labels.map((f: FeatureLabel) =>
  f.dead
    ? { index: f.latent, label: f.label, label_auc: null, density: 0, dead: true, top_contexts: [] }
    : {
        index: f.latent,
        label: f.label,
        label_auc: f.best ? round(f.best.auc) : null,
        precision: f.best ? round(f.best.precision) : null,
        recall: f.best ? round(f.best.recall) : null,
        candidates: f.candidates.map((c) => ({ id: c.id, label: c.label, auc: round(c.auc) })),
        density: round(f.density, 6),
        dead: false,
        top_contexts: f.contexts.map((c) => ({
          text: c.before + c.char + c.after,
          at: c.before.length,
          value: round(c.act, 3),
        })),
      },
);
writeFileSync(
  join(dir, 'features.json'),
  `${JSON.stringify({ hook: sae.hook, text: 'engine/train/heldout/persuasion-50k.txt', threshold: AUC_THRESHOLD, features })}\n`,
);

const live = labels.filter((f) => !f.dead);
const labelled = live.filter((f) => f.labelled);
const byLabel = new Map<string, number>();
for (const f of labelled) byLabel.set(f.label, (byLabel.get(f.label) ?? 0) + 1);
const summary = {
  latents: sae.n,
  dead: labels.length - live.length,
  labelled: labelled.length,
  unlabelled: live.length - labelled.length,
  threshold: AUC_THRESHOLD,
  top_labels: [...byLabel.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20),
  encode_seconds: round((t1 - t0) / 1000, 1),
  label_seconds: round((t2 - t1) / 1000, 1),
};
writeFileSync(join(dir, 'labels.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));
