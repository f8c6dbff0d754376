// `npm run generate -- --prompt "It is a truth" --seed 1`: streams a completion from the local model to stdout.
import { parseArgs } from 'node:util';
import { generate } from '../engine/generate.ts';
import { loadModel, modelPath } from '../engine/node/load-model.ts';

const { values: a } = parseArgs({
  options: {
    prompt: { type: 'string', default: '' },
    seed: { type: 'string' },
    'max-tokens': { type: 'string', default: '400' },
    temperature: { type: 'string', default: '0.8' },
    'top-k': { type: 'string', default: '0' },
    'top-p': { type: 'string', default: '0.95' },
    stop: { type: 'string', multiple: true },
    model: { type: 'string' },
  },
});
const model = loadModel(a.model ?? modelPath());
const ac = new AbortController();
process.on('SIGINT', () => ac.abort());
process.stdout.write(a.prompt ?? '');
const it = generate(model, model.newSession(), {
  prompt: a.prompt ?? '',
  maxTokens: Number(a['max-tokens']),
  seed: a.seed === undefined ? undefined : Number(a.seed),
  sampling: { temperature: Number(a.temperature), topK: Number(a['top-k']), topP: Number(a['top-p']) },
  stop: a.stop,
  signal: ac.signal,
});
for (;;) {
  const r = await it.next();
  if (r.done) {
    process.stdout.write('\n');
    console.error(`[${r.value.completionTokens} chars, finish: ${r.value.finishReason}]`);
    break;
  }
  process.stdout.write(r.value.text);
}
