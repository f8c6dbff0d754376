// The built-in steering vectors of austen-mini: what each contrasts, how its examples are labelled, and the
// behavioural measure it is judged by. The sets are built by scripts/steering (node side: the corpus is on disk).
import {
  insideQuotesFraction,
  jsonPunctuationFraction,
  LETTER_WORDS,
  letterWordsPerThousand,
  type Measure,
  perThousand,
} from './measures.ts';

export type BuiltinName = 'dialogue' | 'json' | 'exclamation' | 'question' | 'letters';

export interface BuiltinSpec {
  readonly name: BuiltinName;
  readonly label: string;
  /** Positive vs negative, in words. */
  readonly contrast: string;
  /** How an example is labelled and which positions are averaged. */
  readonly labelling: string;
  /** Where the held-out examples and prompts come from. */
  readonly heldOut: string;
  readonly measure: Measure;
  /** The measure, in words (with its unit). */
  readonly measureDoc: string;
  /** The measure as data, where it is a count of characters (the browser scores text with it; null otherwise). */
  readonly measureSpec: { readonly kind: 'char_fraction' | 'per_thousand'; readonly chars: string } | null;
  /** The detection target, when the issue sets one. */
  readonly aucTarget: number | null;
}

const POSITIONS =
  'The labelling character is never fed: each example ends at or before it (causal attention, so no averaged ' +
  'position can read it), with up to 192 characters of the preceding text as context; at most 96 positions are averaged.';

export const BUILTINS: readonly BuiltinSpec[] = [
  {
    name: 'dialogue',
    label: 'Dialogue: text inside quotation marks',
    contrast: 'runs of a paragraph inside double quotes vs runs outside them (narration)',
    labelling:
      'Each paragraph is split at its straight double quotes, the quote state starting outside at every paragraph ' +
      '(Austen reopens a quotation at each paragraph of a long speech). A run inside quotes is positive, a run ' +
      'outside negative; runs of under 16 characters or without a lower-case letter (headings, dates) are skipped. ' +
      `Averaged: the run's characters from its first (after the opening or closing quote) for at most 96, strictly before the \`"\` or paragraph end that ends it; no quote mark is an averaged position. ${POSITIONS}`,
    heldOut: 'Persuasion',
    measure: insideQuotesFraction,
    measureSpec: null,
    measureDoc:
      'fraction of generated characters inside quotation marks (quotes toggle, a newline closes; the state at the start is the prompt’s)',
    aucTarget: 0.9,
  },
  {
    name: 'json',
    label: 'JSON: synthetic JSON lines vs prose',
    contrast: 'documents of the synthetic JSON stream vs prose paragraphs of the novels',
    labelling:
      'Positive: each document of a synthetic-json.ts stream (one per line, a tenth pretty-printed), positions from ' +
      'the character after its opening bracket, strictly before its closing bracket (the labelling character). ' +
      'Negative: each paragraph of the novels, positions from its second character, strictly before its last. Documents or paragraphs of under 24 characters are skipped. ' +
      POSITIONS,
    heldOut:
      'a fresh seed of synthetic-json.ts whose names and places are Persuasion’s proper nouns that never occur in the training novels, vs Persuasion’s paragraphs',
    measure: jsonPunctuationFraction,
    measureSpec: { kind: 'char_fraction', chars: '{}[]":,' },
    measureDoc: 'fraction of generated characters that are JSON punctuation: { } [ ] " : ,',
    aucTarget: 0.9,
  },
  {
    name: 'exclamation',
    label: 'Exclamation: spoken sentences ending in !',
    contrast: 'spoken sentences ending with `!` vs calm spoken declaratives ending with `.`',
    labelling:
      'Sentences of quoted speech only (runs inside quotes, split after `.`, `!` or `?`, not after Mr, Mrs, Dr, St, ' +
      'Esq, Col, Capt or an initial), so the contrast is the mood, not dialogue vs narration. Positive: the sentence ' +
      'ends with `!`; negative: with `.`. Sentences of under 12 characters are skipped. Averaged: the last 96 characters ' +
      `of the sentence strictly before its terminator. ${POSITIONS}`,
    heldOut: 'Persuasion',
    measure: perThousand('!'),
    measureSpec: { kind: 'per_thousand', chars: '!' },
    measureDoc: '`!` per 1,000 generated characters',
    aucTarget: null,
  },
  {
    name: 'question',
    label: 'Question: spoken sentences ending in ?',
    contrast: 'spoken sentences ending with `?` vs spoken statements ending with `.`',
    labelling:
      'As for exclamation, with `?` as the positive terminator: sentences of quoted speech, positive ending with ' +
      '`?`, negative with `.`, the last 96 characters strictly before the terminator averaged. ' +
      POSITIONS,
    heldOut: 'Persuasion',
    measure: perThousand('?'),
    measureSpec: { kind: 'per_thousand', chars: '?' },
    measureDoc: '`?` per 1,000 generated characters',
    aucTarget: null,
  },
  {
    name: 'letters',
    label: 'Letters: the body of a letter vs the rest of the novel',
    contrast: 'letter bodies vs the novels’ other paragraphs (narration and conversation alike)',
    labelling:
      'A letter opens with a paragraph that starts with a salutation (`"My dear Anne,--`, `"DEAR SIR,` ending its line: ' +
      'optional My, dear/dearest in any capitalisation, a name of up to 40 characters, a comma, then `--` or the line end) ' +
      'and runs over the following paragraphs that open with `"` while the previous one left its quotation open. Its body ' +
      'excludes the salutation, everything from the first signature formula (`Yours`, `Your affectionate`, `yours truly`…) ' +
      'and a last paragraph of under 40 characters (a bare signature). Positive: consecutive 64-character chunks of ' +
      'letter bodies; negative: 64-character chunks of every other paragraph. The labelling text (salutation, ' +
      `signature) is never an averaged position. ${POSITIONS}`,
    heldOut: 'Persuasion (its two letters with salutations: Mary’s, and Mr Elliot’s to Smith)',
    measure: letterWordsPerThousand,
    measureSpec: null,
    measureDoc: `epistolary words per 1,000 generated characters: ${LETTER_WORDS.source} (whole words, any case). On the training novels these run at about 2 per 1,000 characters in letters, 0.8 in other speech and 0.25 in narration`,
    aucTarget: null,
  },
];

export function builtin(name: string): BuiltinSpec {
  const b = BUILTINS.find((x) => x.name === name);
  if (!b) throw new Error(`no built-in steering vector "${name}"`);
  return b;
}
