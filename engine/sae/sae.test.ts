// Unit tests of the SAE's math: top-k selection, unit-norm rows, the decoder gradient projection, the geometric
// median, encode/decode against a naive dense computation, and the file round trip.
import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.ts';
import { loadSae, saeToSafetensors } from './io.ts';
import {
  createSae,
  decode,
  encode,
  geometricMedian,
  normalizeRows,
  projectDecoderGrad,
  type Sae,
  topkRow,
} from './sae.ts';

function randomSae(d: number, n: number, k: number, seed = 1): Sae {
  const rng = new Rng(seed);
  const s = createSae('blocks.3.hook_resid_pre', d, n, k);
  for (let i = 0; i < n * d; i++) {
    s.wEnc[i] = rng.next() - 0.5;
    s.wDec[i] = rng.next() - 0.5;
  }
  for (let i = 0; i < n; i++) s.bEnc[i] = (rng.next() - 0.5) * 0.1;
  for (let i = 0; i < d; i++) s.preBias[i] = rng.next() - 0.5;
  normalizeRows(s.wDec, n, d);
  return s;
}

describe('topkRow', () => {
  it('returns the k largest, largest first, relu applied', () => {
    const rng = new Rng(7);
    for (let t = 0; t < 50; t++) {
      const n = 40;
      const k = 1 + (t % 10);
      const pre = Float32Array.from({ length: n }, () => rng.next() * 2 - 1.2);
      const idx = new Int32Array(k);
      const val = new Float32Array(k);
      topkRow(pre, 0, n, k, idx, val, 0);
      const want = [...pre.keys()].sort((a, b) => (pre[b] as number) - (pre[a] as number)).slice(0, k);
      expect([...idx]).toEqual(want);
      expect([...val]).toEqual(want.map((i) => Math.max(0, pre[i] as number)));
    }
  });

  it('breaks ties towards the lower index', () => {
    const idx = new Int32Array(2);
    const val = new Float32Array(2);
    topkRow(Float32Array.from([1, 0, 1, 3]), 0, 4, 2, idx, val, 0);
    expect([...idx]).toEqual([3, 0]);
    const i3 = new Int32Array(3);
    topkRow(Float32Array.from([2, 2, 2, 2, 2]), 0, 5, 3, i3, new Float32Array(3), 0);
    expect([...i3].sort()).toEqual([0, 1, 2]);
  });

  it('restricts to allowed latents and pads with -1 when there are fewer than k', () => {
    const pre = Float32Array.from([5, 4, 3, 2, 1]);
    const idx = new Int32Array(3);
    const val = new Float32Array(3);
    topkRow(pre, 0, 5, 3, idx, val, 0, Uint8Array.from([0, 1, 0, 0, 1]));
    expect([...idx]).toEqual([1, 4, -1]);
    expect([...val]).toEqual([4, 1, 0]);
  });
});

describe('decoder geometry', () => {
  it('normalizeRows gives unit rows', () => {
    const s = randomSae(8, 16, 4);
    for (let i = 0; i < 16; i++) {
      let n2 = 0;
      for (let c = 0; c < 8; c++) n2 += (s.wDec[i * 8 + c] as number) ** 2;
      expect(n2).toBeCloseTo(1, 5);
    }
  });

  it('projectDecoderGrad removes the component along each row and keeps the rest', () => {
    const s = randomSae(8, 16, 4);
    const rng = new Rng(3);
    const g = Float32Array.from({ length: 16 * 8 }, () => rng.next() - 0.5);
    const g0 = Float32Array.from(g);
    projectDecoderGrad(s.wDec, g, 16, 8);
    for (let i = 0; i < 16; i++) {
      let dot = 0;
      let dot0 = 0;
      for (let c = 0; c < 8; c++) {
        dot += (g[i * 8 + c] as number) * (s.wDec[i * 8 + c] as number);
        dot0 += (g0[i * 8 + c] as number) * (s.wDec[i * 8 + c] as number);
      }
      expect(Math.abs(dot)).toBeLessThan(1e-6);
      for (let c = 0; c < 8; c++)
        expect(g[i * 8 + c]).toBeCloseTo((g0[i * 8 + c] as number) - dot0 * (s.wDec[i * 8 + c] as number), 6);
    }
  });
});

describe('geometricMedian', () => {
  it('is the median of points on a line and shrugs off an outlier', () => {
    const x = Float32Array.from([0, 0, 1, 0, 2, 0, 3, 0, 1000, 0]); // 5 points in 2-d
    const m = geometricMedian(x, 5, 2, 500, 1e-9);
    expect(m[0]).toBeCloseTo(2, 2);
    expect(m[1]).toBeCloseTo(0, 5);
  });

  it('is the centre of a symmetric cloud', () => {
    const x = Float32Array.from([1, 1, -1, 1, 1, -1, -1, -1].map((v) => v + 3));
    const m = geometricMedian(x, 4, 2);
    expect(m[0]).toBeCloseTo(3, 4);
    expect(m[1]).toBeCloseTo(3, 4);
  });
});

describe('encode / decode', () => {
  it('match a naive dense computation', () => {
    const d = 16;
    const n = 48;
    const k = 5;
    const s = randomSae(d, n, k);
    const rng = new Rng(11);
    const rows = 600; // more than one kernel chunk
    const x = Float32Array.from({ length: rows * d }, () => rng.next() * 2 - 1);
    const codes = encode(s, x, rows);
    const recon = decode(s, codes);
    for (let r = 0; r < rows; r += 37) {
      const pre = Array.from({ length: n }, (_, i) => {
        let v = s.bEnc[i] as number;
        for (let c = 0; c < d; c++)
          v += (s.wEnc[i * d + c] as number) * ((x[r * d + c] as number) - (s.preBias[c] as number));
        return v;
      });
      const top = [...pre.keys()].sort((a, b) => (pre[b] as number) - (pre[a] as number)).slice(0, k);
      expect([...codes.indices.subarray(r * k, r * k + k)]).toEqual(top);
      for (let c = 0; c < d; c++) {
        let v = s.preBias[c] as number;
        for (const i of top) v += Math.max(0, pre[i] as number) * (s.wDec[i * d + c] as number);
        expect(recon[r * d + c]).toBeCloseTo(v, 4);
      }
    }
  });

  it('round-trips through safetensors with its metadata', () => {
    const s = randomSae(8, 16, 4);
    const f = loadSae(saeToSafetensors(s, { tokens_seen: 123, metrics: { fve: 0.9 } }));
    expect(f.sae.hook).toBe(s.hook);
    expect([f.sae.d, f.sae.n, f.sae.k]).toEqual([8, 16, 4]);
    expect(f.sae.wEnc).toEqual(s.wEnc);
    expect(f.sae.wDec).toEqual(s.wDec);
    expect(f.sae.bEnc).toEqual(s.bEnc);
    expect(f.sae.preBias).toEqual(s.preBias);
    expect(f.meta).toEqual({ tokens_seen: 123, metrics: { fve: 0.9 } });
  });
});
