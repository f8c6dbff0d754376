import { describe, expect, it } from 'vitest';
import { readSafetensors, type Tensor, WeightsFormatError, writeSafetensors } from './safetensors.ts';

/** Assembles a safetensors file by hand: 8-byte LE header length, the header text, then the data bytes. */
function build(header: unknown, data: Uint8Array = new Uint8Array(0), headerLen?: number): Uint8Array {
  const text = typeof header === 'string' ? header : JSON.stringify(header);
  const hb = new TextEncoder().encode(text);
  const out = new Uint8Array(8 + hb.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLen ?? hb.length), true);
  out.set(hb, 8);
  out.set(data, 8 + hb.length);
  return out;
}

function f32Bytes(xs: readonly number[]): Uint8Array {
  const b = new Uint8Array(xs.length * 4);
  const v = new DataView(b.buffer);
  for (const [i, x] of xs.entries()) v.setFloat32(i * 4, x, true);
  return b;
}

function u16Bytes(xs: readonly number[]): Uint8Array {
  const b = new Uint8Array(xs.length * 2);
  const v = new DataView(b.buffer);
  for (const [i, x] of xs.entries()) v.setUint16(i * 2, x, true);
  return b;
}

function expectFormatError(f: () => unknown, message: RegExp): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(WeightsFormatError);
  expect((caught as Error).name).toBe('WeightsFormatError');
  expect((caught as Error).message).toMatch(message);
}

const headerLength = (bytes: Uint8Array) => Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
const headerJson = (bytes: Uint8Array) =>
  JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength(bytes)))) as Record<string, unknown>;

describe('writeSafetensors → readSafetensors', () => {
  const tensors = new Map<string, Tensor>([
    ['a', { shape: [2, 3], data: Float32Array.from([1, -2, 3.5, 0, 1e-30, -7.25]) }],
    ['b.bias', { shape: [3], data: Float32Array.from([Math.PI, -0, 1e30]) }],
    ['scalar', { shape: [], data: Float32Array.from([42]) }],
    ['empty', { shape: [0, 4], data: new Float32Array(0) }],
  ]);
  const metadata = { arch: 'x', note: 'hello "world" \u00e9\u2014', empty: '' };

  it('round-trips shapes, values and metadata', () => {
    const bytes = writeSafetensors(tensors, metadata);
    const file = readSafetensors(bytes);
    expect([...file.tensors.keys()].sort()).toEqual([...tensors.keys()].sort());
    for (const [name, t] of tensors) {
      const got = file.tensors.get(name);
      expect(got?.shape).toEqual(t.shape);
      expect(got?.data).toBeInstanceOf(Float32Array);
      expect(Array.from(got?.data ?? [])).toEqual(Array.from(t.data));
    }
    expect(Object.is(file.tensors.get('b.bias')?.data[1], -0)).toBe(true);
    expect(file.metadata).toEqual(metadata);
  });

  it('aligns the data section to 8 bytes and lays tensors out contiguously in order', () => {
    for (const note of ['', 'a', 'ab', 'abc', 'abcd', 'abcde', 'abcdef', 'abcdefg', '\u00e9\u00e9\u00e9']) {
      const bytes = writeSafetensors(tensors, { note });
      const hl = headerLength(bytes);
      expect((8 + hl) % 8).toBe(0);
      expect(readSafetensors(bytes).metadata.note).toBe(note);
      const h = headerJson(bytes);
      expect(h.a).toEqual({ dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] });
      expect(h['b.bias']).toEqual({ dtype: 'F32', shape: [3], data_offsets: [24, 36] });
      expect(h.scalar).toEqual({ dtype: 'F32', shape: [], data_offsets: [36, 40] });
      expect(h.empty).toEqual({ dtype: 'F32', shape: [0, 4], data_offsets: [40, 40] });
      expect(bytes.length).toBe(8 + hl + 40);
      // the raw little-endian f32 bytes of tensor a start right after the header
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      expect(view.getFloat32(8 + hl + 8, true)).toBe(3.5);
    }
  });

  it('writes an empty file (no tensors, no metadata) that reads back', () => {
    const file = readSafetensors(writeSafetensors(new Map()));
    expect(file.tensors.size).toBe(0);
    expect(file.metadata).toEqual({});
  });

  it('reads from a Uint8Array view with a non-zero byteOffset', () => {
    const bytes = writeSafetensors(tensors, metadata);
    const big = new Uint8Array(bytes.length + 13);
    big.set(bytes, 5);
    const file = readSafetensors(big.subarray(5, 5 + bytes.length));
    expect(Array.from(file.tensors.get('a')?.data ?? [])).toEqual(Array.from(tensors.get('a')?.data ?? []));
  });

  it('refuses to write a tensor whose shape does not match its data', () => {
    const bad = new Map<string, Tensor>([['w', { shape: [2, 2], data: new Float32Array(3) }]]);
    expect(() => writeSafetensors(bad)).toThrow(/tensor w: shape \[2, 2\] does not match 3 values/);
  });

  it('reads files written by other tools: unpadded header, tensors in any order', () => {
    const data = new Uint8Array([...f32Bytes([5, 6]), ...f32Bytes([1, 2, 3])]);
    const bytes = build(
      {
        second: { dtype: 'F32', shape: [3], data_offsets: [8, 20] },
        first: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
      },
      data,
    );
    const file = readSafetensors(bytes);
    expect(Array.from(file.tensors.get('second')?.data ?? [])).toEqual([1, 2, 3]);
    expect(Array.from(file.tensors.get('first')?.data ?? [])).toEqual([5, 6]);
    expect(file.metadata).toEqual({});
  });
});

describe('F16', () => {
  it('widens half-precision values to f32', () => {
    const halves = [0x3c00, 0xc000, 0x3800, 0x0001, 0x7c00, 0xfc00, 0x0000, 0x8000, 0x7bff, 0x0400, 0x03ff, 0x3555];
    const bytes = build({ h: { dtype: 'F16', shape: [3, 4], data_offsets: [0, halves.length * 2] } }, u16Bytes(halves));
    const t = readSafetensors(bytes).tensors.get('h');
    expect(t?.shape).toEqual([3, 4]);
    const d = Array.from(t?.data ?? []);
    expect(d[0]).toBe(1);
    expect(d[1]).toBe(-2);
    expect(d[2]).toBe(0.5);
    expect(d[3]).toBe(2 ** -24); // smallest subnormal
    expect(d[4]).toBe(Number.POSITIVE_INFINITY);
    expect(d[5]).toBe(Number.NEGATIVE_INFINITY);
    expect(Object.is(d[6], 0)).toBe(true);
    expect(Object.is(d[7], -0)).toBe(true);
    expect(d[8]).toBe(65504); // largest finite half
    expect(d[9]).toBe(2 ** -14); // smallest normal
    expect(d[10]).toBe(2 ** -14 * (1023 / 1024)); // largest subnormal
    expect(d[11]).toBe(0.25 * (1 + 0x155 / 1024)); // 0x3555: exponent 13, mantissa 0x155 → 0.333251953125
  });

  it('decodes NaN', () => {
    const bytes = build({ h: { dtype: 'F16', shape: [2], data_offsets: [0, 4] } }, u16Bytes([0x7e00, 0xfc01]));
    const d = readSafetensors(bytes).tensors.get('h')?.data;
    expect(Number.isNaN(d?.[0])).toBe(true);
    expect(Number.isNaN(d?.[1])).toBe(true);
  });

  it('mixes F16 and F32 tensors in one file', () => {
    const data = new Uint8Array([...u16Bytes([0x3c00, 0x4000]), ...f32Bytes([0.1])]);
    const bytes = build(
      {
        __metadata__: { k: 'v' },
        h: { dtype: 'F16', shape: [2], data_offsets: [0, 4] },
        f: { dtype: 'F32', shape: [1], data_offsets: [4, 8] },
      },
      data,
    );
    const file = readSafetensors(bytes);
    expect(Array.from(file.tensors.get('h')?.data ?? [])).toEqual([1, 2]);
    expect(file.tensors.get('f')?.data[0]).toBe(Math.fround(0.1));
    expect(file.metadata).toEqual({ k: 'v' });
  });
});

describe('readSafetensors errors', () => {
  const good = writeSafetensors(
    new Map<string, Tensor>([
      ['w', { shape: [2, 2], data: Float32Array.from([1, 2, 3, 4]) }],
      ['b', { shape: [2], data: Float32Array.from([5, 6]) }],
    ]),
    { k: 'v' },
  );

  it('rejects empty and too-short input', () => {
    expectFormatError(() => readSafetensors(new Uint8Array(0)), /0 bytes is too short/);
    expectFormatError(() => readSafetensors(new Uint8Array(7)), /7 bytes is too short/);
  });

  it('rejects a header length larger than the file', () => {
    expectFormatError(
      () => readSafetensors(build({}, new Uint8Array(0), 1000)),
      /header length 1000 exceeds the file size/,
    );
    const huge = new Uint8Array(16);
    new DataView(huge.buffer).setBigUint64(0, 0xffffffffffffffffn, true);
    expectFormatError(() => readSafetensors(huge), /header length .* exceeds/);
    expectFormatError(() => readSafetensors(good.subarray(0, 20)), /header length \d+ exceeds the file size 20/);
  });

  it('rejects a header that is not valid JSON, not UTF-8, or not an object', () => {
    expectFormatError(() => readSafetensors(build('{"a": ')), /header is not valid JSON/);
    expectFormatError(() => readSafetensors(build('')), /header is not valid JSON/);
    const badUtf8 = build('{}');
    badUtf8[9] = 0xff; // '{' '}' → '{' 0xff
    expectFormatError(() => readSafetensors(badUtf8), /header is not valid JSON/);
    expectFormatError(() => readSafetensors(build('[1, 2]')), /not a JSON object/);
    expectFormatError(() => readSafetensors(build('null')), /not a JSON object/);
    expectFormatError(() => readSafetensors(build('"x"')), /not a JSON object/);
  });

  it('rejects truncated data (a cut file), naming the tensor', () => {
    expectFormatError(
      () => readSafetensors(good.subarray(0, good.length - 1)),
      /tensor b: data_offsets \[16, 24\] lie outside the 23 data bytes/,
    );
    expectFormatError(() => readSafetensors(good.subarray(0, good.length - 10)), /truncated file\?/);
  });

  it('rejects an unsupported dtype, naming the tensor and the dtype', () => {
    const bytes = build({ ids: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, new Uint8Array(8));
    expectFormatError(() => readSafetensors(bytes), /tensor ids: unsupported dtype I64 \(F32 or F16 expected\)/);
    const bf16 = build({ x: { dtype: 'BF16', shape: [1], data_offsets: [0, 2] } }, new Uint8Array(2));
    expectFormatError(() => readSafetensors(bf16), /tensor x: unsupported dtype BF16/);
    const none = build({ x: { shape: [1], data_offsets: [0, 4] } }, new Uint8Array(4));
    expectFormatError(() => readSafetensors(none), /tensor x: unsupported dtype undefined/);
  });

  it('rejects a byte count that does not match the shape', () => {
    const bytes = build({ w: { dtype: 'F32', shape: [2, 3], data_offsets: [0, 20] } }, new Uint8Array(24));
    expectFormatError(() => readSafetensors(bytes), /tensor w: 20 bytes do not hold 6 F32 values of shape \[2, 3\]/);
    const f16 = build({ h: { dtype: 'F16', shape: [3], data_offsets: [0, 4] } }, new Uint8Array(8));
    expectFormatError(() => readSafetensors(f16), /tensor h: 4 bytes do not hold 3 F16 values/);
  });

  it('rejects bad data_offsets', () => {
    const data = new Uint8Array(16);
    const cases: [unknown, RegExp][] = [
      [undefined, /tensor t: invalid data_offsets/],
      [[0], /tensor t: invalid data_offsets/],
      [[0, 4, 8], /tensor t: invalid data_offsets/],
      ['0,4', /tensor t: invalid data_offsets/],
      [[-4, 0], /tensor t: data_offsets \[-4, 0\] lie outside the 16 data bytes/],
      [[8, 4], /tensor t: data_offsets \[8, 4\] lie outside/],
      [[0, 20], /tensor t: data_offsets \[0, 20\] lie outside the 16 data bytes/],
      [[0.5, 4.5], /tensor t: data_offsets \[0\.5, 4\.5\] lie outside/],
      [['0', '4'], /tensor t: data_offsets \[0, 4\] lie outside/],
    ];
    for (const [offsets, msg] of cases) {
      const bytes = build({ t: { dtype: 'F32', shape: [1], data_offsets: offsets } }, data);
      expectFormatError(() => readSafetensors(bytes), msg);
    }
  });

  it('rejects invalid shapes', () => {
    for (const shape of [undefined, 3, [-1], [1.5], ['2'], null]) {
      const bytes = build({ t: { dtype: 'F32', shape, data_offsets: [0, 4] } }, new Uint8Array(4));
      expectFormatError(() => readSafetensors(bytes), /tensor t: invalid shape/);
    }
    expectFormatError(() => readSafetensors(build({ t: 'nope' }, new Uint8Array(4))), /tensor t: invalid shape/);
    expectFormatError(() => readSafetensors(build({ t: null }, new Uint8Array(4))), /tensor t: invalid shape/);
  });

  it('rejects non-string metadata, naming the key', () => {
    expectFormatError(
      () => readSafetensors(build({ __metadata__: { a: 'ok', n: 3 } })),
      /__metadata__\.n must be a string/,
    );
    expectFormatError(
      () => readSafetensors(build({ __metadata__: { o: { x: 'y' } } })),
      /__metadata__\.o must be a string/,
    );
    expectFormatError(
      () => readSafetensors(build({ __metadata__: ['a'] })),
      /__metadata__ must be an object of strings/,
    );
    expectFormatError(() => readSafetensors(build({ __metadata__: 'a' })), /__metadata__ must be an object of strings/);
    expectFormatError(
      () => readSafetensors(build({ __metadata__: null })),
      /__metadata__ must be an object of strings/,
    );
  });
});
