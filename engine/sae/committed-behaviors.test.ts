// The committed built-in behaviors (models/austen-mini/sae/behaviors/*.json, written by `npm run sae:behaviors`)
// load with the engine's scorer, read the committed SAE, and separate the held-out fixture examples they were
// measured on (fixtures.json: the first held-out examples of each side) exactly as the build measured them; their
// recorded figures are consistent with the drift rule and, where the issue sets one, meet its detection target.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, loadModel, REPO_ROOT } from '../node/load-model.ts';
import { auc } from './auc.ts';
import { behaviorScorer, textScores } from './behavior.ts';
import { BUILTIN_BEHAVIORS } from './behavior-build.ts';
import { BEHAVIOR_FILE_FORMAT, type BehaviorFile } from './behavior-file.ts';
import { encodeText } from './encode-text.ts';
import { loadSae } from './io.ts';

interface Fixture {
  readonly text: string;
  readonly from: number;
}
interface Fixtures {
  readonly hook: string;
  readonly behaviors: Record<string, { auc: number; pos: Fixture[]; neg: Fixture[] }>;
}

const dir = join(REPO_ROOT, 'models', DEFAULT_MODEL, 'sae');
const { sae } = loadSae(readFileSync(join(dir, 'sae.safetensors')));
const read = <T>(name: string) => JSON.parse(readFileSync(join(dir, 'behaviors', name), 'utf8')) as T;
const fixtures = read<Fixtures>('fixtures.json');
const labels = (JSON.parse(readFileSync(join(dir, 'features.json'), 'utf8')) as { features: { label: string }[] })
  .features;

/** The issue's held-out per-token AUC target, where the committed SAE meets it (see the behaviors' card). */
const HELDOUT_AUC_TARGET: Partial<Record<string, number>> = { json: 0.9, dialogue: 0.9 };
/** What the 12 + 12 fixture examples show (with a margin), per behavior. */
const FIXTURE_AUC_FLOOR: Record<string, number> = { dialogue: 0.85, json: 0.99, exclamation: 0.6, question: 0.55 };
/**
 * Held-out ECE bounds: dialogue and json are calibrated on Persuasion; exclamation and question drift from the
 * training novels' calibration (their card says so).
 */
const ECE_BOUND: Record<string, number> = { dialogue: 0.05, json: 0.05, exclamation: 0.15, question: 0.15 };

describe('committed behaviors', () => {
  const model = loadModel();

  for (const name of BUILTIN_BEHAVIORS) {
    const file = read<BehaviorFile>(`${name}.json`);
    const fx = fixtures.behaviors[name];

    it(`${name}: a valid file on the SAE's hook with the drift rule of 3 tokens`, () => {
      expect(file.format).toBe(BEHAVIOR_FILE_FORMAT);
      expect(file.name).toBe(name);
      expect(file.scorer.name).toBe(name);
      expect(file.scorer.hook).toBe(sae.hook);
      expect(file.scorer.run).toBe(3);
      expect(file.scorer.threshold).toBeGreaterThan(0);
      expect(file.scorer.threshold).toBeLessThan(1);
      expect(file.scorer.probe.nLatents).toBe(sae.n);
      expect(file.scorer.probe.weights.every((w) => w !== 0)).toBe(true);
      for (const l of file.evidence.top_latents) expect(l.label).toBe(labels[l.latent]?.label);
    });

    it(`${name}: its figures are consistent and meet what they claim`, () => {
      const e = file.evidence;
      expect(e.calibration_trigger_rate).toBeLessThanOrEqual(0.05); // the threshold's own calibration
      expect(e.calibration_n).toBeGreaterThanOrEqual(100);
      expect(e.false_trigger_n).toBeGreaterThanOrEqual(100);
      expect(e.false_trigger_rate).toBeGreaterThanOrEqual(0);
      expect(e.false_trigger_rate).toBeLessThanOrEqual(0.1);
      expect(e.heldout_auc).toBeGreaterThan(0.5);
      expect(e.cv_auc).toBeGreaterThan(0.5);
      expect(e.heldout_ece).toBeLessThan(ECE_BOUND[name] as number);
      const target = HELDOUT_AUC_TARGET[name];
      if (target !== undefined) expect(e.heldout_auc).toBeGreaterThanOrEqual(target);
    });

    it(`${name}: its correction vector exists`, () => {
      const c = file.correction;
      if (c.steering_vector_id) {
        const path = join(REPO_ROOT, 'models', DEFAULT_MODEL, 'steering', `${c.steering_vector_id.split('/')[1]}.json`);
        expect(existsSync(path)).toBe(true);
        expect((JSON.parse(readFileSync(path, 'utf8')) as { id: string }).id).toBe(c.steering_vector_id);
      } else {
        expect(c.layers).toHaveLength(1);
        const l = c.layers?.[0];
        expect(l?.hook).toBe(sae.hook);
        expect(l?.direction).toHaveLength(sae.d);
        expect(Math.hypot(...(l?.direction ?? []))).toBeCloseTo(1, 5);
        expect(l?.scale).toBeGreaterThan(0);
      }
    });

    it(`${name}: separates its held-out fixture examples as the build measured`, () => {
      expect(fx).toBeDefined();
      if (!fx) return;
      const ex = [...fx.pos.map((f) => ({ f, label: 1 as const })), ...fx.neg.map((f) => ({ f, label: 0 as const }))];
      const scorer = behaviorScorer(file.scorer);
      // as the monitor scores them: with a window, the average runs from the example's first character
      const perExample = ex.map(({ f }) => textScores(scorer, encodeText(model, sae, f.text), f.from));
      const scores = Float64Array.from(perExample.flatMap((x) => Array.from(x)));
      const rows = { labels: ex.flatMap(({ label }, i) => Array((perExample[i] as Float64Array).length).fill(label)) };
      for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
      const a = auc(scores, rows.labels) as number;
      expect(a).toBeCloseTo(fx.auc, 9);
      expect(a).toBeGreaterThanOrEqual(FIXTURE_AUC_FLOOR[name] as number);
    });
  }
});
