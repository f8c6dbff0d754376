import { describe, expect, it } from 'vitest';
import { readSse } from './sse.ts';

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      for (const ch of chunks) c.enqueue(ch);
      c.close();
    },
  });
}

/** Splits bytes at random boundaries (including inside multi-byte characters). */
function randomChunks(bytes: Uint8Array, seed: number): Uint8Array[] {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const out: Uint8Array[] = [];
  let i = 0;
  while (i < bytes.length) {
    const n = 1 + Math.floor(rnd() * 7);
    out.push(bytes.slice(i, i + n));
    i += n;
  }
  return out;
}

const text = [
  ': stream open',
  '',
  'event: token',
  'data: {"text":"é"}',
  '',
  'data: {"text":"🦊 \\u2028 ok"}',
  '',
  'data: line one',
  'data: line two',
  '',
  ': ping',
  '',
  'data: [DONE]',
  '',
  '',
].join('\n');

async function collect(body: ReadableStream<Uint8Array>) {
  const out: { event?: string; data: string }[] = [];
  for await (const e of readSse(body)) out.push({ event: e.event, data: e.data });
  return out;
}

describe('readSse', () => {
  const expected = [
    { event: 'token', data: '{"text":"é"}' },
    { event: undefined, data: '{"text":"🦊 \\u2028 ok"}' },
    { event: undefined, data: 'line one\nline two' },
    { event: undefined, data: '[DONE]' },
  ];

  it('parses frames, joins data lines, skips comments', async () => {
    expect(await collect(streamOf([new TextEncoder().encode(text)]))).toEqual(expected);
  });

  it('gives the same events for any chunk boundaries, even inside multi-byte characters', async () => {
    const bytes = new TextEncoder().encode(text);
    for (let seed = 1; seed <= 60; seed++) {
      expect(await collect(streamOf(randomChunks(bytes, seed)))).toEqual(expected);
    }
    // one byte at a time
    expect(await collect(streamOf(Array.from(bytes, (b) => Uint8Array.of(b))))).toEqual(expected);
  });

  it('handles CRLF line endings and a final frame without a trailing blank line', async () => {
    const crlf = 'data: a\r\n\r\ndata: b';
    expect(await collect(streamOf([new TextEncoder().encode(crlf)]))).toEqual([
      { event: undefined, data: 'a' },
      { event: undefined, data: 'b' },
    ]);
  });
});
