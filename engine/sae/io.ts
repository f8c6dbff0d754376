// The SAE file: safetensors with W_enc [n × d], latent_bias [n], W_dec [n × d], pre_bias [d] (F32) and string
// metadata: kind, hook, d, n, k, and `meta` — a JSON object (tokens seen, wall time, metrics, options…).
import { readSafetensors, type Tensor, writeSafetensors } from '../safetensors.ts';
import type { Sae } from './sae.ts';

export const SAE_KIND = 'axplay-topk-sae';

export interface SaeFile {
  readonly sae: Sae;
  /** Free-form JSON recorded with the weights. */
  readonly meta: Readonly<Record<string, unknown>>;
}

export function saeToSafetensors(sae: Sae, meta: Record<string, unknown> = {}): Uint8Array {
  const { d, n } = sae;
  const tensors = new Map<string, Tensor>([
    ['W_enc', { shape: [n, d], data: sae.wEnc }],
    ['latent_bias', { shape: [n], data: sae.bEnc }],
    ['W_dec', { shape: [n, d], data: sae.wDec }],
    ['pre_bias', { shape: [d], data: sae.preBias }],
  ]);
  return writeSafetensors(tensors, {
    kind: SAE_KIND,
    hook: sae.hook,
    d: String(d),
    n: String(n),
    k: String(sae.k),
    meta: JSON.stringify(meta),
  });
}

/** Reads an SAE file; throws on a file of another kind or with tensors of the wrong shape. */
export function loadSae(bytes: Uint8Array): SaeFile {
  const f = readSafetensors(bytes);
  const md = f.metadata;
  if (md.kind !== SAE_KIND) throw new Error(`not an SAE file (kind ${String(md.kind)}, expected ${SAE_KIND})`);
  const d = Number(md.d);
  const n = Number(md.n);
  const k = Number(md.k);
  if (!(Number.isInteger(d) && Number.isInteger(n) && Number.isInteger(k) && k >= 1 && k <= n && d > 0)) {
    throw new Error(`SAE file has invalid dimensions d=${md.d} n=${md.n} k=${md.k}`);
  }
  const get = (name: string, len: number) => {
    const t = f.tensors.get(name);
    if (!t) throw new Error(`SAE file is missing tensor ${name}`);
    if (t.data.length !== len) throw new Error(`SAE tensor ${name} has ${t.data.length} values, expected ${len}`);
    return t.data;
  };
  const sae: Sae = {
    hook: String(md.hook),
    d,
    n,
    k,
    wEnc: get('W_enc', n * d),
    bEnc: get('latent_bias', n),
    wDec: get('W_dec', n * d),
    preBias: get('pre_bias', d),
  };
  return { sae, meta: JSON.parse(md.meta ?? '{}') as Record<string, unknown> };
}
