// Contrast pairs read as mechanex's generate_from_jsonl reads them: the three lists in order, blank lines skipped,
// each problem named with its line, and the server's limits refused before sending.
import { describe, expect, it } from 'vitest';
import { MAX_STEERING_CHARS, MAX_STEERING_PAIRS } from '../../protocol/steering.ts';
import { EXAMPLE_PAIRS_JSONL, parsePairs } from './steering-pairs.ts';

const pair = (prompt: string, positive_answer: string, negative_answer: string) =>
  JSON.stringify({ prompt, positive_answer, negative_answer });

describe('parsePairs', () => {
  it('reads one object per line into the three lists, skipping blank lines and ignoring other keys', () => {
    const text = [
      pair('A. ', '"Yes!"', 'yes.'),
      '',
      '   ',
      JSON.stringify({ prompt: 'B. ', positive_answer: '"No!"', negative_answer: 'no.', category: 'x' }),
    ].join('\r\n');
    const r = parsePairs(`${text}\n`);
    expect(r).toEqual({
      ok: true,
      pairs: { prompts: ['A. ', 'B. '], positive_answers: ['"Yes!"', '"No!"'], negative_answers: ['yes.', 'no.'] },
      lines: [1, 4],
    });
  });

  it('names the line and the key of every problem', () => {
    const text = [
      pair('ok ', 'a', 'b'),
      '{"prompt": "x", "negative_answer": "n"}',
      '{"prompt": 3, "positive_answer": "p", "negative_answer": null}',
      'not json',
      '["prompt"]',
      pair('y', '', 'n'),
    ].join('\n');
    const r = parsePairs(text);
    if (r.ok) throw new Error('expected problems');
    expect(r.errors).toEqual([
      'line 2: positive_answer is missing',
      'line 3: prompt must be a string, not a number',
      'line 3: negative_answer must be a string, not null',
      expect.stringMatching(/^line 4: not JSON \(.+\)$/),
      'line 5: not a JSON object (it is an array)',
      'line 6: positive_answer is empty: an answer needs at least one character',
    ]);
  });

  it('an empty prompt is allowed (the server reads it as one position), an empty text is not', () => {
    expect(parsePairs(pair('', 'a', 'b')).ok).toBe(true);
    expect(parsePairs('\n  \n')).toEqual({ ok: false, errors: [expect.stringMatching(/^No pairs yet/)] });
  });

  it(`refuses more than ${MAX_STEERING_PAIRS} pairs`, () => {
    const line = pair('p', 'a', 'b');
    expect(parsePairs(Array(MAX_STEERING_PAIRS).fill(line).join('\n')).ok).toBe(true);
    expect(
      parsePairs(
        Array(MAX_STEERING_PAIRS + 1)
          .fill(line)
          .join('\n'),
      ),
    ).toEqual({
      ok: false,
      errors: [`${MAX_STEERING_PAIRS + 1} pairs: at most ${MAX_STEERING_PAIRS} per vector`],
    });
  });

  it(`refuses more than ${MAX_STEERING_CHARS} characters, counted as the server counts them`, () => {
    // each pair: prompt (100) with both answers (50 + 50) = 300 characters
    const line = pair('p'.repeat(100), 'a'.repeat(50), 'b'.repeat(50));
    const fits = Math.floor(MAX_STEERING_CHARS / 300);
    expect(parsePairs(Array(fits).fill(line).join('\n')).ok).toBe(true);
    const r = parsePairs(
      Array(fits + 1)
        .fill(line)
        .join('\n'),
    );
    expect(r).toEqual({
      ok: false,
      errors: [
        `The pairs hold ${((fits + 1) * 300).toLocaleString('en')} characters (each prompt counted with both answers): at most 65,536 per vector`,
      ],
    });
  });

  it('the example is five good pairs whose answers differ', () => {
    const r = parsePairs(EXAMPLE_PAIRS_JSONL);
    if (!r.ok) throw new Error(r.errors.join('; '));
    expect(r.pairs.prompts).toHaveLength(5);
    r.pairs.positive_answers.forEach((a, i) => {
      expect(a).toContain('!');
      expect(r.pairs.negative_answers[i]).not.toContain('!');
    });
  });
});
