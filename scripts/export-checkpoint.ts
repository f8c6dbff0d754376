// Writes a model file from a training checkpoint (its best weights by default):
//   npx tsx scripts/export-checkpoint.ts --from runs/austen-mini/best.safetensors --to /tmp/model.safetensors
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ModelConfig } from '../engine/config.ts';
import { readSafetensors } from '../engine/safetensors.ts';
import { weightsToSafetensors } from '../engine/weights.ts';

const { values: a } = parseArgs({
  options: { from: { type: 'string' }, to: { type: 'string' }, current: { type: 'boolean', default: false } },
});
if (!a.from || !a.to) throw new Error('usage: --from <checkpoint> --to <model.safetensors> [--current]');
const f = readSafetensors(readFileSync(a.from));
const cfg = JSON.parse(f.metadata.config ?? '') as ModelConfig;
const t = f.tensors.get(a.current ? 'params' : 'best');
if (!t) throw new Error('checkpoint has no weights');
writeFileSync(
  a.to,
  weightsToSafetensors(cfg, t.data, { steps: f.metadata.step ?? '', note: 'exported from a training checkpoint' }),
);
console.log(`wrote ${a.to} (step ${f.metadata.step}, best val ${f.metadata.best_val_loss})`);
