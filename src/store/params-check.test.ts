import { describe, expect, it } from 'vitest';
import { DEFAULT_DRAFT } from './draft.ts';
import { fieldProblems, numberProblem, parseStops, runBlocker, stopProblem } from './params-check.ts';

describe('field validation against the protocol limits', () => {
  it('accepts what the server accepts, and says why not otherwise', () => {
    expect(numberProblem('max_tokens', '4096')).toBeUndefined();
    expect(numberProblem('max_tokens', '100000')).toBe('must be at most 4096');
    expect(numberProblem('max_tokens', '0')).toBe('must be at least 1');
    expect(numberProblem('max_tokens', '')).toBe('is required');
    expect(numberProblem('max_tokens', '12.5')).toBe('must be a whole number');
    expect(numberProblem('temperature', '')).toBe('is required');
    expect(numberProblem('temperature', '0.')).toBeUndefined();
    expect(numberProblem('top_p', '')).toBeUndefined();
    expect(numberProblem('top_p', '0')).toBe('must be more than 0');
    expect(numberProblem('top_k', 'abc')).toBe('must be a number');
  });

  it('a fifth stop sequence is a problem, never silently dropped', () => {
    expect(parseStops('a, b, \\n, d')).toEqual(['a', 'b', '\n', 'd']);
    expect(stopProblem('a,b,c,d')).toBeUndefined();
    expect(stopProblem('a,b,c,d,e')).toMatch(/at most 4 \(you have 5\)/);
  });

  it('Run is blocked with the reason: a bad field, or nothing to send', () => {
    const d = { ...DEFAULT_DRAFT, mode: 'chat' as const, messages: [], composer: '' };
    expect(runBlocker(d)).toBe('Nothing to send yet: write a message.');
    expect(runBlocker({ ...d, composer: 'Hi' })).toBeUndefined();
    const bad = { ...d, composer: 'Hi', fieldText: { max_tokens: '40000', stop: 'a,b,c,d,e' } };
    expect(fieldProblems(bad)).toEqual({
      max_tokens: 'Max tokens must be at most 4096',
      stop: 'Stop sequences are at most 4 (you have 5): remove 1',
    });
    expect(runBlocker(bad)).toMatch(/^Fix these fields first: Max tokens must be at most 4096; Stop sequences/);
    expect(runBlocker({ ...d, mode: 'completion', prompt: '  ' })).toBe('Nothing to send yet: write a prompt.');
  });
});
