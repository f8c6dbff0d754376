// `npm run train:sae [-- --hook blocks.3.hook_resid_pre --latents 1024 --k 32 --tokens 3e6 ...]`: trains a TopK SAE
// (engine/sae/train-step.ts) on residuals of the frozen austen-mini, streamed from random windows of the training
// corpus (the five training novels plus synthetic JSON lines at the model's own 7 %; Persuasion never), through a
// shuffling buffer. Resumable: checkpoints go to runs/sae/<name>/checkpoint.safetensors every minute; rerunning the
// same command continues (the buffer is refilled). At the end it measures the SAE on the committed 50,000 characters
// of Persuasion and writes models/austen-mini/sae/ (or, with --pilot, only runs/sae/<name>/metrics.json).
// Needs the corpus (`npm run corpus`). Long runs: nohup npm run train:sae > /tmp/sae-train.log 2>&1 &
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadModel, REPO_ROOT } from '../../engine/node/load-model.ts';
import { Rng, type RngState } from '../../engine/rng.ts';
import { saeToSafetensors } from '../../engine/sae/io.ts';
import { measureSae } from '../../engine/sae/measure.ts';
import { windowResiduals } from '../../engine/sae/residuals.ts';
import { type SaeTrainConfig, SaeTrainer } from '../../engine/sae/train-step.ts';
import { readSafetensors, type Tensor, writeSafetensors } from '../../engine/safetensors.ts';
import { encode } from '../../engine/tokenizer.ts';
import { ensureCorpus, HELDOUT_SLUG } from '../../engine/train/corpus.ts';
import { HELDOUT_CHARS, readHeldout, TEST_SLICE_CHARS } from '../../engine/train/heldout.ts';
import { buildLexicon, jsonStream } from '../../engine/train/synthetic-json.ts';

const { values: a } = parseArgs({
  options: {
    hook: { type: 'string', default: 'blocks.3.hook_resid_pre' },
    latents: { type: 'string', default: '1024' },
    k: { type: 'string', default: '32' },
    'k-aux': { type: 'string', default: '64' },
    'aux-coef': { type: 'string', default: String(1 / 32) },
    'dead-tokens': { type: 'string', default: '200000' },
    tokens: { type: 'string', default: '3e6' },
    batch: { type: 'string', default: '1024' },
    lr: { type: 'string', default: '1e-3' },
    buffer: { type: 'string', default: '65536' },
    /** Mean times each streamed row is served: a served slot is refilled with probability 1/reuse. */
    reuse: { type: 'string', default: '3' },
    'json-fraction': { type: 'string', default: '0.07' },
    seed: { type: 'string', default: '1234' },
    name: { type: 'string' },
    pilot: { type: 'boolean', default: false },
    'no-loss': { type: 'boolean', default: false },
    'checkpoint-seconds': { type: 'string', default: '60' },
  },
});
const num = (key: keyof typeof a) => {
  const v = Number(a[key]);
  if (!Number.isFinite(v)) throw new Error(`--${key} must be a number, got ${String(a[key])}`);
  return v;
};

const model = loadModel();
const hook = String(a.hook);
const cfg: SaeTrainConfig = {
  hook,
  d: model.cfg.dModel,
  n: num('latents'),
  k: num('k'),
  kAux: num('k-aux'),
  auxCoef: num('aux-coef'),
  deadTokens: num('dead-tokens'),
  batch: num('batch'),
  beta1: 0.9,
  beta2: 0.999,
  eps: 6.25e-10,
};
const totalTokens = num('tokens');
const lrMax = num('lr');
const seed = num('seed');
const bufferRows = num('buffer');
const name = a.name ?? `${hook}-n${cfg.n}-k${cfg.k}`;
const runDir = join(REPO_ROOT, 'runs', 'sae', name);
const ckptPath = join(runDir, 'checkpoint.safetensors');
mkdirSync(runDir, { recursive: true });
const options = { cfg, totalTokens, lrMax, seed, bufferRows, reuse: num('reuse'), jsonFraction: num('json-fraction') };

// ---- data: random windows of the training text, residuals at the hook
const books = ensureCorpus(REPO_ROOT, console.error);
const train = books.filter((b) => b.slug !== HELDOUT_SLUG);
const prose = encode(train.map((b) => b.text).join('\n'));
const json = encode(jsonStream(new Rng(seed + 1), buildLexicon(train.map((b) => b.text)), 400_000));
const T = model.cfg.ctx;
const d = cfg.d;
const session = model.newSession();

function windowRows(rng: Rng): Float32Array {
  const src = rng.next() < options.jsonFraction ? json : prose;
  const s = rng.int(src.length - T);
  return windowResiduals(model, session, src.slice(s, s + T), hook);
}

// ---- state: fresh or resumed
const trainer = new SaeTrainer(cfg);
let rng = new Rng(seed);
let elapsed = 0;
const history: { tokens: number; nmse: number; aux: number; dead: number }[] = [];
if (existsSync(ckptPath)) {
  const f = readSafetensors(readFileSync(ckptPath));
  const md = f.metadata;
  if (md.options !== JSON.stringify(options))
    throw new Error(`${ckptPath} was made with other options (${md.options}); delete it or pass the same flags`);
  const t = (n: string) => {
    const v = f.tensors.get(n)?.data;
    if (!v) throw new Error(`${ckptPath}: missing ${n}`);
    return v;
  };
  const names = ['wEnc', 'bEnc', 'wDec', 'preBias'] as const;
  trainer.load(
    { wEnc: t('wEnc'), bEnc: t('bEnc'), wDec: t('wDec'), preBias: t('preBias') },
    Object.fromEntries(names.map((n) => [n, { m: t(`${n}.m`), v: t(`${n}.v`) }])),
  );
  trainer.sinceFired.set(t('sinceFired'));
  trainer.step = Number(md.step);
  trainer.tokensSeen = Number(md.tokens_seen);
  trainer.mseScale = Number(md.mse_scale);
  rng = new Rng(JSON.parse(md.rng ?? '[]') as RngState);
  elapsed = Number(md.elapsed_seconds);
  history.push(...(JSON.parse(md.history ?? '[]') as typeof history));
  console.error(`resumed ${name} at ${trainer.tokensSeen.toLocaleString('en')} tokens (step ${trainer.step})`);
}

function saveCheckpoint(): void {
  const tensors = new Map<string, Tensor>();
  const w = trainer.sae();
  const mo = trainer.moments();
  const weights = { wEnc: w.wEnc, bEnc: w.bEnc, wDec: w.wDec, preBias: w.preBias };
  for (const [n, data] of Object.entries(weights)) {
    tensors.set(n, { shape: [data.length], data });
    const m = mo[n];
    if (!m) throw new Error(`no moments for ${n}`);
    tensors.set(`${n}.m`, { shape: [data.length], data: m.m });
    tensors.set(`${n}.v`, { shape: [data.length], data: m.v });
  }
  tensors.set('sinceFired', { shape: [cfg.n], data: Float32Array.from(trainer.sinceFired) });
  const bytes = writeSafetensors(tensors, {
    kind: 'axplay-sae-checkpoint',
    options: JSON.stringify(options),
    step: String(trainer.step),
    tokens_seen: String(trainer.tokensSeen),
    mse_scale: String(trainer.mseScale),
    rng: JSON.stringify(rng.state),
    elapsed_seconds: String(elapsed),
    history: JSON.stringify(history),
  });
  writeFileSync(`${ckptPath}.tmp`, bytes);
  renameSync(`${ckptPath}.tmp`, ckptPath);
}

// ---- the buffer: random slots are served and refilled with fresh rows
const t0 = performance.now();
const buffer = new Float32Array(bufferRows * d);
for (let r = 0; r < bufferRows; r += T) {
  const rows = windowRows(rng);
  buffer.set(rows.subarray(0, Math.min(T, bufferRows - r) * d), r * d);
}
if (trainer.step === 0) {
  trainer.init(buffer.subarray(0, Math.min(bufferRows, 16384) * d), Math.min(bufferRows, 16384), rng);
  console.error(`init: geometric-median pre_bias, tied weights, mse_scale ${trainer.mseScale.toPrecision(4)}`);
}
const B = cfg.batch;
const batch = new Float32Array(B * d);
const slots = new Int32Array(B);
let pending: Float32Array = new Float32Array(0);
let pendingAt = 0;
function nextBatch(): void {
  for (let i = 0; i < B; i++) {
    const s = rng.int(bufferRows);
    slots[i] = s;
    batch.set(buffer.subarray(s * d, (s + 1) * d), i * d);
    if (options.reuse > 1 && rng.next() * options.reuse >= 1) continue;
    if (pendingAt * d >= pending.length) {
      pending = windowRows(rng);
      pendingAt = 0;
    }
    buffer.set(pending.subarray(pendingAt * d, (pendingAt + 1) * d), s * d);
    pendingAt++;
  }
}

const totalSteps = Math.ceil(totalTokens / B);
const warmup = Math.min(100, Math.floor(totalSteps / 10));
const lrAt = (step: number) => {
  if (step < warmup) return (lrMax * (step + 1)) / warmup;
  const decayFrom = Math.floor(totalSteps * 0.8);
  if (step < decayFrom) return lrMax;
  return lrMax * Math.max(0.02, (totalSteps - step) / (totalSteps - decayFrom));
};

const tty = process.stderr.isTTY;
let lastPrint = 0;
let lastCkpt = performance.now();
let runStart = performance.now();
const startTokens = trainer.tokensSeen;
let ema: { nmse: number; aux: number } | undefined;
function progress(dead: number, force = false): void {
  const now = performance.now();
  if (!force && now - lastPrint < (tty ? 250 : 10_000)) return;
  lastPrint = now;
  const frac = Math.min(1, trainer.step / totalSteps);
  const rate = (trainer.tokensSeen - startTokens) / ((now - runStart) / 1000);
  const eta = rate > 0 ? (totalSteps * B - trainer.tokensSeen) / rate : 0;
  const bar = '#'.repeat(Math.round(frac * 30)).padEnd(30, '.');
  const line =
    `[${bar}] ${(frac * 100).toFixed(1)}% ${(trainer.tokensSeen / 1e6).toFixed(2)}M/${(totalTokens / 1e6).toFixed(2)}M tok ` +
    `nmse ${ema?.nmse.toFixed(4) ?? '-'} aux ${ema?.aux.toFixed(3) ?? '-'} dead ${dead} ` +
    `${Math.round(rate).toLocaleString('en')} tok/s ETA ${fmt(eta)}`;
  process.stderr.write(tty ? `\r${line}` : `${line}\n`);
}
const fmt = (sec: number) => {
  const s = Math.round(sec);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
};

runStart = performance.now();
let dead = 0;
while (trainer.step < totalSteps) {
  nextBatch();
  const st = trainer.trainStep(batch, lrAt(trainer.step));
  dead = st.dead;
  ema = ema ? { nmse: 0.98 * ema.nmse + 0.02 * st.nmse, aux: 0.98 * ema.aux + 0.02 * st.aux } : { ...st };
  if (trainer.step % 50 === 0) history.push({ tokens: trainer.tokensSeen, nmse: ema.nmse, aux: ema.aux, dead });
  progress(dead);
  if (performance.now() - lastCkpt > num('checkpoint-seconds') * 1000) {
    elapsed += (performance.now() - lastCkpt) / 1000;
    lastCkpt = performance.now();
    saveCheckpoint();
  }
}
progress(dead, true);
elapsed += (performance.now() - lastCkpt) / 1000;
saveCheckpoint();
process.stderr.write('\n');
const trainSeconds = elapsed;
console.error(
  `trained ${trainer.tokensSeen.toLocaleString('en')} tokens in ${fmt(trainSeconds)} (this run: ${fmt((performance.now() - t0) / 1000)})`,
);

// ---- measure on the committed Persuasion text
const sae = trainer.sae();
const heldout = readHeldout(REPO_ROOT);
const m0 = performance.now();
const full = measureSae(model, sae, heldout.slice(0, HELDOUT_CHARS), !a['no-loss']);
// the test slice with its losses too: engine/sae/committed-sae.test.ts reproduces them
const slice = measureSae(model, sae, heldout.slice(0, TEST_SLICE_CHARS), !a['no-loss']);
console.error(`measured in ${((performance.now() - m0) / 1000).toFixed(1)} s`);
const report = {
  hook,
  d,
  n: cfg.n,
  k: cfg.k,
  k_aux: cfg.kAux,
  aux_coef: cfg.auxCoef,
  dead_tokens: cfg.deadTokens,
  batch: B,
  lr: lrMax,
  tokens_seen: trainer.tokensSeen,
  steps: trainer.step,
  train_seconds: Math.round(trainSeconds),
  seed,
  heldout_50k: full,
  test_slice_5k: slice,
  history,
};
console.log(JSON.stringify({ ...report, history: undefined }, null, 2));
writeFileSync(join(runDir, 'metrics.json'), `${JSON.stringify(report, null, 2)}\n`);
if (!a.pilot) {
  const out = join(REPO_ROOT, 'models', 'austen-mini', 'sae');
  mkdirSync(out, { recursive: true });
  const { history: _h, ...meta } = report;
  writeFileSync(join(out, 'sae.safetensors'), saeToSafetensors(sae, meta));
  writeFileSync(join(out, 'metrics.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.error(`wrote ${out}/sae.safetensors and metrics.json`);
}
