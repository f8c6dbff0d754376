// Test fixtures for behaviors: a built-in behavior file made by hand (the committed ones may not exist yet), and an SAE
// folder in a temporary directory — the committed SAE (linked) with a behaviors/ folder the test fills.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../engine/node/load-model.ts';
import { BEHAVIOR_FILE_FORMAT, type BehaviorFile } from '../../engine/sae/behavior-file.ts';

export const SAE_HOOK = 'blocks.3.hook_resid_pre';
export const SAE_LATENTS = 1024;
const D_MODEL = 128;

const unit = Array.from({ length: D_MODEL }, (_, i) => Math.cos(3 * i + 1));
const norm = Math.hypot(...unit);

/** A well-formed built-in for austen-mini's SAE (its numbers are made up). */
export function builtInFile(name: string): BehaviorFile {
  return {
    format: BEHAVIOR_FILE_FORMAT,
    name,
    label: `Test ${name}`,
    description: `A built-in written by the test (${name})`,
    model: 'austen-mini',
    scorer: {
      name,
      hook: SAE_HOOK,
      probe: { nLatents: SAE_LATENTS, bias: -2, latents: [3, 70], weights: [0.8, 0.4], features: null },
      platt: { a: 1, b: 0 },
      threshold: 0.7,
      run: 3,
    },
    correction: {
      steering_vector_id: null,
      layers: [{ hook: SAE_HOOK, direction: unit.map((x) => x / norm), scale: 9, rawNorm: 1.5 }],
      note: 'made up',
    },
    evidence: {
      top_latents: [{ latent: 3, weight: 0.8, label: 'quote marks' }],
      cv_auc: 0.9,
      heldout_auc: 0.88,
      heldout_rows: { positive: 100, negative: 300 },
      heldout_ece: 0.04,
      false_trigger_rate: 0.05,
      false_trigger_n: 40,
      calibration_n: 40,
      positive_trigger_rate: 0.7,
      positive_n: 20,
      anything: 'the loader keeps fields it does not know',
    },
    data: 'made up by the test',
    created_at: '2026-11-30T00:00:00Z',
  };
}

/** A temporary SAE folder: the committed SAE and labels linked in, and these files in behaviors/. */
export function saeDirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'axplay-sae-'));
  const committed = join(REPO_ROOT, 'models', 'austen-mini', 'sae');
  for (const f of ['sae.safetensors', 'features.json']) symlinkSync(join(committed, f), join(dir, f));
  mkdirSync(join(dir, 'behaviors'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'behaviors', name), text);
  return dir;
}
