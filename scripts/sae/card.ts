// `npx tsx scripts/sae/card.ts`: writes models/austen-mini/sae/README.md from metrics.json (the shipped SAE) and
// pilots.json (the hook pilot; refreshed from runs/sae/pilot-*/metrics.json when those exist).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../engine/node/load-model.ts';

interface Measured {
  chars: number;
  fve: number;
  pca_k_fve: number;
  dead_fraction: number;
  l0: number;
  clean_loss?: number;
  spliced_loss?: number;
  delta_loss?: number;
}
interface Report {
  hook: string;
  d: number;
  n: number;
  k: number;
  k_aux: number;
  aux_coef: number;
  dead_tokens: number;
  batch: number;
  lr: number;
  tokens_seen: number;
  steps: number;
  train_seconds: number;
  seed: number;
  heldout_50k: Measured;
  test_slice_5k: Measured;
}

const dir = join(REPO_ROOT, 'models', 'austen-mini', 'sae');

interface LabelSummary {
  latents: number;
  dead: number;
  labelled: number;
  unlabelled: number;
  threshold: number;
  top_labels: [string, number][];
}

/** The automatic labels' summary (labels.json, written by `npm run sae:label`), when it exists. */
function labelSection(): string {
  const p = join(dir, 'labels.json');
  if (!existsSync(p)) return '';
  const l = JSON.parse(readFileSync(p, 'utf8')) as LabelSummary;
  const live = l.latents - l.dead;
  const pct = (x: number) => `${((100 * x) / live).toFixed(1)} %`;
  return `
## Feature labels

\`npm run sae:label\` labels every latent on the same 50,000 characters (\`engine/sae/labels.ts\`): its activation is
scored against each of about 75 cheap labellers (\`engine/sae/labellers.ts\`, \`word-labellers.ts\`: inside quotes, quote marks, JSON
keys and strings, digit, capital, word start, sentence start, newline, space, single punctuation characters, and
the held-out text's frequent words and names — each defined from the characters up to the position, as a causal
model sees them) by AUC; the best labeller's words become the label when its AUC is at least ${l.threshold}, else the
latent is "unlabelled". Of ${l.latents} latents, ${l.dead} are dead on this text; of the ${live} live ones
**${l.labelled} are labelled (${pct(l.labelled)})** and ${l.unlabelled} unlabelled (${pct(l.unlabelled)}). Every
latent's top-activating contexts, density and best candidates are in \`features.json\` (what \`GET /sae/features\`
serves). Most frequent labels:

| label | latents |
|---|---|
${l.top_labels.map(([k, n]) => `| ${k.replaceAll('|', '\\|')} | ${n} |`).join('\n')}

An unlabelled latent is not meaningless: it may track a property none of these labellers describes (a position
in a word, a mix of characters); its contexts show what it fires on.
`;
}
const BASELINE = 1.2551;
const r = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as Report;
const runs = join(REPO_ROOT, 'runs', 'sae');
const pilotPath = join(dir, 'pilots.json');
if (existsSync(runs)) {
  const found = readdirSync(runs)
    .filter((f) => f.startsWith('pilot-') && existsSync(join(runs, f, 'metrics.json')))
    .map((f) => JSON.parse(readFileSync(join(runs, f, 'metrics.json'), 'utf8')) as Report)
    .map(({ hook, n, k, tokens_seen, train_seconds, heldout_50k }) => ({
      hook,
      n,
      k,
      tokens_seen,
      train_seconds,
      heldout_50k,
    }));
  if (found.length) writeFileSync(pilotPath, `${JSON.stringify(found, null, 2)}\n`);
}
const pilots = existsSync(pilotPath) ? (JSON.parse(readFileSync(pilotPath, 'utf8')) as Report[]) : [];
const order = (h: string) => {
  const m = /^blocks\.(\d+)\.hook_resid_(pre|post)$/.exec(h);
  return m ? Number(m[1]) * 2 + (m[2] === 'post' ? 1 : 0) : 99;
};
pilots.sort((a, b) => order(a.hook) - order(b.hook));

const f3 = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(3));
const pct = (v: number) => `${(v * 100).toFixed(2)} %`;
const ok = (b: boolean) => (b ? '**met**' : '**missed**');
const h = r.heldout_50k;
const s = r.test_slice_5k;
const delta = (h.spliced_loss ?? Number.NaN) - BASELINE;
const mins = (sec: number) => `${Math.floor(sec / 60)} min ${sec % 60} s`;

const card = `# austen-mini TopK SAE

A TopK sparse autoencoder (Gao et al. 2024) on the residual stream of \`austen-mini\`, trained by this repository
(\`npm run train:sae\`). The engine reads it with \`engine/sae/\` (\`loadSae\`, \`encodeText\`, \`measureSae\`).

| | |
|---|---|
| hook | \`${r.hook}\` (the residual stream entering block ${r.hook.split('.')[1]} of 6; why: below) |
| dictionary | ${r.n.toLocaleString('en')} latents (${r.n / r.d}× the width ${r.d}) |
| k | ${r.k} active latents per character (relu after top-k, so L0 ≤ k) |
| weights | \`sae.safetensors\`: W_enc [${r.n} × ${r.d}], latent_bias [${r.n}], W_dec [${r.n} × ${r.d}] (unit-norm rows), pre_bias [${r.d}], F32; the metadata holds this card's figures |
| recipe | OpenAI's \`sparse_autoencoder/train.py\`: tied init (W_enc = W_dec, random unit rows), pre_bias = geometric median of the first 4,096 activations of the buffer, encoder rescaled so reconstructions of random unit inputs have unit norm, loss = MSE / Var(x) + ${r.aux_coef.toFixed(5)} × AuxK (top ${r.k_aux} of the dead latents reconstruct the residual error e, normalised by Σ‖e‖² — uncentred, where OpenAI's normalized_mse centres it; dead = no activation for ${r.dead_tokens.toLocaleString('en')} tokens), unit-norm decoder with the parallel gradient component projected out, Adam (β 0.9 / 0.999, ε 6.25e-10), lr ${r.lr} (warm-up min(100, steps / 10) steps, linear decay over the last 20 %), batch ${r.batch} |
| data | residuals of random 256-character windows of the five training novels (93 %) and synthetic JSON lines (7 %), every position of each window, through a 65,536-row shuffling buffer (each streamed row served about 3 times); *Persuasion* never |
| tokens seen | ${r.tokens_seen.toLocaleString('en')} (${r.steps.toLocaleString('en')} steps) |
| wall time | ${mins(r.train_seconds)} of training on this project's 2-core machine (shared with other work while it ran), plus about a minute of measurement |

## Metrics on the committed 50,000 characters of *Persuasion*

All ${h.chars.toLocaleString('en')} characters (\`engine/train/heldout/persuasion-50k.txt\`, held out from the model and the SAE);
the residual of each character comes from windows of 256 with stride 128, as in the evaluation protocol.

| metric | value | target | |
|---|---|---|---|
| FVE = 1 − Σ‖x − x̂‖² / Σ‖x − x̄‖² | ${f3(h.fve)} | ≥ 0.9 | ${ok(h.fve >= 0.9)} |
| PCA-${r.k} FVE at the same hook (in-sample, an upper bound for PCA) | ${f3(h.pca_k_fve)} | FVE ≥ PCA + 0.05 = ${f3(h.pca_k_fve + 0.05)} | ${ok(h.fve >= h.pca_k_fve + 0.05)} |
| dead fraction (never active on these characters) | ${pct(h.dead_fraction)} | < 2 % | ${ok(h.dead_fraction < 0.02)} |
| L0 (mean active latents) | ${h.l0.toFixed(2)} | ≤ ${r.k} | — |
| held-out loss, reconstruction spliced in at every position | ${h.spliced_loss?.toFixed(4) ?? '—'} nats/char | | |
| Δloss = spliced − ${BASELINE} | ${f3(delta)} nats/char | < 0.05 | ${ok(delta < 0.05)} |

The clean loss by the same code path is ${h.clean_loss?.toFixed(4) ?? '—'} (= the model card's ${BASELINE}).
Test slice (first 5,000 characters, what \`engine/sae/committed-sae.test.ts\` reproduces, FVE ± 0.002, dead ± 1 latent,
losses ± 1e-4): FVE ${f3(s.fve)}, PCA-${r.k} ${f3(s.pca_k_fve)}, dead ${pct(s.dead_fraction)}, L0 ${s.l0.toFixed(2)}${
  s.spliced_loss !== undefined && s.clean_loss !== undefined
    ? `, loss ${s.clean_loss.toFixed(4)} → ${s.spliced_loss.toFixed(4)} spliced (Δ ${f3(s.spliced_loss - s.clean_loss)}; this slice's own loss is higher than the whole text's)`
    : ''
}.

## Why this hook: the pilot

Candidates: the residual stream at four depths inside blocks 2–4. Each got a pilot SAE (${pilots[0]?.n ?? r.n} latents,
k ${pilots[0]?.k ?? r.k}, ${((pilots[0]?.tokens_seen ?? 0) / 1000).toFixed(0)}k tokens, otherwise the recipe above), measured on the same 50,000 characters:

| hook | FVE | PCA-${r.k} FVE | FVE − PCA | dead | Δloss (nats/char) |
|---|---|---|---|---|---|
${pilots.map((p) => `| \`${p.hook}\` | ${f3(p.heldout_50k.fve)} | ${f3(p.heldout_50k.pca_k_fve)} | ${f3(p.heldout_50k.fve - p.heldout_50k.pca_k_fve)} | ${pct(p.heldout_50k.dead_fraction)} | ${f3(p.heldout_50k.delta_loss)} |`).join('\n')}

Rule: the hook where the sparse code most clearly beats its linear baseline (FVE − PCA-k, the issue's second target)
while FVE stays ≥ 0.9. At \`blocks.2.hook_resid_pre\` the residual is still nearly low-rank (PCA-${r.k} alone explains
~0.94), so a sparse code adds little over PCA and misses the +0.05 target; deeper hooks are harder to reconstruct
(lower FVE, larger Δloss). \`${r.hook}\` has the largest margin over PCA with FVE above 0.9, and sits in the middle of
the model, where the features are contextual (inside a quotation, JSON structure) rather than only the current
character.

## Δloss

Δloss is the target the pilots missed: the model's later blocks amplify small residual errors, and at 400k tokens
every candidate was above 0.1 (\`${r.hook}\`: ${f3(pilots.find((p) => p.hook === r.hook)?.heldout_50k.delta_loss)}). The full run
(${(r.tokens_seen / 1e6).toFixed(1)} M tokens, ${(r.tokens_seen / (pilots[0]?.tokens_seen ?? r.tokens_seen)).toFixed(1)}× the pilot; the same schedule, warm-up and decay scaled to its length) brings it to
${f3(delta)}${delta < 0.05 ? ' with no other change than the tokens' : '; not tried for lack of time: 2,048 latents, more tokens'}.

## Rebuild

\`\`\`bash
npm run corpus          # once: the training novels (data/austen/)
npm run train:sae       # defaults = this run (hook ${r.hook}, --latents ${r.n} --k ${r.k} --tokens ${r.tokens_seen >= 1e6 ? `${Math.round(r.tokens_seen / 1e5) / 10}e6` : r.tokens_seen}); resumable: rerun after an interruption
npx tsx scripts/sae/card.ts   # this card
\`\`\`

Pilots: \`npm run train:sae -- --hook <hook> --tokens 4e5 --pilot --name pilot-<hook>\` (writes runs/sae/pilot-<hook>/metrics.json only).
Long runs: \`nohup npm run train:sae > /tmp/sae-train.log 2>&1 &\`; checkpoints (weights, Adam moments, dead-latent
counters, PRNG state) go to \`runs/sae/<hook>-n<latents>-k<k>/checkpoint.safetensors\` every minute.
Training is seeded but not bit-reproducible across a resume (the shuffling buffer is refilled).

## What the features can mean

This is a 1.2 M-parameter character model: its latents are orthographic and stylistic (capitals, word starts,
punctuation, inside quotes, JSON keys and strings, frequent words and names), not semantic concepts.
${labelSection()}`;
writeFileSync(join(dir, 'README.md'), card);
console.error(`wrote ${join(dir, 'README.md')}`);
