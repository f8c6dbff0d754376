import { describe, expect, it } from 'vitest';
import { visibleToken } from './visible-token.ts';

describe('visibleToken', () => {
  it('shows whitespace and control characters as symbols, the rest as it is', () => {
    expect(visibleToken(' ')).toBe('␣');
    expect(visibleToken('a b\n')).toBe('a␣b⏎');
    expect(visibleToken('\t\r')).toBe('⇥␍');
    expect(visibleToken('\u0001')).toBe('\\u0001');
    expect(visibleToken('"é')).toBe('"é');
    expect(visibleToken('')).toBe('∅');
  });
});
