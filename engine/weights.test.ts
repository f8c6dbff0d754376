import { describe, expect, it } from 'vitest';
import { type ModelConfig, paramCount, paramSpecs } from './config.ts';
import { readSafetensors, WeightsFormatError } from './safetensors.ts';
import { randomWeights, TINY } from './testing/random-model.ts';
import { VOCAB_CHARS } from './tokenizer.ts';
import { ARCH, loadWeights, weightsToSafetensors } from './weights.ts';

type Header = Record<string, unknown> & { __metadata__: Record<string, unknown> };

/** Splits a safetensors file into its parsed header and its data section. */
function split(bytes: Uint8Array): { header: Header; data: Uint8Array } {
  const len = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + len))) as Header;
  return { header, data: bytes.subarray(8 + len) };
}

function join(header: unknown, data: Uint8Array): Uint8Array {
  const hb = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + hb.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(hb.length), true);
  out.set(hb, 8);
  out.set(data, 8 + hb.length);
  return out;
}

/** Rewrites a file's header (the data section is kept byte for byte). */
function editHeader(bytes: Uint8Array, edit: (h: Header) => void): Uint8Array {
  const { header, data } = split(bytes);
  edit(header);
  return join(header, data);
}

function expectFormatError(f: () => unknown, message: RegExp): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(WeightsFormatError);
  expect((caught as Error).message).toMatch(message);
}

describe('weightsToSafetensors → loadWeights', () => {
  const w = randomWeights();
  const bytes = weightsToSafetensors(w.cfg, w.params, { step: '123', note: 'hi' });

  it('round-trips the config and every parameter exactly', () => {
    const loaded = loadWeights(bytes);
    expect(loaded.cfg).toEqual(TINY);
    expect(loaded.params.length).toBe(paramCount(TINY));
    expect(loaded.params).toEqual(w.params);
    expect(loaded.params).not.toBe(w.params);
  });

  it('stores every tensor under its name, with its shape and its slice of the flat parameters', () => {
    const file = readSafetensors(bytes);
    const specs = paramSpecs(TINY);
    expect(file.tensors.size).toBe(specs.length);
    for (const s of specs) {
      const t = file.tensors.get(s.name);
      expect(t?.shape).toEqual(s.shape);
      expect(Array.from(t?.data ?? [])).toEqual(Array.from(w.params.subarray(s.offset, s.offset + s.size)));
    }
  });

  it('writes the architecture, vocabulary and config metadata, keeping extra keys', () => {
    const md = loadWeights(bytes).metadata;
    expect(md.arch).toBe(ARCH);
    expect(md.vocab).toBe(VOCAB_CHARS);
    expect(md.eos).toBe('<|endoftext|>');
    expect(JSON.parse(md.config ?? '')).toEqual(TINY);
    expect(md.step).toBe('123');
    expect(md.note).toBe('hi');
  });

  it('does not let extra metadata override the reserved keys', () => {
    const b = weightsToSafetensors(w.cfg, w.params, { arch: 'evil', vocab: 'abc', config: '{}' });
    const loaded = loadWeights(b);
    expect(loaded.metadata.arch).toBe(ARCH);
    expect(loaded.cfg).toEqual(TINY);
  });

  it('works for another config (different ctx, layers, width)', () => {
    const cfg: ModelConfig = { vocabSize: 97, ctx: 16, nLayer: 1, nHead: 2, dModel: 16 };
    const rw = randomWeights(cfg, 4);
    const loaded = loadWeights(weightsToSafetensors(cfg, rw.params));
    expect(loaded.cfg).toEqual(cfg);
    expect(loaded.params).toEqual(rw.params);
  });

  it('refuses to write the wrong number of parameters', () => {
    expect(() => weightsToSafetensors(TINY, new Float32Array(10))).toThrow(
      `expected ${paramCount(TINY)} parameters, got 10`,
    );
  });
});

describe('loadWeights errors', () => {
  const w = randomWeights();
  const bytes = weightsToSafetensors(w.cfg, w.params);

  it('passes through safetensors format errors', () => {
    expectFormatError(() => loadWeights(new Uint8Array(3)), /too short/);
    expectFormatError(() => loadWeights(bytes.subarray(0, bytes.length - 4)), /truncated file\?/);
  });

  it('rejects the wrong architecture, naming it', () => {
    const b = editHeader(bytes, (h) => {
      h.__metadata__.arch = 'llama';
    });
    expectFormatError(() => loadWeights(b), /metadata\.arch is "llama", expected "axplay-gpt-char"/);
    const missing = editHeader(bytes, (h) => {
      delete h.__metadata__.arch;
    });
    expectFormatError(() => loadWeights(missing), /metadata\.arch is undefined/);
  });

  it('rejects a different vocabulary', () => {
    const b = editHeader(bytes, (h) => {
      h.__metadata__.vocab = VOCAB_CHARS.slice(1);
    });
    expectFormatError(() => loadWeights(b), /vocabulary in the weights does not match/);
  });

  it('rejects invalid config JSON and invalid configs', () => {
    const cases: [unknown, RegExp][] = [
      ['{not json', /invalid metadata\.config/],
      ['', /invalid metadata\.config/],
      [undefined, /invalid metadata\.config/],
      ['null', /invalid metadata\.config/],
      [
        JSON.stringify({ ...TINY, nLayer: 0 }),
        /invalid metadata\.config: model config: nLayer must be a positive integer/,
      ],
      [JSON.stringify({ ...TINY, nHead: 3 }), /invalid metadata\.config: .*not divisible by nHead 3/],
    ];
    for (const [config, msg] of cases) {
      const b = editHeader(bytes, (h) => {
        if (config === undefined) delete h.__metadata__.config;
        else h.__metadata__.config = config;
      });
      expectFormatError(() => loadWeights(b), msg);
    }
  });

  it('rejects a config whose vocabulary size differs from the tokenizer', () => {
    const b = editHeader(bytes, (h) => {
      h.__metadata__.config = JSON.stringify({ ...TINY, vocabSize: 96 });
    });
    expectFormatError(() => loadWeights(b), /config\.vocabSize 96 != tokenizer vocabulary 97/);
  });

  it('rejects a tensor with the wrong shape, naming the tensor and both shapes', () => {
    const b = editHeader(bytes, (h) => {
      const t = h['blocks.1.attn.c_attn.weight'] as { shape: number[] };
      t.shape = [96, 32]; // same element count as [32, 96], so only the shape check can catch it
    });
    expectFormatError(
      () => loadWeights(b),
      /tensor blocks\.1\.attn\.c_attn\.weight has shape \[96, 32\], expected \[32, 96\]/,
    );
    const rank = editHeader(bytes, (h) => {
      const t = h['ln_f.bias'] as { shape: number[] };
      t.shape = [1, 32];
    });
    expectFormatError(() => loadWeights(rank), /tensor ln_f\.bias has shape \[1, 32\], expected \[32\]/);
  });

  it('rejects weights whose ctx disagrees with the position embedding', () => {
    const b = editHeader(bytes, (h) => {
      h.__metadata__.config = JSON.stringify({ ...TINY, ctx: 64 });
    });
    expectFormatError(() => loadWeights(b), /tensor wpe has shape \[32, 32\], expected \[64, 32\]/);
  });

  it('rejects a missing tensor, naming it', () => {
    const b = editHeader(bytes, (h) => {
      delete h['blocks.0.mlp.c_fc.bias'];
    });
    expectFormatError(() => loadWeights(b), /missing tensor blocks\.0\.mlp\.c_fc\.bias/);
  });

  it('loads F16 weights (widened to f32)', () => {
    // rewrite the file with every tensor as F16 ones (0x3C00 = 1.0)
    const { header } = split(bytes);
    let offset = 0;
    const parts: Uint8Array[] = [];
    for (const s of paramSpecs(TINY)) {
      header[s.name] = { dtype: 'F16', shape: s.shape, data_offsets: [offset, offset + s.size * 2] };
      const b = new Uint8Array(s.size * 2);
      const v = new DataView(b.buffer);
      for (let i = 0; i < s.size; i++) v.setUint16(i * 2, 0x3c00, true);
      parts.push(b);
      offset += s.size * 2;
    }
    const data = new Uint8Array(offset);
    let o = 0;
    for (const p of parts) {
      data.set(p, o);
      o += p.length;
    }
    const loaded = loadWeights(join(header, data));
    expect(loaded.params.length).toBe(paramCount(TINY));
    expect(loaded.params.every((x) => x === 1)).toBe(true);
  });
});
