// `npm run eval`: held-out loss of the committed model on the first 50,000 characters of Persuasion
// (windows of the context, stride half the context, second half of each window scored). Prints JSON.
//
// `npm run eval -- --steering`: the measurements of the built-in steering vectors (scripts/steering/measure.ts),
// printed as JSON; `--write` records them in models/austen-mini/steering (vector JSON, cards; a vector that misses
// a target is dropped); `--only a,b` measures some; `--prompts n --seeds k` a smaller run to estimate the cost;
// `--fine` adds strengths ±0.25 and ±0.5; `--workers n` (default: the cores, at most 4).
import { parseArgs } from 'node:util';
import { evaluateText } from '../engine/evaluate.ts';
import { loadModel, modelPath, REPO_ROOT } from '../engine/node/load-model.ts';
import type { BuiltinName } from '../engine/steering/builtin/catalog.ts';
import { readHeldout } from '../engine/train/heldout.ts';
import { measureSteering } from './steering/measure.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    steering: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    only: { type: 'string' },
    prompts: { type: 'string' },
    seeds: { type: 'string' },
    fine: { type: 'boolean', default: false },
    workers: { type: 'string' },
  },
});

if (values.steering) {
  const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
  const r = await measureSteering({
    only: values.only?.split(',') as BuiltinName[] | undefined,
    write: values.write,
    prompts: num(values.prompts),
    seeds: num(values.seeds),
    fine: values.fine,
    workers: num(values.workers),
    log: (s) => console.error(s),
  });
  console.log(JSON.stringify(r));
} else {
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
}
