// The measurements of the built-in steering vectors (`npm run eval -- --steering`): per vector, the detection AUC
// of the projection on held-out examples, the dose–response m(s) of its behavioural measure for strengths −4…4
// (N = 16 held-out prompts × 4 seeds, 200 characters each), the control (8 random unit directions with committed
// seeds, scaled like the vector, at ±2), the bootstrap standard error of m(0), Spearman's ρ and the fluency cost
// (held-out loss on neutral text at each strength). It measures each vector's fresh candidate (steering:build) if
// there is one, else the shipped vector. With --write: a vector that meets every target is shipped (steering/<name>.json
// with its measurements, and its card <name>.md); one that misses is dropped (its files removed, its figures kept in
// evidence/dropped.json); steering/README.md lists both.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MODEL, REPO_ROOT } from '../../engine/node/load-model.ts';
import { BUILTINS, type BuiltinName, builtin } from '../../engine/steering/builtin/catalog.ts';
import { projectionAuc } from '../../engine/steering/builtin/diffmean.ts';
import { SAMPLE_CHARS, SAMPLE_TEMPERATURE } from '../../engine/steering/builtin/dose.ts';
import { bootstrapSe, mean, randomUnit, spearman } from '../../engine/steering/builtin/stats.ts';
import type { SteeringVectorData, VectorLayer } from '../../engine/steering/vector.ts';
import { readHeldout } from '../../engine/train/heldout.ts';
import type { BuildEvidence } from './build.ts';
import { renderCard, renderIndex } from './card.ts';
import { type Condition, measureAll, sampleConditions } from './curve.ts';
import { candidatePath, dosePrompts, EVIDENCE_DIR, loadCorpus, STEERING_DIR, setsFor, shippedPath } from './data.ts';
import { Pool } from './pool.ts';
import type { Task, TaskResult } from './worker.ts';

export const STRENGTHS = [-4, -3, -2, -1, 0, 1, 2, 3, 4] as const;
/** Extra points inside the first unit, where the text is still fluent (reported, not part of the targets). */
export const FINE_STRENGTHS = [-0.5, -0.25, 0.25, 0.5] as const;
export const SEEDS = [1, 2, 3, 4] as const;
/** The committed seeds of the control's random unit directions. */
export const CONTROL_SEEDS = [9001, 9002, 9003, 9004, 9005, 9006, 9007, 9008] as const;
export const CONTROL_STRENGTH = 2;
export const BOOTSTRAP_SEED = 2718;
export const BOOTSTRAP_ROUNDS = 2000;
/** The fluency text: the first 10,000 characters of the committed held-out slice of Persuasion. */
export const FLUENCY_CHARS = 10_000;
/** The CI slice: the first SLICE_PROMPTS prompts with the first seed, at ±2. */
export const SLICE_PROMPTS = 4;
export const MEASURE_COMMAND = 'npm run eval -- --steering --write';

export type StoredVector = SteeringVectorData & {
  build: BuildEvidence;
  measurements?: Measurements;
  description?: string;
};

export interface Measurements {
  readonly hook: string;
  readonly auc_heldout: number;
  readonly heldout_examples: [number, number];
  readonly n_samples: number;
  readonly prompts: number;
  readonly seeds: readonly number[];
  readonly temperature: number;
  readonly sample_chars: number;
  readonly measure: string;
  /** m(s) at each strength (as a string key). */
  readonly m: Record<string, number>;
  readonly effect: Record<string, number>;
  readonly control: number;
  readonly control_effects: readonly number[];
  readonly se_m0: number;
  readonly se_m0_prompts: number;
  readonly spearman_rho: number;
  readonly loss: Record<string, number>;
  readonly fluency_cost: Record<string, number>;
  readonly targets: {
    readonly effect2: number;
    readonly needed: number;
    readonly effect_ok: boolean;
    readonly rho_ok: boolean;
    readonly auc_target: number | null;
    readonly auc_ok: boolean;
    readonly direction_ok: boolean;
  };
  readonly pass: boolean;
  /** One sample per strength (the first prompt, the first seed), for the card. */
  readonly examples: Record<string, string>;
  readonly seconds: number;
}

const key = (s: number) => String(s);

/** A fresh candidate (from steering:build) if there is one, else the shipped vector. */
export function readVector(name: string): StoredVector | undefined {
  for (const p of [candidatePath(name), shippedPath(name)])
    if (existsSync(p)) return JSON.parse(readFileSync(p, 'utf8')) as StoredVector;
  return undefined;
}

export interface MeasureOptions {
  readonly only?: readonly BuiltinName[];
  readonly write?: boolean;
  /** Prompts used (default 16) and seeds per prompt (default 4): a smaller run to estimate the cost. */
  readonly prompts?: number;
  readonly seeds?: number;
  readonly fine?: boolean;
  readonly workers?: number;
  readonly log?: (s: string) => void;
}

export async function measureSteering(o: MeasureOptions = {}): Promise<Record<string, unknown>> {
  const log = o.log ?? (() => {});
  const t0 = performance.now();
  const c = loadCorpus();
  const allPrompts = dosePrompts(c);
  const prompts = allPrompts.slice(0, o.prompts ?? allPrompts.length);
  const seeds = SEEDS.slice(0, o.seeds ?? SEEDS.length);
  const fluencyText = readHeldout(REPO_ROOT).slice(0, FLUENCY_CHARS);
  const names = (o.only ?? BUILTINS.map((b) => b.name)).filter((n) => readVector(n));
  const pool = new Pool(o.workers);
  const results: Record<string, unknown>[] = [];
  const controlCache = new Map<string, string[][]>();
  try {
    // strength 0 is no steering: one set of samples serves every vector
    const [base] = await sampleConditions(pool, prompts, seeds, [{ layers: [], strength: 0 }]);
    const [baseLoss] = await losses(pool, fluencyText, [{ layers: [], strength: 0 }]);
    for (const name of names) {
      const tv = performance.now();
      const v = readVector(name) as StoredVector;
      const spec = builtin(name);
      const layer = v.layers[0] as VectorLayer;
      const dim = layer.direction.length;
      // detection: the held-out examples at the vector's hook
      const sets = setsFor(name, c).heldout;
      const aucHeld = await heldoutAuc(pool, sets, layer);
      // dose–response
      const strengths = [...STRENGTHS.filter((s) => s !== 0), ...(o.fine ? FINE_STRENGTHS : [])];
      const conds: Condition[] = strengths.map((strength) => ({ layers: v.layers, strength }));
      const texts = await sampleConditions(pool, prompts, seeds, conds, (d, n) => {
        if (d % 64 === 0) log(`${name}: ${d}/${n} samples`);
      });
      const per = new Map<number, number[]>([[0, measureAll(spec.measure, prompts, seeds.length, base as string[])]]);
      strengths.forEach((s, i) => {
        per.set(s, measureAll(spec.measure, prompts, seeds.length, texts[i] as string[]));
      });
      // control: 8 random unit directions at the vector's hook and scale, ±2 (shared by vectors at one hook)
      const ck = `${layer.hook}:${layer.scale}`;
      if (!controlCache.has(ck)) {
        const cc: Condition[] = [];
        for (const seed of CONTROL_SEEDS) {
          const r = [{ hook: layer.hook, direction: randomUnit(dim, seed), scale: layer.scale, rawNorm: 0 }];
          cc.push({ layers: r, strength: CONTROL_STRENGTH }, { layers: r, strength: -CONTROL_STRENGTH });
        }
        controlCache.set(ck, await sampleConditions(pool, prompts, seeds, cc));
      }
      const m = Object.fromEntries([...per].sort((a, b) => a[0] - b[0]).map(([s, xs]) => [key(s), mean(xs)]));
      const m0 = m['0'] as number;
      const controlEffects = (controlCache.get(ck) as string[][]).map((t) =>
        Math.abs(mean(measureAll(spec.measure, prompts, seeds.length, t)) - m0),
      );
      const control = mean(controlEffects);
      const x0 = per.get(0) as number[];
      const seM0 = bootstrapSe(x0, BOOTSTRAP_SEED, BOOTSTRAP_ROUNDS);
      const seM0Prompts = bootstrapSe(
        x0,
        BOOTSTRAP_SEED,
        BOOTSTRAP_ROUNDS,
        x0.map((_, i) => Math.floor(i / seeds.length)),
      );
      const rho = spearman(
        [...STRENGTHS],
        STRENGTHS.map((s) => m[key(s)] as number),
      );
      // fluency
      const lossConds: Condition[] = strengths.map((strength) => ({ layers: v.layers, strength }));
      const ls = await losses(pool, fluencyText, lossConds);
      const loss: Record<string, number> = { '0': baseLoss as number };
      strengths.forEach((s, i) => {
        loss[key(s)] = ls[i] as number;
      });
      const sorted = <T>(r: Record<string, T>): Record<string, T> =>
        Object.fromEntries(Object.entries(r).sort((a, b) => Number(a[0]) - Number(b[0])));
      const effect = Object.fromEntries(Object.entries(m).map(([s, x]) => [s, Math.abs(x - m0)]));
      const effect2 = effect['2'] as number;
      const needed = 5 * Math.max(control, 2 * Math.max(seM0, seM0Prompts));
      const aucOk = spec.aucTarget === null || aucHeld >= spec.aucTarget;
      const targets = {
        effect2,
        needed,
        effect_ok: effect2 >= needed,
        rho_ok: rho >= 0.9,
        auc_target: spec.aucTarget,
        auc_ok: aucOk,
        direction_ok: (m['2'] as number) > m0,
      };
      const examples: Record<string, string> = { '0': (base as string[])[0] as string };
      strengths.forEach((s, i) => {
        examples[key(s)] = (texts[i] as string[])[0] as string;
      });
      const meas: Measurements = {
        hook: layer.hook,
        auc_heldout: aucHeld,
        heldout_examples: [sets.pos.length, sets.neg.length],
        n_samples: prompts.length * seeds.length,
        prompts: prompts.length,
        seeds: [...seeds],
        temperature: SAMPLE_TEMPERATURE,
        sample_chars: SAMPLE_CHARS,
        measure: spec.measureDoc,
        m: sorted(m),
        effect: sorted(effect),
        control,
        control_effects: controlEffects,
        se_m0: seM0,
        se_m0_prompts: seM0Prompts,
        spearman_rho: rho,
        loss: sorted(loss),
        fluency_cost: sorted(Object.fromEntries(Object.entries(loss).map(([s, x]) => [s, x - (baseLoss as number)]))),
        targets,
        pass: targets.effect_ok && targets.rho_ok && targets.auc_ok && targets.direction_ok,
        examples: sorted(examples),
        seconds: Number(((performance.now() - tv) / 1000).toFixed(1)),
      };
      log(
        `${name}: AUC ${aucHeld.toFixed(3)} effect(2) ${effect2.toFixed(4)} needed ${needed.toFixed(4)} (control ${control.toFixed(4)}, SE ${seM0.toFixed(4)}/${seM0Prompts.toFixed(4)}) rho ${rho.toFixed(3)} → ${meas.pass ? 'PASS' : 'MISS'} (${meas.seconds} s)`,
      );
      results.push({ name, id: v.id, ...meas });
      if (o.write) {
        const slice = sliceFigures(spec.measure, prompts, texts, strengths, seeds.length);
        record(v, meas, prompts, slice);
      }
    }
  } finally {
    await pool.close();
  }
  if (o.write) writeFileSync(join(STEERING_DIR, 'README.md'), renderIndex());
  return {
    model: DEFAULT_MODEL,
    strengths: [...STRENGTHS],
    prompts: prompts.length,
    seeds: [...seeds],
    control_seeds: [...CONTROL_SEEDS],
    vectors: results,
    seconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
  };
}

async function losses(pool: Pool, text: string, conds: readonly Condition[]): Promise<number[]> {
  const tasks: Task[] = conds.map((c) => ({ kind: 'loss', layers: [...c.layers], strength: c.strength, text }));
  const rs = await pool.run<Extract<TaskResult, { kind: 'loss' }>>(tasks, 1);
  return rs.map((r) => r.loss);
}

async function heldoutAuc(
  pool: Pool,
  sets: {
    pos: readonly import('../../engine/steering/builtin/sets.ts').ContrastExample[];
    neg: readonly import('../../engine/steering/builtin/sets.ts').ContrastExample[];
  },
  layer: VectorLayer,
): Promise<number> {
  const all = [...sets.pos, ...sets.neg];
  const tasks: Task[] = [];
  for (let i = 0; i < all.length; i += 8)
    tasks.push({ kind: 'residuals', examples: all.slice(i, i + 8), hooks: [layer.hook] });
  const rs = await pool.run<Extract<TaskResult, { kind: 'residuals' }>>(tasks, 1);
  const rows = rs.flatMap((r) => (r.means[layer.hook] ?? []).map((x) => Float32Array.from(x)));
  return projectionAuc(rows.slice(0, sets.pos.length), rows.slice(sets.pos.length), layer.direction);
}

/** m(±2) over the CI slice (the first SLICE_PROMPTS prompts, the first seed). */
function sliceFigures(
  measure: (p: string, g: string) => number,
  prompts: readonly string[],
  texts: readonly string[][],
  strengths: readonly number[],
  seeds: number,
): { m_plus2: number; m_minus2: number } {
  const at = (s: number) => {
    const t = texts[strengths.indexOf(s)] as string[];
    return mean(Array.from({ length: SLICE_PROMPTS }, (_, k) => measure(prompts[k] as string, t[k * seeds] as string)));
  };
  return { m_plus2: at(2), m_minus2: at(-2) };
}

function record(
  v: StoredVector,
  meas: Measurements,
  prompts: readonly string[],
  slice: { m_plus2: number; m_minus2: number },
) {
  const jsonPath = shippedPath(v.name);
  rmSync(candidatePath(v.name), { force: true });
  const cardPath = join(STEERING_DIR, `${v.name}.md`);
  const slicePath = join(EVIDENCE_DIR, `${v.name}.slice.json`);
  if (!meas.pass) {
    const droppedPath = join(EVIDENCE_DIR, 'dropped.json');
    const dropped = existsSync(droppedPath)
      ? (JSON.parse(readFileSync(droppedPath, 'utf8')) as Record<string, unknown>)
      : {};
    dropped[v.name] = {
      id: v.id,
      hook: v.layers[0]?.hook,
      build: { ...v.build, by_hook: v.build.by_hook.map(({ direction: _d, ...h }) => h) },
      measurements: meas,
    };
    writeFileSync(droppedPath, `${JSON.stringify(dropped, null, 1)}\n`);
    for (const p of [jsonPath, cardPath, slicePath]) rmSync(p, { force: true });
    return;
  }
  const droppedPath = join(EVIDENCE_DIR, 'dropped.json');
  if (existsSync(droppedPath)) {
    const dropped = JSON.parse(readFileSync(droppedPath, 'utf8')) as Record<string, unknown>;
    if (v.name in dropped) {
      delete dropped[v.name];
      writeFileSync(droppedPath, `${JSON.stringify(dropped, null, 1)}\n`);
    }
  }
  const description = `${builtin(v.name).label}. Measured: held-out AUC ${meas.auc_heldout.toFixed(3)}; effect at strength 2 ${fmt(meas.targets.effect2)} vs control ${fmt(meas.control)}; Spearman rho ${meas.spearman_rho.toFixed(3)}.`;
  const out: StoredVector = { ...v, description, measurements: meas };
  writeFileSync(jsonPath, `${JSON.stringify(out, null, 1)}\n`);
  const s = JSON.parse(readFileSync(slicePath, 'utf8')) as Record<string, unknown>;
  writeFileSync(
    slicePath,
    `${JSON.stringify({ ...s, prompts: prompts.slice(0, SLICE_PROMPTS), seed: SEEDS[0], ...slice }, null, 1)}\n`,
  );
  writeFileSync(cardPath, renderCard(out, meas));
}

const fmt = (x: number) => (Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3));
