import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.ts';
import { insideQuotesFraction } from '../steering/builtin/measures.ts';
import { readHeldout } from '../train/heldout.ts';
import { buildLexicon, jsonLine } from '../train/synthetic-json.ts';
import { BASE_LABELLERS, type Labeller } from './labellers.ts';
import {
  AUSTEN_NAMES,
  AUSTEN_WORDS,
  defaultLabellers,
  frequentNames,
  frequentWords,
  wordLabeller,
} from './word-labellers.ts';

const byId = (id: string): Labeller => {
  const l = BASE_LABELLERS.find((x) => x.id === id);
  if (!l) throw new Error(id);
  return l;
};

/** The maximal runs of labelled characters, in order. */
function spans(text: string, labels: Uint8Array): string[] {
  expect(labels.length).toBe(text.length);
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    if (labels[i]) cur += text[i];
    else if (cur) {
      out.push(cur);
      cur = '';
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** The labelled positions. */
const where = (labels: Uint8Array) => [...labels.keys()].filter((i) => labels[i]);

const runs = (id: string, text: string) => spans(text, byId(id).at(text));

const LEX_TEXT = 'Anne Elliot and Mary Musgrove walked to Uppercross with Charles. '.repeat(8);
const LEX = buildLexicon([`${LEX_TEXT}the house was very quiet and pleasant, and nobody could say otherwise`]);

const MIXED =
  'Sir Walter said, "Elizabeth is 27." Then Anne\'s sister\n' +
  '"Open quote across\n' +
  'a line" and "two" here. Mr. Elliot came at 10.\n' +
  '{"name": "Anne \\"Elliot\\"", "age": 27, "friends": ["Mary", "Charles"], "letter": {"from": "A", "to": "B,:"}}\n' +
  '[{"id": 3, "note": null}, {"guest": "Kellynch Hall"}] trailing "words"\n' +
  '{\n  "home": "Bath",\n  "married": true\n}\n' +
  '[Illustration] and "key": "value" in prose.\n';

describe('quote labellers', () => {
  it('labels between quote marks, resets at a newline, quote marks outside', () => {
    const text = 'He said "Hi there" and "open\nnot inside" x "a""b"';
    // the newline leaves 'open' unclosed; the '"' after 'not inside' then opens, and '"a""b"' closes, opens, closes, opens
    expect(runs('quote', text)).toEqual(['Hi there', 'open', ' x ']);
    expect(where(byId('quote-open').at(text))).toEqual([8, 23, 39, 45, 48]);
    expect(where(byId('quote-close').at(text))).toEqual([17, 43, 46]);
  });

  it('agrees with the steering measure insideQuotesFraction', () => {
    const rng = new Rng(1);
    const alphabet = 'ab "\n.';
    for (let t = 0; t < 200; t++) {
      const text = Array.from({ length: 1 + rng.int(60) }, () => alphabet[rng.int(alphabet.length)]).join('');
      const labels = byId('quote').at(text);
      const inside = labels.reduce((a, x) => a + x, 0);
      expect(inside / text.length).toBeCloseTo(insideQuotesFraction('', text), 12);
    }
  });
});

describe('JSON labellers', () => {
  it('tells keys from string values, with escapes, in arrays and nested objects', () => {
    expect(runs('json-key', MIXED)).toEqual([
      'name',
      'age',
      'friends',
      'letter',
      'from',
      'to',
      'id',
      'note',
      'guest',
      'home',
      'married',
    ]);
    expect(runs('json-string', MIXED)).toEqual([
      'Anne \\"Elliot\\"',
      'Mary',
      'Charles',
      'A',
      'B,:',
      'Kellynch Hall',
      'Bath',
    ]);
  });

  it('labels whole documents only, from a line-initial bracket to the one that closes it', () => {
    const json = runs('json', MIXED);
    expect(json[0]).toBe(MIXED.split('\n')[3]);
    expect(json[1]).toBe('[{"id": 3, "note": null}, {"guest": "Kellynch Hall"}]');
    expect(json[2]).toBe('{\n  "home": "Bath",\n  "married": true\n}');
    expect(json[3]).toBe('['); // "[Illustration]": the I ends it, causally too late to take back the [
    expect(json).toHaveLength(4);
  });

  it('finds exactly the keys and string values of the synthetic JSON lines', () => {
    const rng = new Rng(42);
    const collect = (v: unknown, keys: string[], strs: string[]) => {
      if (typeof v === 'string') strs.push(JSON.stringify(v).slice(1, -1));
      else if (Array.isArray(v)) for (const x of v) collect(x, keys, strs);
      else if (v !== null && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          keys.push(k);
          collect(x, keys, strs);
        }
      }
    };
    for (let t = 0; t < 200; t++) {
      const line = jsonLine(rng, LEX);
      const text = `Some prose, "quoted".\n${line}\nMore prose.\n`;
      const keys: string[] = [];
      const strs: string[] = [];
      collect(JSON.parse(line), keys, strs);
      expect(runs('json-key', text)).toEqual(keys);
      expect(runs('json-string', text).join('|')).toBe(strs.filter((s) => s.length).join('|'));
      expect(runs('json', text)).toEqual([line]);
    }
  });

  it('finds no JSON in the held-out novel', () => {
    const text = readHeldout(process.cwd());
    for (const id of ['json', 'json-key', 'json-string']) expect(where(byId(id).at(text))).toEqual([]);
  });
});

describe('character and position labellers', () => {
  const text = 'Tom\'s 12 dogs.\nThey ran; "Oh! yes," she said? Then 1784. And Esq. of it';

  it('labels characters', () => {
    expect(runs('digit', text)).toEqual(['12', '1784']);
    expect(runs('capital', text)).toEqual(['T', 'T', 'O', 'T', 'A', 'E']);
    expect(where(byId('newline').at(text))).toEqual([14]);
    expect(where(byId('space').at(text))).toEqual([...text.matchAll(/ /g)].map((m) => m.index));
    expect(runs('punctuation', text)).toEqual(["'", '.', ';', '"', '!', ',"', '?', '.', '.']);
    expect(runs('char:.', text)).toEqual(['.', '.', '.']);
    expect(runs('char:"', text)).toEqual(['"', '"']);
  });

  it('labels word starts and the rest of words (an apostrophe after a letter continues the word)', () => {
    const t = "Anne's don't go-to 'Tis x";
    expect(where(byId('word-start').at(t)).map((i) => t[i])).toEqual(['A', 'd', 'g', 't', 'T', 'x']);
    expect(runs('mid-word', t)).toEqual(['nne', 's', 'on', 't', 'o', 'o', 'is']);
  });

  it('labels sentence starts and the character after a full stop', () => {
    expect(where(byId('sentence-start').at(text)).map((i) => text.slice(i, i + 3))).toEqual([
      'Tom',
      'The',
      'yes', // after "!", across the space; the "O" of "Oh!" follows a semicolon: not a sentence start
      'The',
      'And',
      'of ',
    ]);
    expect(where(byId('after-full-stop').at(text)).map((i) => text[i])).toEqual(['\n', ' ', ' ']);
    expect(where(byId('line-start').at(text))).toEqual([0, 15]);
  });
});

describe('word labellers', () => {
  it('label a word from its prefix on, causally (words sharing the prefix too, up to where they leave)', () => {
    const t = "Elizabeth and Eliza met Elinor; ELIZABETH, Elizabeth's Elizabethan el";
    const l = wordLabeller('Elizabeth');
    expect(l.id).toBe('word:Elizabeth');
    expect(l.label).toBe('in the word "Elizabeth" (from "Eli")');
    expect(spans(t, l.at(t))).toEqual(['izabeth', 'iza', 'i', 'IZABETH', 'izabeth', 'izabeth']);
  });

  it('label a short word at its last letter, also where a longer word begins with it', () => {
    const t = "the theory, then The other bathe; the's";
    expect(where(wordLabeller('the').at(t))).toEqual([2, 6, 14, 19, 36]);
    expect(where(wordLabeller('to', 3).at('to tow at'))).toEqual([1, 4]);
    expect(() => wordLabeller("o'clock")).toThrow();
  });

  it('derive frequent words and names from a text', () => {
    const t = 'Anne saw Anne. The dog and the cat and the Bird; Mr Elliot, Mr Elliot and Mr Elliot. the bird';
    expect(frequentWords(t, 3)).toEqual(['the', 'and', 'elliot']); // ignoring case; ties alphabetical
    expect(frequentNames(t, 5, 2)).toEqual(['Elliot', 'Mr', 'Anne']);
  });
});

describe('the registry', () => {
  it('has unique ids and documented labellers', () => {
    const all = defaultLabellers(MIXED);
    expect(new Set(all.map((l) => l.id)).size).toBe(all.length);
    for (const l of all) {
      expect(l.label.length).toBeGreaterThan(2);
      expect(l.describe.length).toBeGreaterThan(10);
      expect(['char', 'prefix']).toContain(l.reads);
    }
    const fixed = defaultLabellers();
    expect(fixed.length).toBe(BASE_LABELLERS.length + 25 + 25);
    expect(defaultLabellers(undefined, { words: 99, names: 99 }).length).toBe(
      BASE_LABELLERS.length + AUSTEN_NAMES.length + AUSTEN_WORDS.length,
    );
    expect(fixed.map((l) => l.id)).toContain('word:Elizabeth');
  });

  it('every labeller is causal: the labels of a prefix are the first labels of the whole text', () => {
    const all = defaultLabellers(MIXED, { words: 10, names: 10 });
    for (const l of all) {
      const whole = l.at(MIXED);
      for (let j = 0; j <= MIXED.length; j++) {
        const part = l.at(MIXED.slice(0, j));
        if (part.some((x, i) => x !== whole[i])) throw new Error(`${l.id} reads past position ${j - 1}`);
      }
    }
  });

  it("a 'char' labeller depends on the character alone", () => {
    for (const l of BASE_LABELLERS.filter((x) => x.reads === 'char')) {
      const whole = l.at(MIXED);
      for (let i = 0; i < MIXED.length; i++) expect(l.at(MIXED.charAt(i))[0]).toBe(whole[i]);
    }
  });

  // (its speed is not asserted here: tests never time this shared machine)
  it('labels the 50,000-character held-out text', () => {
    const text = readHeldout(process.cwd());
    const all = defaultLabellers(text);
    const counts = all.map((l) => l.at(text).reduce((a, x) => a + x, 0));
    const get = (id: string) => counts[all.findIndex((l) => l.id === id)] as number;
    expect(get('quote') / text.length).toBeGreaterThan(0.05);
    expect(get('newline')).toBe((text.match(/\n/g) ?? []).length);
    expect(all.map((l) => l.id)).toContain('word:Walter');
  });
});
