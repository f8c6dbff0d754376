// The node-side data of the built-in steering vectors: the corpus (five training novels, Persuasion held out), the
// labelled contrast sets (train / validation / held-out), the synthetic JSON streams and the dose–response prompts.

import { join } from 'node:path';
import { DEFAULT_MODEL, REPO_ROOT } from '../../engine/node/load-model.ts';
import { Rng } from '../../engine/rng.ts';
import type { BuiltinName } from '../../engine/steering/builtin/catalog.ts';
import {
  type ContrastExample,
  type ContrastSets,
  dialogueSets,
  jsonSets,
  letterSets,
  paragraphs,
  type SourceText,
  sample,
  terminatorSets,
} from '../../engine/steering/builtin/sets.ts';
import { ensureCorpus, HELDOUT_SLUG } from '../../engine/train/corpus.ts';
import { buildLexicon, jsonStream, type Lexicon } from '../../engine/train/synthetic-json.ts';

export const STEERING_DIR = join(REPO_ROOT, 'models', DEFAULT_MODEL, 'steering');
/** The CI slices, the dropped vectors' figures and freshly built, not yet measured candidates. */
export const EVIDENCE_DIR = join(STEERING_DIR, 'evidence');
/** Where `steering:build` writes a vector: out of the server's sight (it reads steering/*.json) until it is measured. */
export const candidatePath = (name: string) => join(EVIDENCE_DIR, `${name}.candidate.json`);
export const shippedPath = (name: string) => join(STEERING_DIR, `${name}.json`);

/** Most examples per side: training (fit + validation) and held out. */
export const TRAIN_CAP = 600;
export const HELDOUT_CAP = 300;
/** Share of the training examples kept aside to choose the hook. */
export const VALIDATION_SHARE = 0.2;
/** The seed of the JSON stream the model was trained on (engine/train/cli.ts: seed + 1) and the fresh held-out one. */
export const TRAIN_JSON_SEED = 1338;
export const HELDOUT_JSON_SEED = 90210;
const JSON_CHARS = 120_000;
const SAMPLE_SEED = 7;

export interface Corpus {
  readonly train: SourceText[];
  readonly heldout: SourceText;
}

export function loadCorpus(): Corpus {
  const books = ensureCorpus(REPO_ROOT, (s) => console.error(s));
  const src = books.map((b) => ({ name: b.slug, text: b.text }));
  const heldout = src.find((b) => b.name === HELDOUT_SLUG);
  if (!heldout) throw new Error('Persuasion is missing from the corpus');
  return { train: src.filter((b) => b.name !== HELDOUT_SLUG), heldout };
}

/**
 * The held-out JSON lexicon: Persuasion's proper nouns (capitalised, never in lower case in Persuasion, at least
 * 3 times) that never occur as a word in the training novels, and Persuasion's lower-case words.
 */
export function heldoutLexicon(c: Corpus): Lexicon {
  const trainWords = new Set<string>();
  for (const b of c.train) for (const m of b.text.matchAll(/[A-Za-z]+/g)) trainWords.add(m[0]);
  const counts = new Map<string, number>();
  const lower = new Set<string>();
  for (const m of c.heldout.text.matchAll(/[A-Za-z]+/g)) {
    const w = m[0];
    if (/^[a-z]/.test(w)) lower.add(w);
    else if (/^[A-Z][a-z]{2,}$/.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const properNouns = [...counts]
    .filter(([w, n]) => n >= 3 && !lower.has(w.toLowerCase()) && !trainWords.has(w) && !trainWords.has(w.toLowerCase()))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([w]) => w);
  const words = [...lower].filter((w) => w.length >= 3 && w.length <= 10).sort();
  return { properNouns, words };
}

export interface SplitSets {
  readonly fit: ContrastSets;
  readonly validation: ContrastSets;
  readonly heldout: ContrastSets;
  /** Examples available before capping, per side. */
  readonly available: { train: [number, number]; heldout: [number, number] };
  /** The held-out JSON names (json only). */
  readonly heldoutNames?: readonly string[];
}

function split(train: ContrastSets, held: ContrastSets, seed: number): Omit<SplitSets, 'heldoutNames'> {
  const cap = (xs: ContrastExample[], n: number, s: number) => sample(xs, n, s);
  const side = (xs: ContrastExample[], s: number) => {
    const c = cap(xs, TRAIN_CAP, s);
    const nv = Math.round(c.length * VALIDATION_SHARE);
    return { fit: c.slice(nv), validation: c.slice(0, nv) };
  };
  const p = side(train.pos, seed);
  const n = side(train.neg, seed + 1);
  return {
    fit: { pos: p.fit, neg: n.fit },
    validation: { pos: p.validation, neg: n.validation },
    heldout: { pos: cap(held.pos, HELDOUT_CAP, seed + 2), neg: cap(held.neg, HELDOUT_CAP, seed + 3) },
    available: { train: [train.pos.length, train.neg.length], heldout: [held.pos.length, held.neg.length] },
  };
}

export function setsFor(name: BuiltinName, c: Corpus): SplitSets {
  const h = [c.heldout];
  switch (name) {
    case 'dialogue':
      return split(dialogueSets(c.train), dialogueSets(h), SAMPLE_SEED);
    case 'exclamation':
      return split(terminatorSets(c.train, '!'), terminatorSets(h, '!'), SAMPLE_SEED);
    case 'question':
      return split(terminatorSets(c.train, '?'), terminatorSets(h, '?'), SAMPLE_SEED);
    case 'letters':
      return split(letterSets(c.train), letterSets(h), SAMPLE_SEED);
    case 'json': {
      const trainJson = {
        name: 'json-train',
        text: jsonStream(new Rng(TRAIN_JSON_SEED), buildLexicon(c.train.map((b) => b.text)), JSON_CHARS),
      };
      const lex = heldoutLexicon(c);
      const heldJson = { name: 'json-heldout', text: jsonStream(new Rng(HELDOUT_JSON_SEED), lex, JSON_CHARS / 2) };
      return {
        ...split(jsonSets(trainJson, c.train), jsonSets(heldJson, h), SAMPLE_SEED),
        heldoutNames: lex.properNouns,
      };
    }
  }
}

/**
 * `n` prompts of about `chars` characters from `src` (from character `from` on), spread evenly, each ending at the
 * end of a paragraph of at least 40 characters with its newline, so the model starts a new paragraph: dialogue or
 * narration, a letter or not, JSON or prose are all open.
 */
export function promptsFrom(src: SourceText, n = 16, chars = 160, from = 0): string[] {
  const t = src.text;
  const ps = paragraphs(t).filter(
    (p) => p.start >= from + chars && p.end - p.start >= 40 && /[a-z]/.test(t.slice(p.start, p.end)),
  );
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const p = ps[Math.floor(((k + 0.5) * ps.length) / n)];
    if (!p) throw new Error('not enough paragraphs for the prompts');
    let s = p.end + 1 - chars;
    while (t[s - 1] !== ' ' && t[s - 1] !== '\n') s++; // start at a word
    out.push(t.slice(s, p.end + 1));
  }
  return out;
}

/** The dose–response prompts: 16 from Persuasion after its first 60,000 characters (the fluency text is its first 10,000). */
export function dosePrompts(c: Corpus): string[] {
  return promptsFrom(c.heldout, 16, 160, 60_000);
}

/** The hook-choice pilot's prompts: 4 from each of two training novels (never Persuasion). */
export function pilotPrompts(c: Corpus): string[] {
  const by = (slug: string) => c.train.find((b) => b.name === slug) as SourceText;
  return [...promptsFrom(by('emma'), 4), ...promptsFrom(by('pride-and-prejudice'), 4)];
}
