// The contrast-set builders, the behavioural measures and the statistics of the built-in steering vectors.
import { describe, expect, it } from 'vitest';
import { auc } from './diffmean.ts';
import {
  endsInsideQuote,
  insideQuotesFraction,
  jsonPunctuationFraction,
  letterWordsPerThousand,
  perThousand,
} from './measures.ts';
import {
  type ContrastExample,
  dialogueSets,
  jsonSets,
  letterSets,
  letters,
  MAX_SPAN,
  quoteSegments,
  spokenSentences,
  terminatorSets,
  WINDOW,
} from './sets.ts';
import { bootstrapSe, randomUnit, spearman } from './stats.ts';

const novel = [
  'Sir Walter Elliot, of Kellynch Hall, in Somersetshire, was a man who never took up any book but the Baronetage.',
  '"You must not be so very particular, my dear," said Lady Russell, "for I cannot think why you should be! Is it not a pity?"',
  '"It is settled, and I will hear no more of it. You will go to Bath on Monday.',
  '"And you will write to me?" said Anne, looking at the window for a long while.',
  '"My dear Anne,--I make no apology for my silence, because I know how little people think of letters in such a place as Bath.',
  '"We have had a very dull Christmas; nobody has been to see us at all, and the children are all well.',
  '"Yours affectionately,',
  '"Mary M---."',
  'Anne read the letter twice over before she could understand it, and then she put it away in her desk for good.',
].join('\n');
const src = { name: 'test', text: novel };

/** The source offset of an example's labelling character, and of its text's end. */
function where(ex: ContrastExample): { labelAt: number; end: number } {
  const labelAt = Number(ex.source.split(':')[1]);
  const end = novel.indexOf(ex.text) + ex.text.length;
  return { labelAt, end };
}

describe('contrast sets', () => {
  it('split paragraphs at quotes, the state starting outside at every paragraph', () => {
    const segs = quoteSegments('"Hi," he said, "there\nnext "one');
    expect(segs.map((s) => s.inside)).toEqual([true, false, true, false, true]);
  });

  it('dialogue: inside-quote runs vs narration runs, never averaging a quote mark, ending at or before the label', () => {
    const { pos, neg } = dialogueSets([src]);
    expect(pos.length).toBeGreaterThan(3);
    expect(neg.length).toBeGreaterThan(2);
    for (const ex of [...pos, ...neg]) {
      const span = ex.text.slice(ex.from);
      expect(span).not.toContain('"');
      expect(span.length).toBeLessThanOrEqual(MAX_SPAN);
      expect(ex.text.length).toBeLessThanOrEqual(WINDOW);
      const { labelAt, end } = where(ex);
      expect(end).toBeLessThanOrEqual(labelAt);
    }
    expect(pos.map((e) => e.text.slice(e.from))).toContain('You must not be so very particular, my dear,');
    expect(neg.map((e) => e.text.slice(e.from))).toContain(' said Lady Russell, ');
  });

  it('exclamation and question: spoken sentences by terminator, the terminator never fed', () => {
    expect(spokenSentences('"Mr. Elliot is here. Go! Is it?"').map((s) => s.terminator)).toEqual(['.', '!', '?']);
    const ex = terminatorSets([src], '!');
    expect(ex.pos.map((e) => e.text.slice(e.from))).toEqual(['for I cannot think why you should be']);
    const q = terminatorSets([src], '?');
    expect(q.pos.map((e) => e.text.slice(e.from))).toContain('Is it not a pity');
    for (const e of [...ex.pos, ...ex.neg, ...q.pos]) {
      const { labelAt, end } = where(e);
      expect(end).toBe(labelAt);
      expect('.!?').toContain(novel[labelAt]);
    }
    expect(q.neg.map((e) => e.text.slice(e.from))).toContain('You will go to Bath on Monday');
  });

  it('letters: a salutation opens one; the salutation and signature are never averaged', () => {
    const ls = letters(novel);
    expect(ls).toHaveLength(1);
    const l = ls[0] as (typeof ls)[number];
    expect(novel.slice(l.bodyStart, l.bodyStart + 10)).toBe('I make no ');
    expect(novel.slice(l.bodyEnd - 11, l.bodyEnd)).toBe('all well.\n"');
    const { pos, neg } = letterSets([src], 32);
    expect(pos.length).toBe(Math.floor((l.bodyEnd - l.bodyStart) / 32));
    for (const e of pos) expect(e.text.slice(e.from)).not.toMatch(/My dear|Yours/);
    for (const e of neg) expect(where(e).end <= l.start || where(e).end - 32 >= l.end).toBe(true);
  });

  it('JSON: documents after their opening bracket and before their closing one, vs prose paragraphs', () => {
    const json = {
      name: 'json',
      text: '{"name": "Anne", "age": 27, "sisters": ["Mary"]}\n[{"home": "Uppercross", "id": 3}]\n',
    };
    const { pos, neg } = jsonSets(json, [src]);
    expect(pos.map((e) => e.text.slice(e.from))).toEqual([
      '"name": "Anne", "age": 27, "sisters": ["Mary"]',
      '{"home": "Uppercross", "id": 3}',
    ]);
    expect(neg.length).toBeGreaterThan(5);
  });
});

describe('behavioural measures', () => {
  it('count characters inside quotes from the prompt state on', () => {
    expect(endsInsideQuote('x\n"Hello, ')).toBe(true);
    expect(endsInsideQuote('"Hello," said he.\n')).toBe(false);
    expect(insideQuotesFraction('\n', '"ab" cd')).toBeCloseTo(2 / 7);
    expect(insideQuotesFraction('"open ', 'ab"cd\nef')).toBeCloseTo(2 / 8);
  });

  it('count JSON punctuation, a character per thousand, and letter words', () => {
    expect(jsonPunctuationFraction('', '{"a": 1}')).toBeCloseTo(5 / 8);
    expect(perThousand('!')('', 'Oh! No!!')).toBeCloseTo(375);
    expect(letterWordsPerThousand('', 'My dear, I wrote a letter. Yours, A.')).toBeCloseTo((1000 * 4) / 36);
  });
});

describe('statistics', () => {
  it('AUC, Spearman with ties, bootstrap SE and random unit directions', () => {
    expect(auc([3, 4], [1, 2])).toBe(1);
    expect(auc([1, 2], [1, 2])).toBe(0.5);
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [0, 0, 1, 2])).toBeGreaterThan(0.9);
    const xs = Array.from({ length: 64 }, (_, i) => (i % 2) * 2);
    expect(bootstrapSe(xs, 1, 2000)).toBeCloseTo(1 / 8, 1); // σ/√n = 1/8
    const u = randomUnit(128, 9001);
    expect(Math.hypot(...u)).toBeCloseTo(1, 9);
    expect(randomUnit(128, 9001)).toEqual(u);
  });
});
