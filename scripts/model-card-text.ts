// The model card (models/<name>/README.md), rendered from what scripts/model-card.ts measured and what the
// training run recorded, so the card and the tests read the same numbers.

export interface CardInputs {
  name: string;
  parameters: number;
  config: { ctx: number; nLayer: number; nHead: number; dModel: number; vocabSize: number };
  heldout: { val_loss: number; bits_per_char: number; chars: number; scored: number };
  slice: { val_loss: number; bits_per_char: number; chars: number; scored: number };
  golden: { prompt: string; greedy_chars: number; continuation: string };
  training: {
    steps: number;
    tokens_seen: number;
    train_seconds: number;
    selection_val_loss: number;
    command: string;
    corpus_sha256: string;
    train_books: { slug: string; chars: number }[];
    json_chars: number;
    options: {
      batch: number;
      workers: number;
      lr: number;
      minLr: number;
      warmup: number;
      weightDecay: number;
      jsonFraction: number;
      seed: number;
    };
    history: { step: number; trainLoss: number; valLoss?: number }[];
  };
  sample: string;
}

const f4 = (x: number) => x.toFixed(4);

export function renderCard(m: CardInputs): string {
  const t = m.training;
  const o = t.options;
  const c = m.config;
  const proseChars = t.train_books.reduce((n, b) => n + b.chars, 0);
  const vals = t.history.filter((h) => h.valLoss !== undefined);
  const minutes = (t.train_seconds / 60).toFixed(0);
  return `# ${m.name}

A ${(m.parameters / 1e6).toFixed(2)} M-parameter character-level GPT, trained by this repository on five of Jane Austen's
novels plus synthetic JSON lines, with *Persuasion* held out. It is the local model behind \`npm start\`.

| | |
|---|---|
| parameters | ${m.parameters.toLocaleString('en-US')} |
| architecture | GPT-2 style, pre-LayerNorm: ${c.nLayer} blocks, width ${c.dModel}, ${c.nHead} heads of ${c.dModel / c.nHead}, MLP ${4 * c.dModel} (GELU, tanh form), learned positions, tied input/output embeddings |
| context | ${c.ctx} characters |
| tokenizer | one token per character: newline, printable ASCII 32–126, end-of-text (${c.vocabSize} ids) |
| weights | \`model.safetensors\` (F32), config and vocabulary in its metadata |
| training corpus | *Emma*, *Mansfield Park*, *Northanger Abbey*, *Pride and Prejudice*, *Sense and Sensibility*: ${proseChars.toLocaleString('en-US')} characters after unwrapping paragraphs and normalising, from Debian's \`r-cran-janeaustenr\` 1.0.0-1 (MIT; the novels are public domain); plus ${t.json_chars.toLocaleString('en-US')} characters of synthetic JSON lines whose names and places are the novels' proper nouns. Each training window comes from the JSON stream with probability ${o.jsonFraction}. Corpus sha256 \`${t.corpus_sha256.slice(0, 16)}…\` |
| held out | *Persuasion* (never trained on). Model selection used its characters 100,000–150,000; the evaluation uses its first 50,000 (committed as \`engine/train/heldout/persuasion-50k.txt\`) |
| training | ${t.steps.toLocaleString('en-US')} steps × ${o.batch * o.workers} sequences × ${c.ctx} characters = ${t.tokens_seen.toLocaleString('en-US')} tokens seen; AdamW (β 0.9 / 0.99, weight decay ${o.weightDecay} on matrices), learning rate ${o.lr} after ${o.warmup} warm-up steps, cosine to ${o.minLr}, gradient clipping 1.0, seed ${o.seed}; own backprop on WASM-SIMD kernels, ${o.workers} worker threads |
| training time | ${minutes} min wall on this project's 2-core machine (shared with development work while it ran) |
| **held-out loss** | **${f4(m.heldout.val_loss)} nats/char (${m.heldout.bits_per_char.toFixed(3)} bits/char)** on the first ${m.heldout.chars.toLocaleString('en-US')} characters of *Persuasion* (${m.heldout.scored.toLocaleString('en-US')} scored: windows of ${c.ctx}, stride ${c.ctx / 2}, second half of each window scored) — \`npm run eval\` |
| test slice | ${f4(m.slice.val_loss)} nats/char on the first 5,000 characters of the same file (what \`engine/committed-model.test.ts\` checks, ± 0.005) |
| selection loss | ${f4(t.selection_val_loss)} nats/char on *Persuasion* 100k–150k (best of the periodic evaluations; the shipped weights) |

## Reproduce

\`\`\`bash
apt-get update            # once: apt-get download needs the package lists
npm run corpus            # downloads r-cran-janeaustenr with apt-get download, extracts data/austen/
${t.command.replace(/^npm run train --\s*$/, 'npm run train')}         # defaults are exactly this run; resumable: rerun the same command after an interruption
\`\`\`

Long runs: \`nohup npm run train > runs/train.log 2>&1 &\`. Checkpoints (weights, AdamW moments, best weights,
PRNG state) go to \`runs/${m.name}/\` every 4 minutes; the run is deterministic given its seed, including across a
resume. At the end the best weights by selection loss are written here.

## Learning curve

| step | ${vals.map((v) => v.step).join(' | ')} |
|---|${vals.map(() => '---').join('|')}|
| selection loss | ${vals.map((v) => (v.valLoss ?? 0).toFixed(3)).join(' | ')} |

## What it does

Greedy continuation of "${m.golden.prompt}" (${m.golden.greedy_chars} characters, recorded and checked by the tests):

> ${m.golden.prompt}${m.golden.continuation.replace(/\n/g, ' ')}

A sample at temperature 0.8, top-p 0.95, seed 1 (\`npm run generate -- --prompt "It is a truth" --seed 1 --max-tokens 300\`):

> ${m.sample.replace(/\n/g, '\n> ')}

## What it cannot do

- It is tiny and character-level: it writes pseudo-Austen — plausible rhythm, real names, frequent misspellings and
  invented words — and loses the thread after a sentence or two.
- It has no instruction, chat or safety training. The chat template (\`User:\` / \`Assistant:\` lines) only frames a
  prompt; the model continues it as prose.
- It knows nothing after, or outside, five novels; it cannot answer questions.
- Its JSON is syntax-shaped: keys and names look right, but values are random. Constrained decoding (a later
  feature) is what makes output valid.
- Steering and SAE features on a model this small are stylistic and orthographic (quotes, capitals, JSON-ness),
  not semantic.
`;
}
