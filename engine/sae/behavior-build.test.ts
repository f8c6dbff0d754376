import { describe, expect, it } from 'vitest';
import {
  argmax,
  codesFromFeatures,
  driftFigures,
  generationLabel,
  leadInPrompt,
  longestQuotedRun,
  mean,
  roundProbe,
  roundSig,
  rowsFrom,
  splitByPrompt,
  stackRows,
} from './behavior-build.ts';

const codes = (rows: number, k: number, base: number) => ({
  rows,
  k,
  indices: Int32Array.from({ length: rows * k }, (_, i) => base + i),
  values: Float32Array.from({ length: rows * k }, (_, i) => (base + i) / 10),
});

describe('rows from examples', () => {
  it('rowsFrom keeps rows from..end', () => {
    const c = codes(4, 2, 0);
    const r = rowsFrom(c, 1);
    expect(r.rows).toBe(3);
    expect(Array.from(r.indices)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(rowsFrom(c, 4).rows).toBe(0);
    expect(() => rowsFrom(c, 5)).toThrow();
  });

  it('stackRows labels and groups each example’s rows', () => {
    const s = stackRows([
      { codes: codes(2, 2, 0), label: 1 },
      { codes: codes(3, 2, 100), label: 0 },
    ]);
    expect(s.rows).toBe(5);
    expect(Array.from(s.labels)).toEqual([1, 1, 0, 0, 0]);
    expect(Array.from(s.groups)).toEqual([0, 0, 1, 1, 1]);
    expect(Array.from(s.indices.subarray(4, 6))).toEqual([100, 101]);
    expect(s.values[5]).toBeCloseTo(10.1, 5);
    // rows of different widths are padded to the widest
    const mixed = stackRows([
      { codes: codes(1, 2, 0), label: 1 },
      { codes: codes(1, 3, 0), label: 0 },
    ]);
    expect(mixed.k).toBe(3);
    expect(mixed.values[2]).toBe(0);
  });

  it('codesFromFeatures pads each token to k inactive slots', () => {
    const c = codesFromFeatures(
      [
        [
          [5, 2],
          [9, 1],
        ],
        [],
      ],
      3,
    );
    expect(c.rows).toBe(2);
    expect(Array.from(c.indices)).toEqual([5, 9, 0, 0, 0, 0]);
    expect(Array.from(c.values)).toEqual([2, 1, 0, 0, 0, 0]);
    expect(() => codesFromFeatures([[[1, 1]]], 0)).toThrow();
  });
});

describe('generation labels', () => {
  it('longestQuotedRun counts characters inside quotes, a newline closes', () => {
    expect(longestQuotedRun('He said\n', 'x "hello there" y')).toBe(11);
    expect(longestQuotedRun('"Well, ', 'I never\nsaid "so"')).toBe(7); // started inside by the prompt
    expect(longestQuotedRun('', 'no quotes')).toBe(0);
  });

  it('dialogue: no quote → negative, a long quotation → positive, else left out', () => {
    expect(generationLabel('dialogue', 'prose', 'Narration.\n', 'She walked home.')).toBe('negative');
    expect(generationLabel('dialogue', 'prose', 'Narration.\n', '"I am very glad to see you," said she.')).toBe(
      'positive',
    );
    expect(generationLabel('dialogue', 'prose', 'Narration.\n', 'a "short" word')).toBeNull();
    // a prompt that ends inside a quotation is never negative
    expect(generationLabel('dialogue', 'prose', 'He said, "Well', ' then.')).toBeNull();
    expect(generationLabel('dialogue', 'json', 'x\n', 'plain')).toBeNull();
  });

  it('json: prose without brackets is negative, JSON prompts with a key are positive', () => {
    expect(generationLabel('json', 'prose', 'p\n', 'She smiled.')).toBe('negative');
    expect(generationLabel('json', 'prose', 'p\n', 'a [note]')).toBeNull();
    expect(generationLabel('json', 'json', '{}\n', '{"name": "Anne"}')).toBe('positive');
    expect(generationLabel('json', 'json', '{}\n', 'prose again')).toBeNull();
  });

  it('exclamation and question: the terminator decides', () => {
    expect(generationLabel('exclamation', 'prose', 'p\n', 'Oh! dear')).toBe('positive');
    expect(generationLabel('exclamation', 'prose', 'p\n', 'Is it?')).toBe('negative');
    expect(generationLabel('question', 'prose', 'p\n', 'Is it?')).toBe('positive');
    expect(generationLabel('question', 'prose', 'p\n', 'Oh! dear')).toBe('negative');
    expect(generationLabel('question', 'json', 'p\n', 'Is it?')).toBeNull();
  });
});

describe('split, rounding and helpers', () => {
  it('splitByPrompt: even prompts calibrate, odd prompts measure', () => {
    const items = [0, 1, 1, 2, 3, 4].map((prompt, i) => ({ prompt, i }));
    const s = splitByPrompt(items);
    expect(s.calibration.map((x) => x.i)).toEqual([0, 3, 5]);
    expect(s.measurement.map((x) => x.i)).toEqual([1, 2, 4]);
  });

  it('roundSig and roundProbe keep 6 significant digits', () => {
    expect(roundSig(0.123456789)).toBe(0.123457);
    expect(roundSig(-1234567.8)).toBe(-1234570);
    expect(roundSig(0)).toBe(0);
    const p = roundProbe({ nLatents: 4, bias: 1.23456789, latents: [1, 3], weights: [1e-9 / 3, 2], features: null });
    expect(p.bias).toBe(1.23457);
    expect(p.weights).toEqual([3.33333e-10, 2]);
    expect(p.latents).toEqual([1, 3]);
  });

  it('argmax takes the first of ties and skips NaN; mean of none is 0', () => {
    expect(argmax([0.5, 0.7, 0.7])).toBe(1);
    expect(argmax([Number.NaN, 0.1])).toBe(1);
    expect(argmax([])).toBe(-1);
    expect(mean([1, 2, 3])).toBe(2);
    expect(mean([])).toBe(0);
  });

  it('leadInPrompt: dialogue ends after the opening quote, the others before the labelling character', () => {
    const ex = { text: 'said she. "How very odd', from: 11 };
    expect(leadInPrompt('dialogue', ex)).toBe('said she. "');
    expect(leadInPrompt('question', ex)).toBe(ex.text);
  });
});

describe('driftFigures', () => {
  it('calibrates on even prompts’ negatives, measures on odd prompts’ and on positives', () => {
    // 20 negatives per half: prompt p's level (the max over 3-token windows of the min) is p / 100
    const neg = Array.from({ length: 40 }, (_, p) => ({
      prompt: p,
      label: 'negative' as const,
      scores: [0, p / 100, p / 100, p / 100, 0],
    }));
    const pos = [
      { prompt: 0, label: 'positive' as const, scores: [0.9, 0.9, 0.9] },
      { prompt: 1, label: 'positive' as const, scores: [0.9, 0.1, 0.9] },
    ];
    const f = driftFigures([...neg, ...pos, { prompt: 2, label: null, scores: [1, 1, 1] }], 0.05, 3);
    // even levels 0, 0.02 … 0.38: one of 20 may drift, so τ is the second largest, 0.36
    expect(f.threshold).toBeCloseTo(0.36, 12);
    expect([f.calibrationN, f.calibrationRate]).toEqual([20, 0.05]);
    // odd levels above 0.36: 0.37 and 0.39
    expect([f.falseN, f.falseRate]).toEqual([20, 0.1]);
    expect([f.positiveN, f.positiveRate, f.leftOut]).toEqual([2, 0.5, 1]);
  });

  it('no positives: a null rate', () => {
    const f = driftFigures([
      { prompt: 0, label: 'negative', scores: [0.5, 0.5, 0.5] },
      { prompt: 1, label: 'negative', scores: [0.2] },
    ]);
    expect(f.positiveRate).toBeNull();
    expect(f.falseRate).toBe(0);
  });
});
