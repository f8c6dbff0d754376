// Tests' SAE folders: the committed SAE with a crafted behavior ("steady": latent 356, active at nearly every
// character, with a threshold below its floor, so it drifts after `run` tokens in every attempt) beside the built-ins
// or alone — the correction path runs deterministically.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../engine/node/load-model.ts';

export function steadyBehavior(run: number) {
  return {
    format: 'axplay-behavior/1',
    name: 'steady',
    label: 'A crafted test behavior',
    description: 'Scores latent 356 (active at nearly every character); its threshold sits below the floor.',
    model: 'austen-mini',
    scorer: {
      name: 'steady',
      hook: 'blocks.3.hook_resid_pre',
      probe: { nLatents: 1024, bias: -3, latents: [356], weights: [0.3], features: null },
      platt: { a: 1, b: 0 },
      threshold: 0.047,
      run,
    },
    correction: { steering_vector_id: 'austen-mini/exclamation', note: 'test' },
    evidence: {
      top_latents: [],
      cv_auc: 0.5,
      heldout_auc: 0.5,
      heldout_rows: { positive: 1, negative: 1 },
      heldout_ece: 0,
      false_trigger_rate: 1,
      false_trigger_n: 1,
      calibration_n: 1,
      positive_trigger_rate: null,
      positive_n: 0,
    },
    data: 'crafted',
    created_at: '2026-11-30T00:00:00Z',
  };
}

/** A temporary SAE folder: the committed SAE and labels, the crafted behavior, and the built-ins when asked. */
export function saeDirWith(o: { steadyRun: number; builtIns: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), 'axplay-sae-'));
  const from = join(REPO_ROOT, 'models', 'austen-mini', 'sae');
  for (const f of ['sae.safetensors', 'features.json']) copyFileSync(join(from, f), join(dir, f));
  mkdirSync(join(dir, 'behaviors'));
  if (o.builtIns)
    for (const f of readdirSync(join(from, 'behaviors')))
      if (f.endsWith('.json')) copyFileSync(join(from, 'behaviors', f), join(dir, 'behaviors', f));
  writeFileSync(join(dir, 'behaviors', 'steady.json'), JSON.stringify(steadyBehavior(o.steadyRun)));
  return dir;
}
