// `npm run sae:behaviors`: builds the built-in behaviors of austen-mini (dialogue, json, exclamation, question) and
// writes models/austen-mini/sae/behaviors/<name>.json (engine/sae/behavior-file.ts), the CI fixtures
// (fixtures.json) and their card (README.md). Needs the corpus (`npm run corpus`).
//
// Per behavior: the steering contrast sets (scripts/steering/data.ts; every example ends before its labelling
// character), each example's rows from..end encoded by the committed SAE; the probe's L2 chosen on the validation
// split (probe fitted on the fit split), then the probe trained on fit + validation, Platt scaling fitted on its
// grouped 5-fold out-of-fold logits; held-out AUC and ECE on the held-out examples' rows (Persuasion). The threshold:
// 200-character generations (temperature 0.8, fixed seeds) from Persuasion prompts, scored per token by the SAE
// monitor itself (engine/sae/monitor.ts) during generation; the negative generations of even prompts calibrate it
// (at most 5 % drift), those of odd prompts measure it. The correction: a shipped steering vector, or a
// difference of means at the SAE's hook kept inline; its effect measured at strength −1 vs 0.
//
// Worker threads (this same file) encode, train and generate in parallel; the main thread only assembles.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import { isMainThread, parentPort, type Worker } from 'node:worker_threads';
import { generate } from '../../engine/generate.ts';
import type { GPT, Hooks, Session } from '../../engine/model.ts';
import { DEFAULT_MODEL, loadModel, REPO_ROOT } from '../../engine/node/load-model.ts';
import { startWorker } from '../../engine/node/ts-worker.ts';
import { Rng } from '../../engine/rng.ts';
import { auc } from '../../engine/sae/auc.ts';
import {
  type BehaviorModelJson,
  type BehaviorScorer,
  behaviorScorer,
  behaviorScores,
  textScores,
} from '../../engine/sae/behavior.ts';
import {
  argmax,
  BUILTIN_BEHAVIORS,
  type BuiltinBehavior,
  codesFromFeatures,
  concatCodes,
  driftFigures,
  type GenerationLabel,
  generationLabel,
  type LabelledRows,
  leadInPrompt,
  mean,
  type PromptSource,
  roundProbe,
  roundSig,
  rowsFrom,
  stackRows,
  type TypedCodes,
} from '../../engine/sae/behavior-build.ts';
import {
  BEHAVIOR_FILE_FORMAT,
  type BehaviorFile,
  type BehaviorLatent,
  type InlineCorrectionLayer,
} from '../../engine/sae/behavior-file.ts';
import {
  type CodeRows,
  type ProbeJson,
  probeFromJson,
  probeToJson,
  topLatents,
  trainProbe,
} from '../../engine/sae/behavior-probe.ts';
import { expectedCalibrationError, fitPlatt, type Platt } from '../../engine/sae/calibration.ts';
import { emaRows } from '../../engine/sae/code-ema.ts';
import { triggerRate } from '../../engine/sae/drift.ts';
import { encodeText } from '../../engine/sae/encode-text.ts';
import { loadSae } from '../../engine/sae/io.ts';
import { SaeMonitor, type SaeSide } from '../../engine/sae/monitor.ts';
import { crossValidateProbe } from '../../engine/sae/probe-cv.ts';
import { windowResiduals } from '../../engine/sae/residuals.ts';
import { encode as encodeCodes, type Sae } from '../../engine/sae/sae.ts';
import { builtin } from '../../engine/steering/builtin/catalog.ts';
import { diffMeans, spanResiduals } from '../../engine/steering/builtin/diffmean.ts';
import { SAMPLE_TEMPERATURE } from '../../engine/steering/builtin/dose.ts';
import type { ContrastExample } from '../../engine/steering/builtin/sets.ts';
import { meanResidualNorms } from '../../engine/steering/from-examples.ts';
import { type SteeringVectorData, steeringHooks, type VectorLayer } from '../../engine/steering/vector.ts';
import { EOS_ID, encode, normalize } from '../../engine/tokenizer.ts';
import { readHeldout } from '../../engine/train/heldout.ts';
import { jsonStream } from '../../engine/train/synthetic-json.ts';
import { behaviorFileSchema } from '../../server/behaviors/built-ins.ts';
import { loadSaeFeatures } from '../../server/sae/features.ts';
import { HELDOUT_JSON_SEED, heldoutLexicon, loadCorpus, promptsFrom, setsFor, shippedPath } from '../steering/data.ts';

const SAE_DIR = join(REPO_ROOT, 'models', DEFAULT_MODEL, 'sae');
const OUT_DIR = join(SAE_DIR, 'behaviors');
const COMMAND = 'npm run sae:behaviors';
const RUN = 3;
const MAX_TRIGGER_RATE = 0.05;
const L2_GRID = [1e-4, 1e-3, 1e-2];
/** Where the trainings' and generations' results are kept between runs (`--resume` reads them). */
const CACHE = join(tmpdir(), 'axplay-sae-behaviors.bin');
const RESUME = process.argv.includes('--resume');
/** Moving-average windows of the codes tried on the validation split (1: the token's own code; code-ema.ts). */
const WINDOWS = [1, 16];
const MAX_ITERATIONS = 500;
const FOLDS = 5;
/** Generations: Persuasion prompts × seeds (even prompts calibrate, odd measure), held-out JSON prompts × seeds. */
const PROSE_PROMPTS = 450;
const JSON_PROMPTS = 40;
const SEEDS = 2;
const PROMPT_CHARS = 160;
const GEN_CHARS = 200;
/** The held-out JSON stream's length in scripts/steering/data.ts (JSON_CHARS / 2): the same stream. */
const HELDOUT_JSON_CHARS = 60_000;
/** Fixture examples per side, and the correction measurement's prompts (held-out positives after the fixtures). */
const FIXTURE_EXAMPLES = 12;
const EFFECT_PROMPTS = 12;
const EFFECT_STRENGTH = -1;
/** The text a hook's scale is measured on: as scripts/steering/build.ts and the server (2,048 held-out chars). */
const NEUTRAL_CHARS = 2048;
const SHIPPED: Partial<Record<BuiltinBehavior, string>> = { json: 'json', exclamation: 'exclamation' };
const NO_EOS: ReadonlyMap<number, number> = new Map([[EOS_ID, -100]]);

// ---------------------------------------------------------------------------------------------------------------
// Messages between the main thread and the workers

interface TrainTask {
  readonly kind: 'train';
  readonly name: BuiltinBehavior;
}
interface GenItem {
  readonly prompt: string;
  readonly seed: number;
}
interface GenTask {
  readonly kind: 'generate';
  readonly items: readonly GenItem[];
  /** Steering applied at every position (the correction measurement); none for the plain generations. */
  readonly layers: readonly VectorLayer[];
  readonly strength: number;
}
type Task = TrainTask | GenTask;

interface Trained {
  readonly kind: 'train';
  readonly name: BuiltinBehavior;
  readonly l2: number;
  readonly l2Validation: { window: number; l2: number; auc: number }[];
  readonly window: number;
  readonly probe: ProbeJson;
  readonly platt: Platt;
  readonly converged: boolean;
  readonly cvAuc: number;
  readonly cvFoldAucs: (number | null)[];
  readonly examples: { train: [number, number]; heldout: [number, number]; available: unknown };
  readonly trainRows: [number, number];
  /** The difference of means at the SAE hook over the training examples (dialogue and question only). */
  readonly caa: { direction: number[]; rawNorm: number } | null;
  /** The committed scorer (rounded probe and Platt) on the held-out examples' rows. */
  readonly heldoutAuc: number;
  readonly heldoutEce: number;
  readonly heldoutRows: [number, number];
  /** The CI fixture: the first held-out examples of each side, and the committed scorer's AUC over their rows. */
  readonly fixture: { auc: number; pos: Fixture[]; neg: Fixture[] };
  readonly seconds: number;
}
interface Fixture {
  readonly text: string;
  readonly from: number;
}
interface Generated {
  readonly text: string;
  /** Per generated token, the SAE code the monitor read (row r = generated character r). */
  readonly codes: TypedCodes;
  /** The prompt's codes, as the monitor read them (a window's average starts there). */
  readonly promptCodes: TypedCodes;
}
type Result = Trained | { readonly kind: 'generate'; readonly out: Generated[] };

// ---------------------------------------------------------------------------------------------------------------
// Worker side

function loadCommittedSae(): Sae {
  return loadSae(readFileSync(join(SAE_DIR, 'sae.safetensors'))).sae;
}

/** An example's code rows (all of them; its labelled rows are from..end) and its mean residual over from..end. */
interface Encoded {
  readonly codes: CodeRows;
  readonly from: number;
  readonly spanMean: Float32Array;
}

/**
 * Encodes contrast examples: each fed whole from an empty cache (its text fits the context), the residual at the
 * SAE's hook, the top-k codes of rows from..end — encodeText's rows from..end, with one reused session (encodeText
 * makes a session per call) — and those rows' mean residual (spanResiduals's, for the difference of means). Both are
 * checked against encodeText and spanResiduals once. Cached by text: two behaviors share their negatives.
 */
function exampleEncoder(model: GPT, sae: Sae): (ex: ContrastExample) => Encoded {
  const session = model.newSession();
  const C = model.cfg.dModel;
  const cache = new Map<string, Encoded>();
  let checked = false;
  return (ex) => {
    const key = `${ex.from}:${ex.text}`;
    const hit = cache.get(key);
    if (hit) return hit;
    if (normalize(ex.text) !== ex.text) throw new Error('an example changes under normalisation: rows would shift');
    const ids = encode(ex.text);
    if (ids.length > model.cfg.ctx || ex.from >= ids.length) throw new Error('example does not fit the context');
    session.reset();
    const resid = windowResiduals(model, session, ids, sae.hook);
    const codes = encodeCodes(sae, resid, ids.length);
    const m = new Float64Array(C);
    for (let t = ex.from; t < ids.length; t++) for (let c = 0; c < C; c++) m[c] = (m[c] ?? 0) + (resid[t * C + c] ?? 0);
    const spanMean = Float32Array.from(m, (v) => v / (ids.length - ex.from));
    if (!checked) {
      const ref = encodeText(model, sae, ex.text);
      for (let j = 0; j < codes.values.length; j++)
        if (codes.values[j] !== ref.values[j] || codes.indices[j] !== ref.indices[j])
          throw new Error('example rows differ from encodeText');
      const refMean = spanResiduals(model, [ex], [sae.hook]).get(sae.hook)?.[0];
      if (!refMean?.every((v, c) => v === spanMean[c])) throw new Error('span mean differs from spanResiduals');
      checked = true;
    }
    const out = { codes, from: ex.from, spanMean };
    cache.set(key, out);
    return out;
  };
}

/** An example's labelled rows: its codes from..end, or with a window their moving average (from row 0 on). */
function labelledRows(e: Encoded, window: number, n: number): CodeRows {
  return window > 1 ? emaRows(e.codes, window, n, e.from) : rowsFrom(e.codes, e.from);
}

function rowsOf(
  enc: (ex: ContrastExample) => Encoded,
  s: { pos: ContrastExample[]; neg: ContrastExample[] },
  window: number,
  n: number,
) {
  return stackRows([
    ...s.pos.map((ex) => ({ codes: labelledRows(enc(ex), window, n), label: 1 as const })),
    ...s.neg.map((ex) => ({ codes: labelledRows(enc(ex), window, n), label: 0 as const })),
  ]);
}

const asExample = (f: Fixture): ContrastExample => ({ ...f, source: 'fixture' });

function count(rows: LabelledRows): [number, number] {
  let p = 0;
  for (const l of rows.labels) p += l;
  return [p, rows.rows - p];
}

function train(model: GPT, sae: Sae, enc: (ex: ContrastExample) => Encoded, name: BuiltinBehavior): Trained {
  const t0 = performance.now();
  const sets = setsFor(name, loadCorpus());
  // the window and L2 on the validation split (never the held-out one)
  const l2Validation = WINDOWS.flatMap((window) => {
    const fit = rowsOf(enc, sets.fit, window, sae.n);
    const val = rowsOf(enc, sets.validation, window, sae.n);
    return L2_GRID.map((l2) => {
      const p = trainProbe(fit, fit.labels, sae.n, { l2, maxIterations: MAX_ITERATIONS }).probe;
      const json = modelJson(name, sae.hook, probeToJson(p), { a: 1, b: 0 }, 0.5, window);
      const s = behaviorScores(behaviorScorer(json), val);
      return { window, l2, auc: auc(s, val.labels) ?? 0.5 };
    });
  });
  const best = l2Validation[argmax(l2Validation.map((x) => x.auc))] as (typeof l2Validation)[number];
  const { l2, window } = best;
  const all = rowsOf(
    enc,
    {
      pos: [...sets.fit.pos, ...sets.validation.pos],
      neg: [...sets.fit.neg, ...sets.validation.neg],
    },
    window,
    sae.n,
  );
  const cv = crossValidateProbe(all, all.labels, all.groups, sae.n, {
    l2,
    maxIterations: MAX_ITERATIONS,
    folds: FOLDS,
    seed: 0,
  });
  const platt = fitPlatt(cv.oofLogits, all.labels);
  const final = trainProbe(all, all.labels, sae.n, { l2, maxIterations: MAX_ITERATIONS });
  let caa: Trained['caa'] = null;
  if (!SHIPPED[name]) {
    const means = (xs: ContrastExample[]) => xs.map((ex) => enc(ex).spanMean);
    const d = diffMeans(
      means([...sets.fit.pos, ...sets.validation.pos]),
      means([...sets.fit.neg, ...sets.validation.neg]),
      model.cfg.dModel,
    );
    caa = { direction: Array.from(d.direction), rawNorm: d.rawNorm };
  }
  const probe = roundProbe(probeToJson(final.probe));
  const rounded = { a: roundSig(platt.a), b: roundSig(platt.b) };
  const scorer = behaviorScorer(modelJson(name, sae.hook, probe, rounded, 0.5, window));
  const held = rowsOf(enc, sets.heldout, window, sae.n);
  const heldScores = behaviorScores(scorer, held);
  const fix = {
    pos: sets.heldout.pos.slice(0, FIXTURE_EXAMPLES).map(({ text, from }) => ({ text, from })),
    neg: sets.heldout.neg.slice(0, FIXTURE_EXAMPLES).map(({ text, from }) => ({ text, from })),
  };
  const fixRows = rowsOf(enc, { pos: fix.pos.map(asExample), neg: fix.neg.map(asExample) }, window, sae.n);
  const n = (s: { pos: unknown[]; neg: unknown[] }): [number, number] => [s.pos.length, s.neg.length];
  return {
    kind: 'train',
    name,
    l2,
    l2Validation,
    window,
    probe,
    platt: rounded,
    converged: final.converged,
    cvAuc: cv.auc ?? 0.5,
    cvFoldAucs: cv.foldAucs,
    examples: {
      train: [sets.fit.pos.length + sets.validation.pos.length, sets.fit.neg.length + sets.validation.neg.length],
      heldout: n(sets.heldout),
      available: sets.available,
    },
    trainRows: count(all),
    caa,
    heldoutAuc: auc(heldScores, held.labels) ?? 0.5,
    heldoutEce: expectedCalibrationError(heldScores, held.labels),
    heldoutRows: count(held),
    fixture: { auc: auc(behaviorScores(scorer, fixRows), fixRows.labels) ?? 0.5, ...fix },
    seconds: (performance.now() - t0) / 1000,
  };
}

/** One 200-character sample with the SAE monitor attached: every generated token's active latents, as it saw them. */
async function sample(model: GPT, session: Session, sae: Sae, item: GenItem, hooks: Hooks): Promise<Generated> {
  const monitor = new SaeMonitor(sae, [], sae.k);
  const features: [number, number][][] = [];
  const it = generate(model, session, {
    prompt: item.prompt,
    maxTokens: GEN_CHARS,
    seed: item.seed,
    hooks,
    observers: [monitor],
    yieldEveryMs: -1,
    sampling: { temperature: SAMPLE_TEMPERATURE, logitBias: NO_EOS },
  });
  for (;;) {
    const r = await it.next();
    if (r.done) {
      if (features.length !== r.value.text.length) throw new Error('one monitor reading per generated character');
      const codes = codesFromFeatures(features, sae.k);
      const p = monitor.promptCodes;
      if (!p) throw new Error('the monitor saw no prompt');
      return { text: r.value.text, codes, promptCodes: p };
    }
    const side = r.value.side?.[monitor.name] as SaeSide | undefined;
    features[r.value.index] = (side?.features ?? []).map(([j, v]) => [j, v]);
  }
}

async function workerMain(): Promise<void> {
  const model = loadModel();
  const sae = loadCommittedSae();
  const session = model.newSession();
  const enc = exampleEncoder(model, sae);
  parentPort?.on('message', async (m: { id: number; task: Task }) => {
    const t = m.task;
    let result: Result;
    if (t.kind === 'train') result = train(model, sae, enc, t.name);
    else {
      const hooks: Hooks = t.strength === 0 ? {} : { steering: steeringHooks({ layers: t.layers }, t.strength) };
      const out: Generated[] = [];
      for (const item of t.items) out.push(await sample(model, session, sae, item, hooks));
      result = { kind: 'generate', out };
    }
    parentPort?.postMessage({ id: m.id, result });
  });
}

function modelJson(
  name: string,
  hook: string,
  probe: ProbeJson,
  platt: Platt,
  threshold: number,
  window: number,
): BehaviorModelJson {
  return { name, hook, probe, platt, threshold, run: RUN, ...(window > 1 ? { window } : {}) };
}

/** A generation's scores as the monitor gives them: the window's average runs from the prompt's start. */
function generationScores(scorer: BehaviorScorer, g: Generated): Float64Array {
  return textScores(scorer, concatCodes(g.promptCodes, g.codes), g.promptCodes.rows);
}

// ---------------------------------------------------------------------------------------------------------------
// Main thread

/** Runs tasks on a few workers (this file), results in task order. */
async function runTasks(
  workers: readonly Worker[],
  tasks: readonly Task[],
  log: (s: string) => void,
): Promise<Result[]> {
  const out = new Array<Result>(tasks.length);
  let cursor = 0;
  let next = 0;
  const call = (w: Worker, task: Task) =>
    new Promise<Result>((resolve, reject) => {
      const id = next++;
      const onMessage = (m: { id: number; result: Result }) => {
        if (m.id !== id) return;
        w.off('message', onMessage);
        w.off('error', reject);
        resolve(m.result);
      };
      w.on('message', onMessage);
      w.once('error', reject);
      w.postMessage({ id, task });
    });
  await Promise.all(
    workers.map(async (w) => {
      while (cursor < tasks.length) {
        const at = cursor++;
        const r = await call(w, tasks[at] as Task);
        out[at] = r;
        if (r.kind === 'train') log(`${r.name}: trained in ${r.seconds.toFixed(0)} s`);
      }
    }),
  );
  return out;
}

interface Gen extends Generated {
  readonly source: PromptSource;
  /** Prompt number within its source. */
  readonly prompt: number;
  readonly promptText: string;
  readonly seed: number;
}

const chunk = <T>(xs: readonly T[], n: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

/** Code rows of `text` read by the unsteered model (windows of the context, stride half of it, one session). */
function textCodes(model: GPT, session: Session, sae: Sae, text: string): CodeRows {
  const ids = encode(text);
  const T = model.cfg.ctx;
  const C = model.cfg.dModel;
  const resid = new Float32Array(ids.length * C);
  let done = 0;
  for (let s = 0; done < ids.length; s += T / 2) {
    const start = Math.max(0, Math.min(s, ids.length - T));
    session.reset();
    const r = windowResiduals(model, session, ids.slice(start, start + T), sae.hook);
    resid.set(r.subarray((done - start) * C), done * C);
    done = start + Math.min(T, ids.length);
  }
  return encodeCodes(sae, resid, ids.length);
}

const r4 = (x: number) => roundSig(x, 4);

const TEXTS: Record<BuiltinBehavior, { label: string; description: string }> = {
  dialogue: {
    label: 'Dialogue: text inside quotation marks',
    description:
      'Per generated character, the probability that it is quoted speech (inside double quotation marks) rather than narration.',
  },
  json: {
    label: 'JSON: a synthetic JSON document',
    description: 'Per generated character, the probability that it is inside a JSON document rather than prose.',
  },
  exclamation: {
    label: 'Exclamation: speech heading for !',
    description:
      'Per generated character, the probability that the spoken sentence it is in will end with an exclamation mark rather than a full stop: the orthographic mood of speech leading up to a `!`, not emotion.',
  },
  question: {
    label: 'Question: speech heading for ?',
    description:
      'Per generated character, the probability that the spoken sentence it is in will end with a question mark rather than a full stop: the form of speech leading up to a `?`.',
  },
};

async function main(): Promise<void> {
  const t0 = performance.now();
  const log = (s: string) => console.error(`[${((performance.now() - t0) / 1000).toFixed(0)} s] ${s}`);
  const c = loadCorpus();
  const prosePrompts = promptsFrom(c.heldout, PROSE_PROMPTS, PROMPT_CHARS);
  const jsonText = jsonStream(new Rng(HELDOUT_JSON_SEED), heldoutLexicon(c), HELDOUT_JSON_CHARS);
  const jsonPrompts = promptsFrom({ name: 'json-heldout', text: jsonText }, JSON_PROMPTS, PROMPT_CHARS);
  const genMeta: Omit<Gen, keyof Generated>[] = [];
  const items: GenItem[] = [];
  const add = (source: PromptSource, prompts: string[], seed0: number) =>
    prompts.forEach((promptText, i) => {
      for (let s = 0; s < SEEDS; s++) {
        const seed = seed0 + i * SEEDS + s;
        genMeta.push({ source, prompt: i, promptText, seed });
        items.push({ prompt: promptText, seed });
      }
    });
  add('prose', prosePrompts, 10_000);
  add('json', jsonPrompts, 50_000);

  const size = Math.max(1, Math.min(cpus().length, 4));
  const workers = Array.from({ length: size }, () => startWorker(new URL(import.meta.url)));
  try {
    const trainTasks: Task[] = BUILTIN_BEHAVIORS.map((name) => ({ kind: 'train', name }));
    const genTasks: Task[] = chunk(items, 25).map((xs) => ({ kind: 'generate', items: xs, layers: [], strength: 0 }));
    // the trainings and generations take most of the time: kept on disk, so --resume can pick them up after a failure
    const results =
      RESUME && existsSync(CACHE)
        ? (deserialize(readFileSync(CACHE)) as Result[])
        : await runTasks(workers, [...trainTasks, ...genTasks], log);
    writeFileSync(CACHE, serialize(results));
    const trained = new Map(results.filter((r): r is Trained => r.kind === 'train').map((r) => [r.name, r]));
    const gens: Gen[] = results
      .flatMap((r) => (r.kind === 'generate' ? r.out : []))
      .map((g, i) => ({ ...g, ...(genMeta[i] as Omit<Gen, keyof Generated>) }));
    log(`${gens.length} generations`);

    const model = loadModel();
    const sae = loadCommittedSae();
    const session = model.newSession();
    const features = loadSaeFeatures(SAE_DIR, DEFAULT_MODEL, (line) => log(line));
    if (!features) throw new Error(`no readable features.json in ${SAE_DIR}: run npm run sae:label first`);

    // thresholds
    const behaviors = BUILTIN_BEHAVIORS.map((name) => {
      const t = trained.get(name) as Trained;
      const scorer = behaviorScorer(modelJson(name, sae.hook, t.probe, t.platt, 0.5, t.window));
      const scored = gens.map((g) => ({
        prompt: g.prompt,
        label: generationLabel(name, g.source, g.promptText, g.text),
        scores: generationScores(scorer, g),
      }));
      const meanScore = (label: GenerationLabel) => {
        const xs = scored.filter((x) => x.label === label);
        return xs.length ? mean(xs.map((x) => mean(x.scores))) : null;
      };
      return {
        name,
        t,
        ...driftFigures(scored, MAX_TRIGGER_RATE, RUN),
        meanScoreNegative: meanScore('negative') ?? 0,
        meanScorePositive: meanScore('positive'),
      };
    });
    for (const b of behaviors)
      log(
        `${b.name}: heldout AUC ${b.t.heldoutAuc.toFixed(3)} cv ${b.t.cvAuc.toFixed(3)} ECE ${b.t.heldoutEce.toFixed(3)} τ ${b.threshold.toFixed(4)} false ${b.falseRate.toFixed(3)} (${b.falseN}) pos ${b.positiveRate?.toFixed(3)} (${b.positiveN})`,
      );

    // the live monitor, with the final scorers, reads the same scores and drift as the figures above
    const finals = behaviors.map((b) => modelJson(b.name, sae.hook, b.t.probe, b.t.platt, b.threshold, b.t.window));
    await checkMonitor(model, session, sae, finals, gens[0] as Gen);

    // corrections
    const scale =
      meanResidualNorms(model, model.newSession(), readHeldout(REPO_ROOT).slice(0, NEUTRAL_CHARS), [sae.hook]).get(
        sae.hook,
      ) ?? 0;
    const corrections = BUILTIN_BEHAVIORS.map((name) => {
      const shipped = SHIPPED[name];
      if (shipped) {
        const v = JSON.parse(readFileSync(shippedPath(shipped), 'utf8')) as SteeringVectorData;
        if (v.layers[0]?.hook === sae.hook && Math.abs((v.layers[0]?.scale ?? 0) - scale) > 1e-3 * scale)
          throw new Error(`scale at ${sae.hook}: ${scale} here, ${v.layers[0]?.scale} in ${v.id}`);
        return { name, id: v.id, layers: v.layers, inline: false };
      }
      const caa = (trained.get(name) as Trained).caa as NonNullable<Trained['caa']>;
      const layer: InlineCorrectionLayer = {
        hook: sae.hook,
        direction: caa.direction.map((x) => roundSig(x, 7)),
        scale: roundSig(scale, 6),
        rawNorm: roundSig(caa.rawNorm, 6),
      };
      return { name, id: null, layers: [layer] as VectorLayer[], inline: true };
    });

    // the correction's effect: held-out lead-in prompts (after the fixture's), strength −1 vs 0, the same seeds
    const effTasks: Task[] = [];
    const effPrompts = new Map<BuiltinBehavior, string[]>();
    for (const corr of corrections) {
      const held = setsFor(corr.name, c).heldout.pos.slice(FIXTURE_EXAMPLES, FIXTURE_EXAMPLES + EFFECT_PROMPTS);
      const prompts = held.map((ex) => leadInPrompt(corr.name, ex));
      effPrompts.set(corr.name, prompts);
      const its = prompts.flatMap((prompt, i) =>
        Array.from({ length: SEEDS }, (_, s) => ({ prompt, seed: 90_000 + i * SEEDS + s })),
      );
      for (const strength of [0, EFFECT_STRENGTH])
        effTasks.push({ kind: 'generate', items: its, layers: corr.layers, strength });
    }
    const eff = await runTasks(workers, effTasks, log);
    const effects = new Map(
      corrections.map((corr, k) => {
        const b = behaviors[k] as (typeof behaviors)[number];
        const scorer = behaviorScorer(finals[k] as BehaviorModelJson);
        const prompts = effPrompts.get(corr.name) as string[];
        const measure = builtin(corr.name).measure;
        const at = (strength: number) => {
          const r = eff[2 * k + (strength === 0 ? 0 : 1)];
          const out = r?.kind === 'generate' ? r.out : [];
          const promptOf = (i: number) => prompts[Math.floor(i / SEEDS)] as string;
          const live = out.map((g) => generationScores(scorer, g));
          const reread = out.map((g, i) => {
            const p = promptOf(i);
            const all = textScores(scorer, textCodes(model, session, sae, p + g.text));
            return all.subarray(all.length - g.text.length);
          });
          return {
            measure: r4(mean(out.map((g, i) => measure(promptOf(i), g.text)))),
            mean_score_live: r4(mean(live.map((s) => mean(s)))),
            mean_score_reread: r4(mean(reread.map((s) => mean(s)))),
            drift_rate_live: r4(triggerRate(live, b.threshold, RUN)),
            drift_rate_reread: r4(triggerRate(reread, b.threshold, RUN)),
            above_threshold_reread: r4(mean(reread.map((s) => mean(Array.from(s, (x) => (x > b.threshold ? 1 : 0)))))),
          };
        };
        return [
          corr.name,
          {
            strength: EFFECT_STRENGTH,
            prompts: prompts.length,
            seeds: SEEDS,
            measure_doc: builtin(corr.name).measureDoc,
            at_0: at(0),
            at_strength: at(EFFECT_STRENGTH),
          },
        ];
      }),
    );
    log('correction effects measured');

    // files
    mkdirSync(OUT_DIR, { recursive: true });
    const fixtures: Record<string, Trained['fixture']> = {};
    const files: BehaviorFile[] = [];
    behaviors.forEach((b, k) => {
      const corr = corrections[k] as (typeof corrections)[number];
      const t = b.t;
      const top: BehaviorLatent[] = topLatents(probeFromJson(t.probe), 10).map((x) => ({
        latent: x.latent,
        weight: r4(x.weight),
        label: features.features[x.latent]?.label ?? 'unknown',
      }));
      const spec = builtin(b.name);
      const file: BehaviorFile = {
        format: BEHAVIOR_FILE_FORMAT,
        name: b.name,
        label: TEXTS[b.name].label,
        description: TEXTS[b.name].description,
        model: DEFAULT_MODEL,
        scorer: finals[k] as BehaviorModelJson,
        correction: corr.inline
          ? {
              steering_vector_id: null,
              layers: corr.layers as InlineCorrectionLayer[],
              note: `Difference of the mean residuals at ${sae.hook} over the training examples' spans (${t.examples.train[0]} positive, ${t.examples.train[1]} negative; no shipped steering vector: it missed the steering targets, see models/austen-mini/steering/README.md), a unit direction scaled by the hook's mean residual norm on the first ${NEUTRAL_CHARS} held-out characters. Correct with a negative strength.`,
            }
          : {
              steering_vector_id: corr.id,
              note: `The shipped steering vector ${corr.id} (models/austen-mini/steering/${SHIPPED[b.name]}.md). Correct with a negative strength.`,
            },
        evidence: {
          top_latents: top,
          cv_auc: r4(t.cvAuc),
          heldout_auc: r4(t.heldoutAuc),
          heldout_rows: { positive: t.heldoutRows[0], negative: t.heldoutRows[1] },
          heldout_ece: r4(t.heldoutEce),
          false_trigger_rate: r4(b.falseRate),
          false_trigger_n: b.falseN,
          calibration_n: b.calibrationN,
          positive_trigger_rate: b.positiveRate === null ? null : r4(b.positiveRate),
          positive_n: b.positiveN,
          calibration_trigger_rate: r4(b.calibrationRate),
          max_trigger_rate: MAX_TRIGGER_RATE,
          mean_score: {
            negative_generations: r4(b.meanScoreNegative),
            positive_generations: b.meanScorePositive === null ? null : r4(b.meanScorePositive),
          },
          l2: t.l2,
          window: t.window,
          l2_validation_auc: t.l2Validation.map((x) => ({ window: x.window, l2: x.l2, auc: r4(x.auc) })),
          cv_fold_aucs: t.cvFoldAucs.map((x) => (x === null ? null : r4(x))),
          probe_latents: t.probe.latents.length,
          probe_converged: t.converged,
          examples: { ...t.examples, train_rows: t.trainRows },
          generations: {
            prose_prompts: PROSE_PROMPTS,
            json_prompts: JSON_PROMPTS,
            seeds: SEEDS,
            prompt_chars: PROMPT_CHARS,
            chars: GEN_CHARS,
            temperature: SAMPLE_TEMPERATURE,
            left_out: b.leftOut,
          },
          correction_effect: effects.get(b.name),
          command: COMMAND,
        },
        data: `${spec.labelling} Rows: every averaged position of an example, labelled with its example's label. Training: the fit and validation examples from the five training novels (${t.examples.train.join(' / ')} positive / negative); the probe's L2 was chosen on the validation split, then the probe trained on both. Held out: Persuasion${b.name === 'json' ? ' and a fresh synthetic-JSON stream with held-out names' : ''} (${t.examples.heldout.join(' / ')} examples). Generations: ${PROSE_PROMPTS} Persuasion prompts${b.name === 'json' ? ` and ${JSON_PROMPTS} held-out JSON prompts` : ''} × ${SEEDS} seeds, ${GEN_CHARS} characters at temperature ${SAMPLE_TEMPERATURE}, labelled by engine/sae/behavior-build.ts generationLabel; even prompts' negatives calibrate the threshold, odd prompts' measure it.`,
        created_at: new Date().toISOString(),
      };
      writeFileSync(join(OUT_DIR, `${b.name}.json`), `${JSON.stringify(file)}\n`);
      fixtures[b.name] = { ...t.fixture, auc: roundSig(t.fixture.auc, 12) };
      files.push(file);
    });
    writeFileSync(
      join(OUT_DIR, 'fixtures.json'),
      `${JSON.stringify({ format: 'axplay-behavior-fixtures/1', hook: sae.hook, behaviors: fixtures }, null, 1)}\n`,
    );
    writeFileSync(join(OUT_DIR, 'README.md'), card(files, sae.hook));
    for (const f of files)
      console.log(
        JSON.stringify({ name: f.name, threshold: f.scorer.threshold, ...f.evidence, top_latents: undefined }),
      );
    log('done');
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Generates `g` again with the SaeMonitor scoring the final behaviors: its scores must be the ones used above. */
async function checkMonitor(
  model: GPT,
  session: Session,
  sae: Sae,
  finals: readonly BehaviorModelJson[],
  g: Gen,
): Promise<void> {
  const scorers = finals.map(behaviorScorer);
  const monitor = new SaeMonitor(sae, scorers, sae.k);
  const it = generate(model, session, {
    prompt: g.promptText,
    maxTokens: GEN_CHARS,
    seed: g.seed,
    observers: [monitor],
    yieldEveryMs: -1,
    sampling: { temperature: SAMPLE_TEMPERATURE, logitBias: NO_EOS },
  });
  const live: number[][] = finals.map(() => []);
  for (;;) {
    const r = await it.next();
    if (r.done) {
      if (r.value.text !== g.text) throw new Error('the monitored generation differs from the recorded one');
      break;
    }
    const side = r.value.side?.[monitor.name] as SaeSide;
    finals.forEach((f, k) => {
      live[k]?.push(side.behaviors[f.name]?.score ?? Number.NaN);
    });
  }
  finals.forEach((f, k) => {
    const offline = generationScores(scorers[k] as BehaviorScorer, g);
    offline.forEach((s, i) => {
      // equal but for the order of a float64 sum (a window's average is summed over the probe's latents live)
      if (!(Math.abs(s - (live[k]?.[i] ?? Number.NaN)) <= 1e-12))
        throw new Error(`${f.name}: offline score ${s} ≠ monitor's ${live[k]?.[i]} at ${i}`);
    });
  });
}

/** What the correction did to each behavior's measure and score, in words. */
function effectFindings(files: readonly BehaviorFile[]): string {
  type At = { measure: number; mean_score_reread: number; above_threshold_reread: number };
  const moved = (a: number, b: number) => (b < a ? 'falls' : b > a ? 'rises' : 'stays');
  return files
    .map((f) => {
      const e = f.evidence.correction_effect as { at_0: At; at_strength: At };
      const [a, b] = [e.at_0, e.at_strength];
      const share = (x: number) => x.toFixed(3);
      const verdict =
        a.above_threshold_reread < 0.05
          ? 'the unsteered generations from these prompts barely reach the threshold, so this sample cannot show an effect on the score.'
          : b.above_threshold_reread > a.above_threshold_reread
            ? 'the correction does **not** lower the score: after it, more characters are above the threshold, so a monitor that corrects drift with it will see drift again.'
            : 'the correction lowers the score with the behavior.';
      return `- **${f.name}**: the measure ${moved(a.measure, b.measure)} (${a.measure} → ${b.measure}); the share of characters above the threshold ${moved(a.above_threshold_reread, b.above_threshold_reread)} (${share(a.above_threshold_reread)} → ${share(b.above_threshold_reread)}) — ${verdict}`;
    })
    .join('\n');
}

/** The card (README.md): the figures of every behavior, what the scores mean and what they cannot. */
function card(files: readonly BehaviorFile[], hook: string): string {
  const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3));
  const by = (name: string) => files.find((f) => f.name === name) as BehaviorFile;
  const rows = files.map((f) => {
    const e = f.evidence;
    const corr = f.correction.steering_vector_id ?? `inline CAA at \`${hook}\``;
    return `| ${f.name} | ${f3(e.heldout_auc)} (${e.heldout_rows.positive} / ${e.heldout_rows.negative}) | ${f3(e.cv_auc)} | ${f3(e.heldout_ece)} | ${f.scorer.threshold.toFixed(4)} | ${f3(e.false_trigger_rate)} (${e.false_trigger_n}) | ${f3(e.positive_trigger_rate)} (${e.positive_n}) | ${corr} |`;
  });
  type Effect = { measure: number; mean_score_reread: number; mean_score_live: number; above_threshold_reread: number };
  const effects = files.map((f) => {
    const x = f.evidence.correction_effect as { at_0: Effect; at_strength: Effect; measure_doc: string };
    const a = x.at_0;
    const b = x.at_strength;
    return `| ${f.name} | ${x.measure_doc} | ${a.measure} → ${b.measure} | ${f3(a.mean_score_reread)} → ${f3(b.mean_score_reread)} | ${f3(a.above_threshold_reread)} → ${f3(b.above_threshold_reread)} | ${f3(a.mean_score_live)} → ${f3(b.mean_score_live)} |`;
  });
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(100 * x)} %`);
  const meanScores = (name: string) => {
    const m = by(name).evidence.mean_score as { negative_generations: number; positive_generations: number | null };
    return `${f3(m.positive_generations)} on generations with it, ${f3(m.negative_generations)} on those without`;
  };
  const ns = files.map((f) => f.evidence.false_trigger_n);
  const nRange = `${Math.min(...ns)}–${Math.max(...ns)}`;
  const se = (n: number) => (100 * Math.sqrt((0.05 * 0.95) / n)).toFixed(1);
  const seRange = `${se(Math.max(...ns))}–${se(Math.min(...ns))}`;
  /** How a behavior reads the codes, with the validation AUCs that chose it. */
  const reads = (name: string) => {
    const f = by(name);
    const v = f.evidence.l2_validation_auc as { window: number; l2: number; auc: number }[];
    const bestAt = (w: number) => Math.max(...v.filter((x) => x.window === w).map((x) => x.auc));
    const w = f.scorer.window ?? 1;
    const others = [...new Set(v.map((x) => x.window))].filter((x) => x !== w);
    const vs = others
      .map((o) => `${o === 1 ? 'its own code' : `a ${o}-character average`} ${f3(bestAt(o))}`)
      .join(', ');
    return w > 1
      ? `reads the moving average of the codes over about ${w} characters (validation AUC ${f3(bestAt(w))}; ${vs})`
      : `reads each character's own code (validation AUC ${f3(bestAt(1))}; ${vs})`;
  };
  const target = (name: string) => {
    const a = by(name).evidence.heldout_auc;
    return `${name} ${a.toFixed(3)} (${a >= 0.9 ? 'meets' : '**misses**'})`;
  };
  return `# Built-in behaviors of austen-mini

A behavior is a per-character score read from the committed SAE's codes (\`${hook}\`, k = 32 of 1,024 latents) while text is generated, a threshold, and a correction steering vector. The score of a generated character is

    score = σ(a · (b₀ + Σ_j w[latent_j] · value_j) + b)      j over the latents of the character's code z_t
                                                             (window 1), or of the average e_t (a window W)
    e_t = d · e_{t−1} + (1 − d) · z_t,  d = exp(−1/W),  from the start of the text (entries below 0.001 dropped)

— a sparse logistic probe (engine/sae/behavior-probe.ts) over the character's own code or over a moving average of the codes so far (code-ema.ts: a state such as "inside a quotation" is set by a character tens of positions back), turned into a probability by Platt scaling (calibration.ts). Each behavior's window was chosen on the validation split. **Drift** is a score strictly above the threshold for 3 characters in a row (drift.ts); the SAE monitor (monitor.ts) reports it per token and where the drifting run began. Each \`<name>.json\` is an \`axplay-behavior/1\` file (engine/sae/behavior-file.ts); \`fixtures.json\` holds 12 + 12 held-out examples per behavior for CI (engine/sae/committed-behaviors.test.ts).

Rebuild: \`npm run corpus\` (once), then \`${COMMAND}\` (about 35 minutes on 2 shared cores, most of it the averaged-code trainings; \`--resume\` reuses the last run's trainings and generations, \`npx tsx scripts/sae/behaviors.ts --card\` rewrites this card from the committed files). Everything is seeded: a rebuild gives the same files (bar \`created_at\`).

| behavior | held-out AUC (rows + / −) | CV AUC | ECE | threshold | false-trigger rate (n) | positive trigger rate (n) | correction |
|---|---:|---:|---:|---:|---:|---:|---|
${rows.join('\n')}

- **held-out AUC**: per-character AUC of the score on the rows of the held-out contrast examples (Persuasion; for JSON also a fresh synthetic-JSON stream with names never seen in training). **CV AUC**: grouped 5-fold out-of-fold AUC on the training examples. **ECE**: expected calibration error of the score on the held-out rows (10 bins).
- **false-trigger rate**: of 200-character generations from Persuasion prompts that do not show the behavior, those of the odd prompts (never used for the threshold), the fraction that drift. The threshold is the lowest at which at most 5 % of the even prompts' negative generations drift (drift.ts calibrateThreshold); the measured rate on the other half is that target plus sampling noise (n = ${nRange}: a binomial standard error of ${seRange} points at 5 %).
- **positive trigger rate**: of the generations that show the behavior, the fraction that drift (the monitor's recall at that threshold).

Targets (the issue): held-out per-character AUC ≥ 0.9 for dialogue and JSON — ${target('json')}, ${target('dialogue')}.

## What a score means, and what it cannot

austen-mini is a 1.2 M-parameter character model. Its SAE's latents that have an automatic label (features.json; most have none) are orthographic — a character, a quote mark, a word — and so are the labelled latents among each probe's largest weights (\`top_latents\` in each file). A score is therefore a statement about the *form* of the text the model is writing, learned from programmatic labels, never about meaning, intent or emotion.

- **dialogue** — whether the character is inside double quotation marks (held-out ${f3(by('dialogue').evidence.heldout_auc)}; it ${reads('dialogue')}). One character's own code carries that state only weakly at block 3 (held-out 0.768 with the own code; a dense logistic probe on one position's raw residual does no better: 0.77 at blocks.3.hook_resid_pre, 0.74 at blocks.4, 0.86 at blocks.5.hook_resid_pre, 0.98 at blocks.5.hook_resid_post — a one-off diagnostic with 250 + 250 training examples, not rerun by the script): the quotation state becomes linearly readable at one position only in the last block, after the SAE's hook, while the recent codes (an opening or a closing quote mark, the words of speech) hold it. A long speech whose opening quote is far back is read from its words alone. Calibration: ECE ${f3(by('dialogue').evidence.heldout_ece)}; the threshold is ${by('dialogue').scorer.threshold.toFixed(3)}, and ${pct(by('dialogue').evidence.positive_trigger_rate)} of the generations with a quoted run drift. It cannot tell who speaks or what is said.
- **json** — whether the character is inside a JSON document (the synthetic JSON the model was trained on) rather than prose: orthographically unmistakable (brackets, quoted keys, colons), hence near perfect (it ${reads('json')}). It cannot check that the JSON is valid or matches a schema.
- **exclamation** — whether the spoken sentence being written will end in \`!\` rather than \`.\`: a reading of the form of the speech leading up to a \`!\`, not of emotion. Weak (held-out ${f3(by('exclamation').evidence.heldout_auc)}; it ${reads('exclamation')}; a dense probe on one position at block 3 does no better, 0.64): most of a sentence does not yet show how it will end. The labelled latents among its largest weights are common word pieces, not one clear cue; its scores barely differ between generations with and without a \`!\` (mean ${meanScores('exclamation')}) and are poorly calibrated on Persuasion (ECE ${f3(by('exclamation').evidence.heldout_ece)}); at the 5 % false-trigger budget it catches ${pct(by('exclamation').evidence.positive_trigger_rate)} of the generations with a \`!\`. Treat it as a weak hint.
- **question** — the same for \`?\`: weak for the same reasons (held-out ${f3(by('question').evidence.heldout_auc)}; it ${reads('question')}; dense probe 0.67; mean ${meanScores('question')}; catches ${pct(by('question').evidence.positive_trigger_rate)} of the generations with a \`?\`).

Both exclamation and question were trained on quoted speech only (spoken sentences ending in \`!\`/\`?\` vs \`.\`); their scores on narration are extrapolations, held in check only by the threshold calibrated on generations.

## How they were built (\`scripts/sae/behaviors.ts\`)

1. **Examples**: the steering vectors' contrast sets (scripts/steering/data.ts \`setsFor\`; engine/steering/builtin/sets.ts): every example ends before its labelling character (the closing \`"\`, the \`!\`/\`?\`, the closing bracket), which is never fed. Training: the fit and validation examples from the five training novels (up to 600 + 600); held out: Persuasion (and the held-out JSON stream).
2. **Rows**: each example is fed whole and encoded by the SAE (encodeText's rows); its positions from..end (the averaged span, at most 96) are labelled with the example's label and grouped by example — each position's code, or with a window the moving average of the codes from the example's first character (up to 192 characters of context before the span) to that position, exactly as the monitor averages from the prompt's start. Corpus texts are already normalised, so row r is character r.
3. **Probe**: the window (${WINDOWS.join(' or ')} characters) and L2 (${L2_GRID.join(', ')}) chosen together by validation AUC (probe fitted on the fit split only), then trained on fit + validation (class-balanced logistic loss, L-BFGS). The probe lists every latent active in training with a non-zero weight.
4. **Calibration**: Platt scaling fitted on the grouped 5-fold out-of-fold logits of the training rows — so the score is calibrated for the training contrast, where about half of the rows are positive; on text where the behavior is rare, a score of 0.6 does not mean 60 %.
5. **Threshold**: ${PROSE_PROMPTS} Persuasion prompts (160 characters, each ending a paragraph) × ${SEEDS} seeds and ${JSON_PROMPTS} held-out JSON prompts × ${SEEDS} seeds, ${GEN_CHARS} characters at temperature ${SAMPLE_TEMPERATURE} (end-of-text banned), each character scored by the SAE monitor itself during generation. Labels (engine/sae/behavior-build.ts \`generationLabel\`): dialogue — no \`"\` is negative, a quoted run of ≥ 16 characters positive; json — Persuasion generations without brackets negative, JSON-prompt generations with a key positive; exclamation / question — no \`!\` (\`?\`) negative, one or more positive; anything else is left out. Negatives of even prompts calibrate the threshold (≤ 5 % drift), those of odd prompts measure it.
6. **Correction**: json and exclamation link the shipped steering vectors; dialogue and question have none (they missed the steering targets, models/austen-mini/steering/README.md), so their files carry an inline difference-of-means vector at the SAE's hook over the training examples' spans, scaled by the hook's mean residual norm (strength 1 adds one typical residual norm).

## The correction's effect (strength −1 vs 0)

12 held-out prompts that lead into the behavior (a speech just opened, a JSON document, a spoken sentence just before its \`!\`/\`?\`) × 2 seeds, 200 characters, the same seeds at both strengths. *Re-read*: the generated text's scores as the unsteered model reads it. *Live*: what the monitor showed during the corrected generation; it takes steering at its own hook back out (engine/step/observers.ts), so it too reads the text, and differs from the re-read only by the context windows.

| behavior | measure | measure 0 → −1 | re-read mean score | re-read share above threshold | live mean score |
|---|---|---:|---:|---:|---:|
${effects.join('\n')}

${effectFindings(files)}

The share of characters above the threshold, not the drift rate, is the figure to read: the first generated characters continue the prompt's speech or JSON document before the correction takes hold, so nearly every generation drifts somewhere at either strength. With 24 generations per strength these are indications, not estimates; the \`!\` and \`?\` measures are near 0 even unsteered (the model rarely writes them, even right where Austen did).
`;
}

/** `--card`: rewrites README.md from the committed behavior files (no corpus, no computation). */
function writeCard(): void {
  const files = BUILTIN_BEHAVIORS.map(
    (name): BehaviorFile => behaviorFileSchema.parse(JSON.parse(readFileSync(join(OUT_DIR, `${name}.json`), 'utf8'))),
  );
  writeFileSync(join(OUT_DIR, 'README.md'), card(files, files[0]?.scorer.hook ?? ''));
}

if (isMainThread) {
  if (parseArgs({ options: { card: { type: 'boolean' } } }).values.card) writeCard();
  else await main();
} else await workerMain();
