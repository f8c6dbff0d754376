// Per-position SAE latents of a text: the residual at the SAE's hook for every character (windows of the context
// with stride half the context beyond one window, see sequenceResiduals), then the top-k code of each row.
import type { GPT } from '../model.ts';
import { encode as encodeTokens } from '../tokenizer.ts';
import { sequenceResiduals } from './residuals.ts';
import { encode, type Sae, type SparseCodes } from './sae.ts';

/**
 * For each character of `text` (row r = the r-th character after the tokenizer's normalisation, the residual at
 * that position, i.e. having read characters 0..r), the k active latents: indices[r·k + j], values[r·k + j], largest
 * first; a value of 0 means the slot is inactive (relu after topk).
 */
export function encodeText(model: GPT, sae: Sae, text: string): SparseCodes {
  if (model.cfg.dModel !== sae.d) throw new Error(`SAE width ${sae.d} does not match the model's ${model.cfg.dModel}`);
  const ids = encodeTokens(text);
  const resid = sequenceResiduals(model, ids, sae.hook);
  return encode(sae, resid, ids.length);
}
