// Cheap per-character labellers over a text, the vocabulary in which SAE latents are labelled (labels.ts): each says,
// for every character position, whether a simple, human-describable property holds there (1) or not (0).
//
// The text is the model's normalised text (engine/tokenizer.ts: one token per character, ASCII plus newline), so
// position i of a labeller's array is token i, the row i of the SAE's per-position latents.
//
// Causality. A latent read from the residual at position i has seen characters 0..i only, so a label it could
// honestly carry must be decidable from those characters. Every labeller here is causal and says which way:
// - `reads: 'char'`   — a property of character i alone (digit, capital, newline…);
// - `reads: 'prefix'` — a property of characters 0..i (inside quotes, inside a JSON key, a word's first letters…).
// None reads a character after i ("the 't' that begins 'the'" is not decidable at the 't'; "the word so far is
// 'the'" is, at the 'e'). The test suite checks this for every labeller: labels of a prefix of the text equal the
// first labels of the whole text.

export interface Labeller {
  /** Stable id, e.g. `quote`, `digit`, `word:Elizabeth`. */
  readonly id: string;
  /** Human words, shown as the latent's label, e.g. "inside double quotes". */
  readonly label: string;
  /** The exact definition, in a sentence or two. */
  readonly describe: string;
  /** Which characters the property depends on: character i only, or characters 0..i. Never later ones. */
  readonly reads: 'char' | 'prefix';
  /** 1 where the property holds for the character at that position, else 0; length = text.length. */
  at(text: string): Uint8Array;
}

export const isLetterCode = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigitCode = (c: number) => c >= 48 && c <= 57;
const isUpperCode = (c: number) => c >= 65 && c <= 90;
export const lowerCode = (c: number) => (isUpperCode(c) ? c + 32 : c);
const NL = 10;
const SPACE = 32;
const DQUOTE = 34;
export const APOS = 39;

function byChar(text: string, test: (c: number) => boolean): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) if (test(text.charCodeAt(i))) out[i] = 1;
  return out;
}

/**
 * Whether each position starts a word: a letter whose previous character is not a letter, and not an apostrophe
 * that follows a letter (so the "s" of "Anne's" and the "t" of "don't" continue their word).
 */
export function wordStarts(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    if (!isLetterCode(text.charCodeAt(i))) continue;
    const p = i > 0 ? text.charCodeAt(i - 1) : -1;
    const pp = i > 1 ? text.charCodeAt(i - 2) : -1;
    if (isLetterCode(p) || (p === APOS && isLetterCode(pp))) continue;
    out[i] = 1;
  }
  return out;
}

/**
 * The quote state of the steering measure (engine/steering/builtin/measures.ts `insideQuotesFraction`): every `"`
 * toggles it, every newline resets it to outside, and the quote marks and newlines themselves count as outside.
 * Returns per position: 1 inside, 2 an opening `"`, 3 a closing `"`, 0 otherwise.
 */
function quoteStates(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let inside = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NL) inside = false;
    else if (c === DQUOTE) {
      out[i] = inside ? 3 : 2;
      inside = !inside;
    } else if (inside) out[i] = 1;
  }
  return out;
}

/** Per position: 0 not JSON, 1 JSON structure/scalars, 2 inside a key string, 3 inside a string value. */
const JSON_OUT = 0;
const JSON_SYNTAX = 1;
const JSON_KEY = 2;
const JSON_VALUE = 3;

// characters allowed outside strings in a JSON document: structure, whitespace, numbers, true/false/null
const JSON_BARE = new Set([...'{}[]:,"- \n\r+.0123456789eEtrufalsn'].map((c) => c.charCodeAt(0)));

/**
 * A streaming, forgiving JSON reader for the synthetic JSON lines (engine/train/synthetic-json.ts: one object or
 * array per line, compact, ", "/": " spaced, or pretty-printed over several lines). A document begins where a line's
 * first non-space character is `{` or `[`, and ends at the bracket that closes it. A string is a key when it opens
 * where an object expects a key (after `{` or a `,` in an object), else a value (after `:`, or in an array). String
 * contents (escapes included, the quote marks excluded) are labelled key or value; everything else of the
 * document is syntax. A character that cannot occur there (a letter outside a string that is not part of
 * true/false/null/a number, a raw newline in a string, an unmatched bracket) ends the document: the labels already
 * given stay (they were decided causally), and nothing is JSON again until the next line.
 */
function jsonStates(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let active = false;
  let lineStart = true; // only spaces seen since the last newline (or the start)
  const stack: number[] = []; // 0 = object, 1 = array
  let expectKey = false; // the top object expects a key
  let inString = false;
  let stringIsKey = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!active) {
      if (lineStart && (c === 123 || c === 91)) {
        active = true;
        stack.length = 0;
        inString = false;
        escaped = false;
      } else {
        if (c === NL) lineStart = true;
        else if (c !== SPACE) lineStart = false;
        continue;
      }
    }
    if (inString) {
      if (c === NL) {
        active = false; // JSON strings hold no raw newline
        lineStart = true;
        continue;
      }
      if (escaped) escaped = false;
      else if (c === 92) escaped = true;
      else if (c === DQUOTE) {
        inString = false;
        out[i] = JSON_SYNTAX;
        if (stringIsKey) expectKey = false;
        continue;
      }
      out[i] = stringIsKey ? JSON_KEY : JSON_VALUE;
      continue;
    }
    if (!JSON_BARE.has(c)) {
      active = false;
      lineStart = false;
      continue;
    }
    out[i] = JSON_SYNTAX;
    if (c === 123 || c === 91) {
      stack.push(c === 123 ? 0 : 1);
      expectKey = c === 123;
    } else if (c === 125 || c === 93) {
      if (stack.pop() !== (c === 125 ? 0 : 1)) {
        out[i] = JSON_OUT;
        active = false;
        lineStart = false;
        continue;
      }
      expectKey = false;
      if (stack.length === 0) {
        active = false; // the document is complete; the rest of the line is not JSON
        lineStart = false;
      }
    } else if (c === 44) {
      expectKey = stack[stack.length - 1] === 0;
    } else if (c === 58) {
      expectKey = false;
    } else if (c === DQUOTE) {
      inString = true;
      escaped = false;
      stringIsKey = expectKey && stack[stack.length - 1] === 0;
    }
  }
  return out;
}

/** Per position, whether a letter starts a sentence: see the `sentence-start` labeller. */
function sentenceStarts(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let pending = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 63 || c === NL) pending = true;
    else if (isLetterCode(c)) {
      if (pending) out[i] = 1;
      pending = false;
    } else if (c === SPACE || c === DQUOTE || c === APOS || c === 40) {
      // spaces, quote marks and an opening parenthesis may stand between the stop and the sentence
    } else pending = false;
  }
  return out;
}

function charLabeller(ch: string, name: string): Labeller {
  const code = ch.charCodeAt(0);
  return {
    id: `char:${ch}`,
    label: `the character ${JSON.stringify(ch)} (${name})`,
    describe: `The character at this position is ${JSON.stringify(ch)}.`,
    reads: 'char',
    at: (text) => byChar(text, (c) => c === code),
  };
}

/** The fixed labellers: quote, JSON, orthographic and position-in-word/sentence properties. */
export const BASE_LABELLERS: readonly Labeller[] = [
  {
    id: 'quote',
    label: 'inside double quotes',
    describe:
      'Between an opening and a closing ", by the steering measure\'s convention: every " toggles the state, every ' +
      'newline resets it to outside; the quote marks and newlines themselves are outside.',
    reads: 'prefix',
    at: (text) => quoteStates(text).map((s) => (s === 1 ? 1 : 0)),
  },
  {
    id: 'quote-open',
    label: 'an opening quote mark',
    describe: 'A " that opens a quotation (the quote state, as for `quote`, was outside before it).',
    reads: 'prefix',
    at: (text) => quoteStates(text).map((s) => (s === 2 ? 1 : 0)),
  },
  {
    id: 'quote-close',
    label: 'a closing quote mark',
    describe: 'A " that closes a quotation (the quote state, as for `quote`, was inside before it).',
    reads: 'prefix',
    at: (text) => quoteStates(text).map((s) => (s === 3 ? 1 : 0)),
  },
  {
    id: 'json',
    label: 'inside a JSON document',
    describe:
      'Any character of a JSON document, from the { or [ that begins a line to the bracket that closes it (a ' +
      'forgiving streaming reader; a character JSON cannot hold there ends the document).',
    reads: 'prefix',
    at: (text) => jsonStates(text).map((s) => (s !== JSON_OUT ? 1 : 0)),
  },
  {
    id: 'json-key',
    label: 'inside a JSON key',
    describe:
      'The contents of a JSON object key string (escapes included, quote marks excluded). A string is a key when ' +
      'it opens where the object expects one: after { or a comma in an object.',
    reads: 'prefix',
    at: (text) => jsonStates(text).map((s) => (s === JSON_KEY ? 1 : 0)),
  },
  {
    id: 'json-string',
    label: 'inside a JSON string value',
    describe:
      'The contents of a JSON string that is a value (after a colon, or an array element), escapes included, ' +
      'quote marks excluded.',
    reads: 'prefix',
    at: (text) => jsonStates(text).map((s) => (s === JSON_VALUE ? 1 : 0)),
  },
  {
    id: 'digit',
    label: 'a digit',
    describe: 'The character is 0-9.',
    reads: 'char',
    at: (text) => byChar(text, isDigitCode),
  },
  {
    id: 'capital',
    label: 'a capital letter',
    describe: 'The character is A-Z.',
    reads: 'char',
    at: (text) => byChar(text, isUpperCode),
  },
  {
    id: 'word-start',
    label: 'the first letter of a word',
    describe:
      "A letter whose previous character is not a letter (an apostrophe after a letter continues the word, as in Anne's).",
    reads: 'prefix',
    at: wordStarts,
  },
  {
    id: 'mid-word',
    label: 'a letter inside a word (not its first)',
    describe: 'A letter that is not the first letter of its word (see word-start).',
    reads: 'prefix',
    at: (text) => {
      const starts = wordStarts(text);
      return byChar(text, isLetterCode).map((v, i) => (v && !starts[i] ? 1 : 0));
    },
  },
  {
    id: 'sentence-start',
    label: 'the first letter of a sentence',
    describe:
      'The first letter after a . ! ? or a newline (or the start of the text), with only spaces, quote marks or ' +
      '( between. Abbreviations ("Esq. of") count too: a causal reader cannot tell them apart either.',
    reads: 'prefix',
    at: sentenceStarts,
  },
  {
    id: 'after-full-stop',
    label: 'the character after a full stop',
    describe: 'The previous character is "." (usually a space or newline after a sentence).',
    reads: 'prefix',
    at: (text) => {
      const out = new Uint8Array(text.length);
      for (let i = 1; i < text.length; i++) if (text.charCodeAt(i - 1) === 46) out[i] = 1;
      return out;
    },
  },
  {
    id: 'line-start',
    label: 'the first character of a line',
    describe: 'The first character of the text or the character after a newline.',
    reads: 'prefix',
    at: (text) => {
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) if (i === 0 || text.charCodeAt(i - 1) === NL) out[i] = 1;
      return out;
    },
  },
  {
    id: 'newline',
    label: 'a newline',
    describe: 'The character is a newline (the end of a paragraph or a JSON line).',
    reads: 'char',
    at: (text) => byChar(text, (c) => c === NL),
  },
  {
    id: 'space',
    label: 'a space',
    describe: 'The character is a space.',
    reads: 'char',
    at: (text) => byChar(text, (c) => c === SPACE),
  },
  {
    id: 'punctuation',
    label: 'punctuation',
    describe: 'The character is not a letter, digit, space or newline (. , ; : ! ? \' " - ( ) and the like).',
    reads: 'char',
    at: (text) => byChar(text, (c) => !isLetterCode(c) && !isDigitCode(c) && c !== SPACE && c !== NL),
  },
  charLabeller('.', 'full stop'),
  charLabeller(',', 'comma'),
  charLabeller(';', 'semicolon'),
  charLabeller(':', 'colon'),
  charLabeller('!', 'exclamation mark'),
  charLabeller('?', 'question mark'),
  charLabeller('-', 'hyphen or dash'),
  charLabeller("'", 'apostrophe'),
  charLabeller('"', 'double quote mark'),
];
