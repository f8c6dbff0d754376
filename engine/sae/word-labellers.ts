// Word labellers ("in the word W", defined causally), the frequent words and names of a text, the fixed lists of
// the novels' main names and commonest words, and the default labeller set (the base labellers of labellers.ts plus
// these) that feature labelling uses.
import { APOS, BASE_LABELLERS, isLetterCode, type Labeller, lowerCode, wordStarts } from './labellers.ts';

/** Letters of a word labeller's word a prefix must reach before it counts: see `wordLabeller`. */
export const WORD_MIN_PREFIX = 3;

/**
 * "In the word W", defined causally: the position is a letter, and the word so far (the letters from its word start,
 * see word-start, up to and including this one) equals, ignoring case, the first m letters of W with
 * m ≥ min(|W|, minPrefix). So "Elizabeth" is labelled from its "i" (E-l-i) to its "h", and — as a causal reader
 * cannot yet tell them apart — "Eliza" and "Elinor" share the labels up to where they leave "Elizabeth"; "the" is
 * labelled at its "e", including the "e" of "then" and "there". The first letters before the prefix is reached
 * are not labelled: nothing at them says which word is coming.
 */
export function wordLabeller(word: string, minPrefix = WORD_MIN_PREFIX): Labeller {
  if (!/^[A-Za-z]+$/.test(word)) throw new Error(`wordLabeller: "${word}" is not a word of letters`);
  const w = [...word.toLowerCase()].map((c) => c.charCodeAt(0));
  const need = Math.min(w.length, Math.max(1, minPrefix));
  const shown = need < w.length ? ` (from "${word.slice(0, need)}")` : '';
  return {
    id: `word:${word}`,
    label: `in the word "${word}"${shown}`,
    describe:
      `A letter where the word so far equals the first ${need} or more letters of "${word}" (ignoring case): ` +
      `causal, so a word that shares those letters is labelled too, up to where it leaves "${word}".`,
    reads: 'prefix',
    at: (text) => {
      const out = new Uint8Array(text.length);
      const starts = wordStarts(text);
      let m = 0; // letters of `word` matched by the word so far; -1 once it left the word
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (isLetterCode(c)) {
          if (starts[i]) m = lowerCode(c) === w[0] ? 1 : -1;
          else if (m > 0 && m < w.length && lowerCode(c) === w[m]) m++;
          else m = -1;
          if (m >= need) out[i] = 1;
        } else m = c === APOS && m !== 0 ? -1 : 0; // an apostrophe inside a word leaves `word` (no apostrophes)
      }
      return out;
    },
  };
}

/** Counts of the letter runs of `text` (words split at anything not a letter). */
function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/[A-Za-z]+/g)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return counts;
}

const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);

/**
 * The `n` commonest words of `text` ignoring case (as lower case), of at least `minLength` letters. Words split at
 * anything not a letter ("Anne's" is "Anne" and "s").
 */
export function frequentWords(text: string, n: number, minLength = 2): string[] {
  const lower = new Map<string, number>();
  for (const [w, k] of wordCounts(text)) {
    if (w.length < minLength) continue;
    const l = w.toLowerCase();
    lower.set(l, (lower.get(l) ?? 0) + k);
  }
  return [...lower]
    .sort(byCount)
    .slice(0, n)
    .map(([w]) => w);
}

/**
 * The `n` commonest names of `text`: capitalised words (a capital then lower-case letters, two letters or more) that
 * never occur in lower case in the text — the rule of engine/train/synthetic-json.ts's lexicon — seen at least
 * `minCount` times. Titles such as Mr, Mrs, Sir count as names.
 */
export function frequentNames(text: string, n: number, minCount = 3): string[] {
  const counts = wordCounts(text);
  const lowered = new Set<string>();
  for (const w of counts.keys()) if (/^[a-z]/.test(w)) lowered.add(w);
  return [...counts]
    .filter(([w, k]) => /^[A-Z][a-z]+$/.test(w) && k >= minCount && !lowered.has(w.toLowerCase()))
    .sort(byCount)
    .slice(0, n)
    .map(([w]) => w);
}

/**
 * A fixed list of the novels' main names, for when no text is at hand to derive them from: `frequentNames` of the
 * six novels together (top 25, titles Mr and Mrs included), then Persuasion's own main names missing from those.
 */
export const AUSTEN_NAMES: readonly string[] = [
  'Mr',
  'Mrs',
  'Fanny',
  'Emma',
  'Elizabeth',
  'Elinor',
  'Catherine',
  'Crawford',
  'Jane',
  'Marianne',
  'Anne',
  'Harriet',
  'Weston',
  'Darcy',
  'Edmund',
  'Knightley',
  'Elton',
  'Thomas',
  'Bennet',
  'Woodhouse',
  'Bingley',
  'John',
  'Elliot',
  'Henry',
  'Bertram',
  'Wentworth',
  'Charles',
  'Russell',
  'Walter',
  'Musgrove',
];

/** A fixed list of the novels' commonest words: `frequentWords` of the six novels together, top 30. */
export const AUSTEN_WORDS: readonly string[] = [
  'the',
  'to',
  'and',
  'of',
  'her',
  'in',
  'was',
  'it',
  'she',
  'not',
  'be',
  'that',
  'you',
  'had',
  'he',
  'as',
  'for',
  'his',
  'with',
  'but',
  'have',
  'is',
  'at',
  'so',
  'all',
  'very',
  'on',
  'him',
  'could',
  'by',
];

export interface DefaultLabellerOptions {
  /** How many frequent words to label (default 25). */
  readonly words?: number;
  /** How many frequent names to label (default 25). */
  readonly names?: number;
  /** Prefix length of the word labellers (default WORD_MIN_PREFIX). */
  readonly minPrefix?: number;
}

/**
 * The base labellers plus one word labeller per frequent word and name: derived from `text` when given (its top
 * words of two letters or more and its top names seen at least 10 times, see frequentWords / frequentNames), else
 * the fixed AUSTEN_WORDS and AUSTEN_NAMES. A word that is also a name is labelled once.
 */
export function defaultLabellers(text?: string, opts: DefaultLabellerOptions = {}): Labeller[] {
  const nWords = opts.words ?? 25;
  const nNames = opts.names ?? 25;
  const words = text === undefined ? AUSTEN_WORDS.slice(0, nWords) : frequentWords(text, nWords);
  const names = text === undefined ? AUSTEN_NAMES.slice(0, nNames) : frequentNames(text, nNames, 10);
  const seen = new Set<string>();
  const out = [...BASE_LABELLERS];
  for (const w of [...names, ...words]) {
    const key = w.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(wordLabeller(w, opts.minPrefix));
  }
  return out;
}
