// A small safetensors reader/writer (https://huggingface.co/docs/safetensors): an 8-byte little-endian header
// length, a JSON header {name: {dtype, shape, data_offsets}, __metadata__: {string: string}}, then raw
// little-endian tensor bytes. Only F32 and F16 are read (F16 is widened to f32); F32 is written.
// Hand-written because it is ~100 lines and the npm packages that exist are unmaintained or browser-only.

export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export interface SafetensorsFile {
  readonly tensors: ReadonlyMap<string, Tensor>;
  readonly metadata: Readonly<Record<string, string>>;
}

export class WeightsFormatError extends Error {
  override name = 'WeightsFormatError';
}

const MAX_HEADER = 100 * 1024 * 1024;

export function readSafetensors(bytes: Uint8Array): SafetensorsFile {
  if (bytes.byteLength < 8)
    throw new WeightsFormatError(`not a safetensors file: ${bytes.byteLength} bytes is too short for a header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = Number(view.getBigUint64(0, true));
  if (headerLen > MAX_HEADER || 8 + headerLen > bytes.byteLength) {
    throw new WeightsFormatError(
      `not a safetensors file (or truncated): header length ${headerLen} exceeds the file size ${bytes.byteLength}`,
    );
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLen)));
  } catch (e) {
    throw new WeightsFormatError(`not a safetensors file: the header is not valid JSON (${(e as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new WeightsFormatError('not a safetensors file: the header is not a JSON object');
  }
  const dataStart = 8 + headerLen;
  const dataLen = bytes.byteLength - dataStart;
  const tensors = new Map<string, Tensor>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = parseMetadata(entry);
      continue;
    }
    const { dtype, shape, data_offsets } = (entry ?? {}) as {
      dtype?: unknown;
      shape?: unknown;
      data_offsets?: unknown;
    };
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new WeightsFormatError(`tensor ${name}: invalid shape ${JSON.stringify(shape)}`);
    }
    if (!Array.isArray(data_offsets) || data_offsets.length !== 2) {
      throw new WeightsFormatError(`tensor ${name}: invalid data_offsets`);
    }
    const [begin, end] = data_offsets as [number, number];
    if (!Number.isInteger(begin) || !Number.isInteger(end) || begin < 0 || end < begin || end > dataLen) {
      throw new WeightsFormatError(
        `tensor ${name}: data_offsets [${begin}, ${end}] lie outside the ${dataLen} data bytes (truncated file?)`,
      );
    }
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    const width = dtype === 'F32' ? 4 : dtype === 'F16' ? 2 : 0;
    if (width === 0)
      throw new WeightsFormatError(`tensor ${name}: unsupported dtype ${String(dtype)} (F32 or F16 expected)`);
    if (end - begin !== count * width) {
      throw new WeightsFormatError(
        `tensor ${name}: ${end - begin} bytes do not hold ${count} ${dtype} values of shape [${shape.join(', ')}]`,
      );
    }
    const data = new Float32Array(count);
    const base = dataStart + begin;
    for (let i = 0; i < count; i++) {
      data[i] = width === 4 ? view.getFloat32(base + i * 4, true) : f16ToF32(view.getUint16(base + i * 2, true));
    }
    tensors.set(name, { shape: shape as number[], data });
  }
  return { tensors, metadata };
}

function parseMetadata(entry: unknown): Record<string, string> {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new WeightsFormatError('__metadata__ must be an object of strings');
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(entry)) {
    if (typeof v !== 'string') throw new WeightsFormatError(`__metadata__.${k} must be a string`);
    out[k] = v;
  }
  return out;
}

function f16ToF32(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? Number.NaN : s * Number.POSITIVE_INFINITY;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/** Serialises F32 tensors (in the given order) and string metadata. */
export function writeSafetensors(
  tensors: ReadonlyMap<string, Tensor>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const [name, t] of tensors) {
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (count !== t.data.length)
      throw new Error(`tensor ${name}: shape [${t.shape.join(', ')}] does not match ${t.data.length} values`);
    header[name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + count * 4] };
    offset += count * 4;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + new TextEncoder().encode(json).length) % 8)) % 8); // align the data to 8 bytes
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let pos = 8 + headerBytes.length;
  for (const t of tensors.values()) {
    for (let i = 0; i < t.data.length; i++) view.setFloat32(pos + i * 4, t.data[i] ?? 0, true);
    pos += t.data.length * 4;
  }
  return out;
}
