// The SAE's card metrics on a text: FVE (centred), PCA-k FVE at the same hook, dead fraction, L0, and the held-out
// loss with the reconstruction spliced in at every position (the pinned evaluation protocol).
import type { GPT } from '../model.ts';
import { encode as encodeTokens } from '../tokenizer.ts';
import { deadFraction, fve, meanL0, pcaFve } from './metrics.ts';
import { sequenceResiduals, splicedLoss } from './residuals.ts';
import { decode, encode, type Sae } from './sae.ts';

export interface SaeMetrics {
  /** Characters (= residual rows) measured. */
  readonly chars: number;
  readonly fve: number;
  /** FVE of PCA with k components fitted on the same rows. */
  readonly pca_k_fve: number;
  readonly dead_fraction: number;
  readonly l0: number;
  /** Held-out loss with the reconstruction spliced in at every position (nats/char); absent when not asked. */
  readonly spliced_loss?: number;
  /** spliced_loss − the model's own loss on the same text by the same protocol. */
  readonly delta_loss?: number;
  readonly clean_loss?: number;
}

/**
 * Measures `sae` on `text`. Residual rows: every character (sequenceResiduals). With `withLoss`, also the clean and
 * spliced losses (engine/evaluate.ts's protocol; the clean one equals evaluateText's).
 */
export function measureSae(model: GPT, sae: Sae, text: string, withLoss = true): SaeMetrics {
  const ids = encodeTokens(text);
  const x = sequenceResiduals(model, ids, sae.hook);
  const rows = ids.length;
  const codes = encode(sae, x, rows);
  const recon = decode(sae, codes);
  const base = {
    chars: rows,
    fve: fve(x, recon, rows, sae.d),
    pca_k_fve: pcaFve(x, rows, sae.d, sae.k),
    dead_fraction: deadFraction(codes, sae.n),
    l0: meanL0(codes),
  };
  if (!withLoss) return base;
  const clean = splicedLoss(model, ids, sae.hook, (r) => r).val_loss;
  const spliced = splicedLoss(model, ids, sae.hook, (r, n) => decode(sae, encode(sae, r, n))).val_loss;
  return { ...base, clean_loss: clean, spliced_loss: spliced, delta_loss: spliced - clean };
}
