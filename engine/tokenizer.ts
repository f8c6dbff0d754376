// Character-level tokenizer over a fixed vocabulary: newline, printable ASCII (32..126) and end-of-text.
// One token per character. Text outside the vocabulary is normalised first (see `normalize`), never rejected.

/** The vocabulary, in token-id order: '\n', ' ' .. '~', then the end-of-text token (id 96). */
export const VOCAB: readonly string[] = [
  '\n',
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
  '<|endoftext|>',
];
export const VOCAB_SIZE = VOCAB.length; // 97
export const EOS_ID = VOCAB_SIZE - 1; // 96
export const NEWLINE_ID = 0;
/** What a character with no ASCII equivalent becomes. */
export const REPLACEMENT_CHAR = '?';

/** The characters of the vocabulary as one string (EOS excluded), as stored in the weights' metadata. */
export const VOCAB_CHARS = VOCAB.slice(0, EOS_ID).join('');

const REPLACEMENTS: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u00b4': "'",
  '`': '`',
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2033': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2013': '-',
  '\u2014': '--',
  '\u2015': '--',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2026': '...',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u202f': ' ',
  '\t': ' ',
  '\u00a3': 'L',
  '\u00df': 'ss',
  '\u00e6': 'ae',
  '\u00c6': 'AE',
  '\u0153': 'oe',
  '\u0152': 'OE',
  '\u00f8': 'o',
  '\u00d8': 'O',
  '\u0131': 'i',
  '\u0142': 'l',
  '\u0141': 'L',
  '\u00d7': 'x',
  '\u2022': '*',
  '\u00b7': '.',
  '\u2028': '\n',
  '\u2029': '\n',
  '\u0085': '\n',
};
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const COMBINING = /[\u0300-\u036f]/g;

/**
 * Maps any string into the vocabulary's alphabet: CRLF/CR → LF; curly quotes → straight; en dash → '-',
 * em dash → '--'; '…' → '...'; '£' → 'L'; ligatures spelled out; accents stripped (NFKD, combining marks
 * dropped); zero-width characters removed; any other character outside newline + printable ASCII → '?'.
 */
export function normalize(text: string): string {
  const s = text.replace(/\r\n?/g, '\n').replace(ZERO_WIDTH, '');
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 10 || (code >= 32 && code <= 126)) {
      out += ch;
      continue;
    }
    const r = REPLACEMENTS[ch];
    if (r !== undefined) {
      out += r;
      continue;
    }
    const stripped = ch.normalize('NFKD').replace(COMBINING, '');
    if (stripped === '') continue; // a combining mark on its own (decomposed text): dropped
    let ok = stripped.length > 0;
    for (const c of stripped) {
      const cc = c.codePointAt(0) ?? 0;
      if (!(cc === 10 || (cc >= 32 && cc <= 126))) ok = false;
    }
    out += ok ? stripped : REPLACEMENT_CHAR;
  }
  return out;
}

/** Text → token ids (normalising first). */
export function encode(text: string): number[] {
  const s = normalize(text);
  const ids = new Array<number>(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    ids[i] = c === 10 ? NEWLINE_ID : c - 31;
  }
  return ids;
}

/** The text of one token: its character, or '' for end-of-text. Throws on an id outside the vocabulary. */
export function tokenText(id: number): string {
  if (!Number.isInteger(id) || id < 0 || id >= VOCAB_SIZE)
    throw new RangeError(`token id ${id} is outside 0..${VOCAB_SIZE - 1}`);
  if (id === EOS_ID) return '';
  return id === NEWLINE_ID ? '\n' : String.fromCharCode(id + 31);
}

/** Token ids → text (end-of-text tokens decode to nothing). */
export function decode(ids: Iterable<number>): string {
  let s = '';
  for (const id of ids) s += tokenText(id);
  return s;
}
