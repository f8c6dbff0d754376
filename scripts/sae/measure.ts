// `npm run sae:measure`: re-measures the committed SAE's test slice (the first 5,000 held-out characters) with its
// clean and spliced losses, and records them in metrics.json and the weights file's metadata (weights unchanged), so
// engine/sae/committed-sae.test.ts can reproduce Δloss as well. (New trainings record them themselves.)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, REPO_ROOT } from '../../engine/node/load-model.ts';
import { loadSae, saeToSafetensors } from '../../engine/sae/io.ts';
import { measureSae } from '../../engine/sae/measure.ts';
import { readHeldout, TEST_SLICE_CHARS } from '../../engine/train/heldout.ts';

const dir = join(REPO_ROOT, 'models', 'austen-mini', 'sae');
const weights = join(dir, 'sae.safetensors');
const { sae, meta } = loadSae(readFileSync(weights));
const slice = measureSae(loadModel(), sae, readHeldout(REPO_ROOT).slice(0, TEST_SLICE_CHARS), true);
const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as Record<string, unknown>;
writeFileSync(join(dir, 'metrics.json'), `${JSON.stringify({ ...metrics, test_slice_5k: slice }, null, 2)}\n`);
writeFileSync(weights, saeToSafetensors(sae, { ...meta, test_slice_5k: slice }));
console.log(JSON.stringify(slice, null, 2));
