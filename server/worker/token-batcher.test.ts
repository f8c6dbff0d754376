import { describe, expect, it } from 'vitest';
import type { TokenRecord } from './job.ts';
import { TokenBatcher } from './token-batcher.ts';

const tok = (index: number, attempt = 1, choice = 0): TokenRecord => ({
  choice,
  index,
  token: 1,
  text: String(index % 10),
  logprob: -1,
  attempt,
});

function setup(intervalMs = 8, maxBatch = 4) {
  let now = 0;
  const out: string[] = [];
  const b = new TokenBatcher(
    {
      tokens: (batch) => out.push(`tokens ${batch.map((t) => t.index).join(',')}`),
      restart: (choice, from, attempt) => out.push(`restart ${choice} ${from} ${attempt}`),
    },
    intervalMs,
    maxBatch,
    () => now,
  );
  return { b, out, advance: (ms: number) => (now += ms) };
}

describe('TokenBatcher', () => {
  it('sends the first token at once, then batches by time and by size', () => {
    const { b, out, advance } = setup();
    b.push(tok(0));
    expect(out).toEqual(['tokens 0']);
    b.push(tok(1));
    b.push(tok(2));
    expect(out).toHaveLength(1);
    advance(8);
    b.push(tok(3));
    expect(out).toEqual(['tokens 0', 'tokens 1,2,3']);
    for (const i of [4, 5, 6, 7]) b.push(tok(i)); // size cap 4
    expect(out.at(-1)).toBe('tokens 4,5,6,7');
    b.push(tok(8));
    b.flush();
    expect(out.at(-1)).toBe('tokens 8');
    b.flush();
    expect(out).toHaveLength(4);
  });

  it('announces a new attempt after sending what came before it, in order', () => {
    const { b, out } = setup();
    b.push(tok(0));
    b.push(tok(1));
    b.push(tok(2));
    b.push(tok(1, 2)); // rewound to index 1
    b.flush();
    expect(out).toEqual(['tokens 0', 'tokens 1,2', 'restart 0 1 2', 'tokens 1']);
  });
});
