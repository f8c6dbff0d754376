import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';
import {
  decode,
  EOS_ID,
  encode,
  NEWLINE_ID,
  normalize,
  REPLACEMENT_CHAR,
  tokenText,
  VOCAB,
  VOCAB_CHARS,
  VOCAB_SIZE,
} from './tokenizer.ts';

const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const isInVocabAlphabet = (s: string) => /^[\n\x20-\x7e]*$/.test(s);

describe('vocabulary', () => {
  it('has 97 entries: newline, printable ASCII, end-of-text', () => {
    expect(VOCAB_SIZE).toBe(97);
    expect(VOCAB.length).toBe(97);
    expect(EOS_ID).toBe(96);
    expect(NEWLINE_ID).toBe(0);
    expect(VOCAB[0]).toBe('\n');
    expect(VOCAB[1]).toBe(' ');
    expect(VOCAB[95]).toBe('~');
    expect(VOCAB[96]).toBe('<|endoftext|>');
    expect(VOCAB_CHARS).toBe(`\n${PRINTABLE}`);
    expect(new Set(VOCAB).size).toBe(97);
  });

  it('tokenText agrees with VOCAB for every character id, and EOS decodes to nothing', () => {
    for (let id = 0; id < EOS_ID; id++) expect(tokenText(id)).toBe(VOCAB[id]);
    expect(tokenText(EOS_ID)).toBe('');
    expect(decode([EOS_ID])).toBe('');
    expect(decode([encode('a')[0] ?? -1, EOS_ID, encode('b')[0] ?? -1])).toBe('ab');
  });

  it('tokenText throws RangeError outside the vocabulary', () => {
    for (const bad of [-1, 97, 1000, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => tokenText(bad)).toThrow(RangeError);
    }
    expect(() => tokenText(97)).toThrow(/97 is outside 0\.\.96/);
    expect(() => decode([1, 2, 200])).toThrow(RangeError);
  });
});

describe('encode / decode', () => {
  it('round-trips every vocabulary character, one token each, with ids in vocabulary order', () => {
    const text = VOCAB_CHARS;
    const ids = encode(text);
    expect(ids).toEqual(Array.from({ length: 96 }, (_, i) => i));
    expect(decode(ids)).toBe(text);
    for (let id = 0; id < EOS_ID; id++) {
      const ch = VOCAB[id] ?? '';
      expect(encode(ch)).toEqual([id]);
      expect(decode(encode(ch))).toBe(ch);
    }
  });

  it('round-trips random ASCII text and never produces EOS from text', () => {
    const rng = new Rng(7);
    for (let n = 0; n < 50; n++) {
      const s = Array.from({ length: rng.int(80) }, () => VOCAB_CHARS[rng.int(VOCAB_CHARS.length)]).join('');
      const ids = encode(s);
      expect(ids.length).toBe(s.length);
      expect(ids.every((id) => id >= 0 && id < EOS_ID)).toBe(true);
      expect(decode(ids)).toBe(s);
    }
  });

  it('encodes the empty string to no tokens', () => {
    expect(encode('')).toEqual([]);
    expect(decode([])).toBe('');
  });

  it('maps specific characters to the expected ids', () => {
    expect(encode('\n')).toEqual([0]);
    expect(encode(' ')).toEqual([1]);
    expect(encode('A')).toEqual([65 - 31]);
    expect(encode('~')).toEqual([95]);
  });
});

describe('normalize', () => {
  it('leaves text already in the alphabet unchanged', () => {
    expect(normalize(VOCAB_CHARS)).toBe(VOCAB_CHARS);
    expect(normalize('Hello, world!\n')).toBe('Hello, world!\n');
  });

  it('straightens curly quotes', () => {
    expect(normalize('\u2018a\u2019 \u201cb\u201d')).toBe('\'a\' "b"');
    expect(normalize('\u201ehi\u201f \u00abx\u00bb')).toBe('"hi" "x"');
    expect(encode('\u2019')).toEqual(encode("'"));
  });

  it('maps dashes, ellipsis, pound, ligatures and other listed characters', () => {
    expect(normalize('1\u20132')).toBe('1-2');
    expect(normalize('a\u2014b')).toBe('a--b');
    expect(normalize('wait\u2026')).toBe('wait...');
    expect(normalize('\u00a35')).toBe('L5');
    expect(normalize('stra\u00dfe')).toBe('strasse');
    expect(normalize('\u00e6on \u0153uvre \u00c6 \u0152')).toBe('aeon oeuvre AE OE');
    expect(normalize('2\u00d73')).toBe('2x3');
    expect(normalize('\u2022 item')).toBe('* item');
    expect(normalize('a\u00a0b\u2009c\u202fd')).toBe('a b c d');
    expect(normalize('\u2212' + '1')).toBe('-1');
  });

  it('strips accents from precomposed characters', () => {
    expect(normalize('caf\u00e9')).toBe('cafe');
    expect(normalize('Zo\u00eb')).toBe('Zoe');
    expect(normalize('na\u00efve r\u00e9sum\u00e9 \u00c0 \u00d1')).toBe('naive resume A N');
    expect(normalize('\u00c5ngstr\u00f6m')).toBe('Angstrom');
  });

  it('applies NFKD compatibility mappings (fullwidth letters, ligature fi)', () => {
    expect(normalize('\uff21\uff42\uff43')).toBe('Abc');
    expect(normalize('\ufb01ne')).toBe('fine');
  });

  it('turns CRLF and lone CR into LF, and tab into a space', () => {
    expect(normalize('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
    expect(normalize('\r\n\r\n')).toBe('\n\n');
    expect(normalize('\r\r')).toBe('\n\n');
    expect(normalize('a\tb')).toBe('a b');
  });

  it('maps the Unicode line/paragraph separators and NEL to newline', () => {
    expect(normalize('a\u2028b')).toBe('a\nb');
    expect(normalize('a\u2029b')).toBe('a\nb');
    expect(normalize('a\u0085b')).toBe('a\nb');
  });

  it('removes zero-width characters and soft hyphens', () => {
    expect(normalize('a\u200bb\u200cc\u200dd\u2060e\ufefff\u00adg')).toBe('abcdefg');
    expect(encode('\ufeff')).toEqual([]);
  });

  it("replaces characters with no ASCII equivalent by '?' (one per code point)", () => {
    expect(REPLACEMENT_CHAR).toBe('?');
    expect(normalize('\u{1F600}')).toBe('?'); // emoji outside the BMP is one code point → one '?'
    expect(normalize('hi \u{1F600}!')).toBe('hi ?!');
    expect(normalize('\u4e2d\u6587')).toBe('??'); // CJK
    expect(normalize('\u03b1\u03b2')).toBe('??'); // Greek
    expect(normalize('\u20ac')).toBe('?'); // euro sign
    expect(normalize('\u0000\u0007\u007f')).toBe('???'); // control characters other than \n, \t, \r
  });

  it('handles lone surrogates without throwing', () => {
    expect(normalize('a\ud800b')).toBe('a?b');
    expect(normalize('\udc00')).toBe('?');
    expect(normalize('\ud83d')).toBe('?');
  });

  it('is idempotent', () => {
    const s = 'Caf\u00e9 \u201cna\u00efve\u201d \u2014 \u2026\r\n\u{1F600}\t\u00a3';
    expect(normalize(normalize(s))).toBe(normalize(s));
  });

  it('never throws on arbitrary strings and always lands in the vocabulary alphabet', () => {
    const rng = new Rng(12345);
    for (let n = 0; n < 300; n++) {
      const len = rng.int(40);
      const cps: number[] = [];
      for (let i = 0; i < len; i++) {
        const kind = rng.int(4);
        if (kind === 0) cps.push(rng.int(128));
        else if (kind === 1)
          cps.push(0xd800 + rng.int(0x800)); // lone (or accidentally paired) surrogates
        else if (kind === 2) cps.push(rng.int(0x10000));
        else cps.push(rng.int(0x110000));
      }
      // String.fromCharCode on code units lets lone surrogates through; code points above the BMP via fromCodePoint
      const s = cps.map((c) => (c < 0x10000 ? String.fromCharCode(c) : String.fromCodePoint(c))).join('');
      let out = '';
      expect(() => {
        out = normalize(s);
      }).not.toThrow();
      expect(isInVocabAlphabet(out)).toBe(true);
      const ids = encode(s);
      expect(ids.every((id) => Number.isInteger(id) && id >= 0 && id < EOS_ID)).toBe(true);
      expect(decode(ids)).toBe(out);
    }
  });
});

describe('decomposed text', () => {
  it('drops combining marks that arrive as separate characters', () => {
    expect(normalize('cafe\u0301')).toBe('cafe');
    expect(normalize('Zoë'.normalize('NFD'))).toBe('Zoe');
  });
});
