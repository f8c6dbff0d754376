// `npm run eval`: held-out loss of the committed model on the first 50,000 characters of Persuasion
// (windows of the context, stride half the context, second half of each window scored). Prints JSON.
import { parseArgs } from 'node:util';
import { evaluateText } from '../engine/evaluate.ts';
import { loadModel, modelPath, REPO_ROOT } from '../engine/node/load-model.ts';
import { readHeldout } from '../engine/train/heldout.ts';

const { values } = parseArgs({ options: { model: { type: 'string' } } });
const path = values.model ?? modelPath();
const t0 = performance.now();
const model = loadModel(path);
const r = evaluateText(model, readHeldout(REPO_ROOT));
console.log(
  JSON.stringify({
    ...r,
    model: path.replace(`${REPO_ROOT}/`, ''),
    seconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
  }),
);
