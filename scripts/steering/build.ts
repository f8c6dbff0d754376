// `npm run steering:build [-- --only a,b]`: computes the built-in steering vectors of austen-mini from the corpus and
// writes each, with the evidence of its build (examples, detection AUC and pilot per hook), as a candidate:
// models/austen-mini/steering/evidence/<name>.candidate.json (out of the server's sight), plus its CI slice
// (evidence/<name>.slice.json). `npm run eval -- --steering --write` then measures the candidates: one that meets
// every target is shipped as steering/<name>.json with its card, one that misses is dropped.
//
// Hook choice, per vector, never looking at Persuasion. Every hook is computed (a vector from the fit examples) and
// tried in a pilot on training-novel prompts (8 prompts × 2 seeds, 200 characters, strengths 0 and ±2, two random
// directions at ±2 as the pilot's control, and the held-out loss of 3,000 characters of Emma at ±2). Eligible: the
// hooks whose validation AUC (20% of the training examples, kept out of the fit) reaches the vector's AUC target
// (0.7 where the issue sets none), with pilot m(−2) ≤ m(0) and pilot ratio (m(+2) − m(0)) / control ≥ 10 (twice the
// issue's 5, a margin for the pilot's small sample). Among them, the gentlest: the lowest fluency cost at ±2. With
// none eligible, the best pilot ratio among the hooks that reach the AUC target (the measurement then decides).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL, loadModel, REPO_ROOT } from '../../engine/node/load-model.ts';
import { BUILTINS, type BuiltinName, builtin } from '../../engine/steering/builtin/catalog.ts';
import { diffMeans, projectionAuc, vectorData } from '../../engine/steering/builtin/diffmean.ts';
import type { ContrastExample } from '../../engine/steering/builtin/sets.ts';
import { mean, randomUnit } from '../../engine/steering/builtin/stats.ts';
import { meanResidualNorms } from '../../engine/steering/from-examples.ts';
import type { SteeringVectorData, VectorLayer } from '../../engine/steering/vector.ts';
import { readHeldout } from '../../engine/train/heldout.ts';
import { type Condition, meanMeasure, sampleConditions } from './curve.ts';
import { type Corpus, candidatePath, EVIDENCE_DIR, loadCorpus, pilotPrompts, type SplitSets, setsFor } from './data.ts';
import { Pool } from './pool.ts';
import type { Task, TaskResult } from './worker.ts';

export const HOOKS = [
  ...Array.from({ length: 6 }, (_, l) => `blocks.${l}.hook_resid_pre`),
  'blocks.5.hook_resid_post',
] as const;
const PILOT_STRENGTH = 2;
const PILOT_SEEDS = [101, 102];
/** Random directions of the pilot's control (not those of the measurement). */
const PILOT_CONTROL_SEEDS = [424242, 434343];
const MIN_VALIDATION_AUC = 0.7;
/** Twice the issue's factor of 5, as a margin for the pilot's small sample. */
const MIN_PILOT_RATIO = 10;
/** The pilot's fluency text: 3,000 characters of Emma (a training novel), from character 200,000. */
const PILOT_FLUENCY = { slug: 'emma', from: 200_000, chars: 3000 };
export const BUILD_COMMAND = 'npm run steering:build';
/** Held-out examples per side in the CI slice (evidence/<name>.slice.json). */
export const SLICE_EXAMPLES = 16;
/**
 * The text a hook's scale (mean residual norm) is measured on — the same as the server's for user vectors
 * (server/steering/neutral.ts): the first 2,048 characters of the committed held-out slice of Persuasion, fed as
 * windows of the context from an empty cache, every position counted. So strength means the same for built-in and
 * user vectors at a hook.
 */
export const NEUTRAL_CHARS = 2048;
export const neutralText = () => readHeldout(REPO_ROOT).slice(0, NEUTRAL_CHARS);

type Means = Map<string, Float32Array[]>;

async function residuals(pool: Pool, examples: readonly ContrastExample[]): Promise<Means> {
  const tasks: Task[] = [];
  for (let i = 0; i < examples.length; i += 4)
    tasks.push({ kind: 'residuals', examples: examples.slice(i, i + 4), hooks: [...HOOKS] });
  const rs = await pool.run<Extract<TaskResult, { kind: 'residuals' }>>(tasks, 2);
  const means: Means = new Map(HOOKS.map((h) => [h, []]));
  for (const r of rs)
    for (const h of HOOKS) for (const row of r.means[h] ?? []) means.get(h)?.push(Float32Array.from(row));
  return means;
}

interface SideMeans {
  pos: Means;
  neg: Means;
}

async function sideMeans(pool: Pool, s: { pos: ContrastExample[]; neg: ContrastExample[] }) {
  const all = await residuals(pool, [...s.pos, ...s.neg]);
  const cut = (a: number, b: number): Means => new Map([...all].map(([h, rows]) => [h, rows.slice(a, b)]));
  const n = s.pos.length;
  return { means: { pos: cut(0, n), neg: cut(n, n + s.neg.length) } as SideMeans };
}

const layerOf = (hook: string, direction: ArrayLike<number>, scale: number): VectorLayer => ({
  hook,
  direction: Array.from(direction),
  scale,
  rawNorm: 0,
});

export interface BuildEvidence {
  name: BuiltinName;
  hook: string;
  examples: {
    fit: [number, number];
    validation: [number, number];
    heldout: [number, number];
    available: SplitSets['available'];
  };
  by_hook: {
    hook: string;
    scale: number;
    raw_norm: number;
    auc_validation: number;
    auc_heldout: number;
    pilot: { m0: number; m_plus2: number; m_minus2: number; control: number; ratio: number; fluency_cost2: number };
    direction: number[];
  }[];
  auc_heldout: number;
  heldout_names?: readonly string[];
}

async function buildOne(
  pool: Pool,
  c: Corpus,
  name: BuiltinName,
  prompts: string[],
  scales: Map<string, number>,
  log: (s: string) => void,
) {
  const emma = c.train.find((x) => x.name === PILOT_FLUENCY.slug)?.text ?? '';
  const fluencyText = emma.slice(PILOT_FLUENCY.from, PILOT_FLUENCY.from + PILOT_FLUENCY.chars);
  const spec = builtin(name);
  const sets = setsFor(name, c);
  const t0 = performance.now();
  const fit = await sideMeans(pool, sets.fit);
  const val = await sideMeans(pool, sets.validation);
  const held = await sideMeans(pool, sets.heldout);
  log(
    `${name}: residuals of ${sets.fit.pos.length + sets.fit.neg.length + sets.validation.pos.length + sets.validation.neg.length + sets.heldout.pos.length + sets.heldout.neg.length} examples in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  const C = (fit.means.pos.get(HOOKS[0]) as Float32Array[])[0]?.length ?? 0;
  const rows = HOOKS.map((hook) => {
    const fp = fit.means.pos.get(hook) as Float32Array[];
    const fn = fit.means.neg.get(hook) as Float32Array[];
    const { direction, rawNorm } = diffMeans(fp, fn, C);
    const scale = scales.get(hook) ?? 0;
    return {
      hook,
      direction,
      rawNorm,
      scale,
      aucVal: projectionAuc(
        val.means.pos.get(hook) as Float32Array[],
        val.means.neg.get(hook) as Float32Array[],
        direction,
      ),
      aucHeld: projectionAuc(
        held.means.pos.get(hook) as Float32Array[],
        held.means.neg.get(hook) as Float32Array[],
        direction,
      ),
    };
  });
  const t1 = performance.now();
  const conds: Condition[] = [{ layers: [], strength: 0 }];
  for (const r of rows) {
    const v = [layerOf(r.hook, r.direction, r.scale)];
    conds.push({ layers: v, strength: PILOT_STRENGTH }, { layers: v, strength: -PILOT_STRENGTH });
    for (const seed of PILOT_CONTROL_SEEDS) {
      const c = [layerOf(r.hook, randomUnit(C, seed), r.scale)];
      conds.push({ layers: c, strength: PILOT_STRENGTH }, { layers: c, strength: -PILOT_STRENGTH });
    }
  }
  const texts = await sampleConditions(pool, prompts, PILOT_SEEDS, conds);
  // fluency at ±2 on a training-novel text (never Persuasion)
  const lossTasks: Task[] = [{ kind: 'loss', layers: [], strength: 0, text: fluencyText }];
  for (const r of rows)
    for (const strength of [PILOT_STRENGTH, -PILOT_STRENGTH])
      lossTasks.push({ kind: 'loss', layers: [layerOf(r.hook, r.direction, r.scale)], strength, text: fluencyText });
  const lossRs = (await pool.run<Extract<TaskResult, { kind: 'loss' }>>(lossTasks, 1)).map((x) => x.loss);
  const m = texts.map((t) => meanMeasure(spec.measure, prompts, PILOT_SEEDS.length, t));
  log(`${name}: pilot in ${((performance.now() - t1) / 1000).toFixed(0)} s`);
  const m0 = m[0] ?? 0;
  const per = 2 + 2 * PILOT_CONTROL_SEEDS.length;
  const byHook = rows.map((r, k) => {
    const at = 1 + k * per;
    const mp = m[at] ?? 0;
    const mm = m[at + 1] ?? 0;
    const control = mean(m.slice(at + 2, at + per).map((x) => Math.abs(x - m0)));
    const ratio = (mp - m0) / Math.max(control, 1e-9);
    const fluencyCost2 = ((lossRs[1 + 2 * k] ?? 0) + (lossRs[2 + 2 * k] ?? 0)) / 2 - (lossRs[0] ?? 0);
    return {
      hook: r.hook,
      scale: r.scale,
      raw_norm: r.rawNorm,
      auc_validation: r.aucVal,
      auc_heldout: r.aucHeld,
      pilot: { m0, m_plus2: mp, m_minus2: mm, control, ratio, fluency_cost2: fluencyCost2 },
      direction: Array.from(r.direction, (v) => Number(v.toPrecision(6))),
    };
  });
  const minAuc = spec.aucTarget ?? MIN_VALIDATION_AUC;
  const detects = byHook.filter((h) => h.auc_validation >= minAuc);
  const eligible = detects.filter((h) => h.pilot.m_minus2 <= h.pilot.m0 && h.pilot.ratio >= MIN_PILOT_RATIO);
  const bestRatio = (hs: typeof byHook) => hs.reduce((a, b) => (b.pilot.ratio > a.pilot.ratio ? b : a));
  // none eligible: the best pilot ratio among the hooks that detect (the measurement will then decide, likely a drop)
  const chosen = eligible.length
    ? eligible.reduce((a, b) => (b.pilot.fluency_cost2 < a.pilot.fluency_cost2 ? b : a))
    : bestRatio(detects.length ? detects : byHook);
  // the shipped vector: fit + validation examples at the chosen hook
  const k = HOOKS.indexOf(chosen.hook as (typeof HOOKS)[number]);
  const all = (side: 'pos' | 'neg') => [
    ...(fit.means[side].get(chosen.hook) ?? []),
    ...(val.means[side].get(chosen.hook) ?? []),
  ];
  const { direction, rawNorm } = diffMeans(all('pos'), all('neg'), C);
  const data = vectorData(
    { name, label: spec.label, model: DEFAULT_MODEL, hook: chosen.hook },
    direction,
    rawNorm,
    rows[k]?.scale ?? 0,
  );
  const d = data.layers[0]?.direction ?? [];
  const aucHeld = projectionAuc(held.means.pos.get(chosen.hook) ?? [], held.means.neg.get(chosen.hook) ?? [], d);
  const evidence: BuildEvidence = {
    name,
    hook: chosen.hook,
    examples: {
      fit: [sets.fit.pos.length, sets.fit.neg.length],
      validation: [sets.validation.pos.length, sets.validation.neg.length],
      heldout: [sets.heldout.pos.length, sets.heldout.neg.length],
      available: sets.available,
    },
    by_hook: byHook,
    auc_heldout: aucHeld,
    ...(sets.heldoutNames ? { heldout_names: sets.heldoutNames } : {}),
  };
  return { data, evidence, heldout: sets.heldout, heldMeans: held.means };
}

async function main() {
  const { values } = parseArgs({ options: { only: { type: 'string' }, workers: { type: 'string' } } });
  const names = values.only ? (values.only.split(',') as BuiltinName[]) : BUILTINS.map((b) => b.name);
  const c = loadCorpus();
  const prompts = pilotPrompts(c);
  const model = loadModel();
  const scales = meanResidualNorms(model, model.newSession(), neutralText(), [...HOOKS]);
  const pool = new Pool(values.workers ? Number(values.workers) : undefined);
  const t0 = performance.now();
  mkdirSync(EVIDENCE_DIR, { recursive: true });
  try {
    for (const name of names) {
      const r = await buildOne(pool, c, name, prompts, scales, (s) => console.error(s));
      const out: SteeringVectorData & { build: BuildEvidence } = { ...r.data, build: r.evidence };
      writeFileSync(candidatePath(name), `${JSON.stringify(out, null, 1)}\n`);
      // the CI slice: the first held-out examples of each side (a seeded shuffle already), with their AUC
      const slice = { pos: r.heldout.pos.slice(0, SLICE_EXAMPLES), neg: r.heldout.neg.slice(0, SLICE_EXAMPLES) };
      const d = r.data.layers[0]?.direction ?? [];
      const sliceAuc = projectionAuc(
        (r.heldMeans.pos.get(r.evidence.hook) ?? []).slice(0, SLICE_EXAMPLES),
        (r.heldMeans.neg.get(r.evidence.hook) ?? []).slice(0, SLICE_EXAMPLES),
        d,
      );
      writeFileSync(
        join(EVIDENCE_DIR, `${name}.slice.json`),
        `${JSON.stringify({ name, hook: r.evidence.hook, auc: sliceAuc, ...slice }, null, 1)}\n`,
      );
      console.error(
        `${name}: hook ${r.evidence.hook}; held-out AUC ${r.evidence.auc_heldout.toFixed(3)}\n${r.evidence.by_hook.map((h) => `  ${h.hook.padEnd(26)} aucV ${h.auc_validation.toFixed(3)} aucH ${h.auc_heldout.toFixed(3)} m0 ${h.pilot.m0.toFixed(3)} +2 ${h.pilot.m_plus2.toFixed(3)} -2 ${h.pilot.m_minus2.toFixed(3)} ctl ${h.pilot.control.toFixed(3)} ratio ${h.pilot.ratio.toFixed(2)} flu ${h.pilot.fluency_cost2.toFixed(2)}`).join('\n')}`,
      );
    }
  } finally {
    await pool.close();
  }
  console.error(`built ${names.join(', ')} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

await main();
